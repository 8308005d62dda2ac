using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// Clinical transitions sent at once on the real databases: a prescription signed and edited, signed and cancelled, signed
/// twice; a visit protocol signed twice and signed while autosaved; a refill request approved twice and declined. Each
/// transition reads, then writes under the record's concurrency token, so one of those that read the same state saves and the
/// others get 409 — never two saved over each other (an active prescription with content nobody signed, a lost cancel, two
/// drafts for one refill). Races depend on timing, so each is run several times and what is asserted holds in every order
/// the server may have taken; every committed transition has exactly one success entry in the audit trail, a refused one none.
/// </summary>
public abstract class ClinicalRaceScenarios(TelemedHost host)
{
    private const int Rounds = 4;

    private static object Rx(int version, int quantity = 21) =>
        new { medicineCode = "paracetamol-500-tab", dose = 500, route = "oral", timesPerDay = 3, durationDays = 7, quantity, refills = 0, instructions = "After food.", version };

    /// <summary>A draft with its warnings overridden (earlier rounds give this patient the same medicine): ready to sign.</summary>
    private static async Task<JsonElement> SignableDraftAsync(ApiClient doctor, Guid consultationId)
    {
        var created = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions", Rx(0));
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var draft = await created.Content.ReadFromJsonAsync<JsonElement>();
        foreach (var finding in draft.GetProperty("openFindings").EnumerateArray().ToList())
        {
            var overridden = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions/{draft.GetProperty("id").GetGuid()}/overrides",
                new { code = finding.GetProperty("code").GetString(), reason = "Reviewed for this scenario", version = draft.GetProperty("version").GetInt32() });
            await overridden.ShouldHaveStatusAsync(HttpStatusCode.OK);
            draft = await overridden.Content.ReadFromJsonAsync<JsonElement>();
        }

        draft.GetProperty("openFindings").GetArrayLength().ShouldBe(0);
        return draft;
    }

    private async Task<int> SuccessfulWritesAsync(string recordType, Guid recordId)
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=phi.update&recordType={recordType}&recordId={recordId}&pageSize=100");
        return page.GetProperty("items").EnumerateArray().Count(e => string.Equals(e.GetProperty("outcome").GetString(), "success", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<string> TrailAsync(Guid recordId)
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        return (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?recordId={recordId}&pageSize=100")).GetRawText();
    }

    private static async Task ShouldBeConflictAsync(HttpResponseMessage response, params string[] codes)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        codes.ShouldContain(await response.ProblemCodeAsync());
    }

    /// <summary>The public check (what a pharmacy sees) of a verification code: null when no prescription has it.</summary>
    private async Task<JsonElement?> PublicCheckAsync(string code)
    {
        using var anonymous = host.CreateApiClient();
        using var answer = await anonymous.Http.GetAsync($"/api/v1/public/prescriptions/{code}");
        return answer.StatusCode == HttpStatusCode.NotFound ? null : await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Given_a_draft_prescription_When_it_is_signed_and_edited_signed_and_cancelled_or_signed_twice_at_once_Then_one_saves_and_the_others_get_409()
    {
        await PrescriptionSteps.SetEveryClinicAsync(host, "us");
        var (patient, doctor, id) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "boris.kovalev@demo.telemed.dev", "Back pain after lifting");
        using var _p = patient;
        using var _d = doctor;
        string Path(Guid rxId) => $"/api/v1/consultations/{id}/prescriptions/{rxId}";

        // Ended whatever happens: a consultation left in progress would keep the doctor busy for the scenarios after this one.
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                // Signed and edited (the same version) at once: before, both saved — an active prescription whose content nobody signed.
                var draft = await SignableDraftAsync(doctor, id);
                var rxId = draft.GetProperty("id").GetGuid();
                var version = draft.GetProperty("version").GetInt32();
                var writesBefore = await SuccessfulWritesAsync("Prescription", rxId);
                var answers = await Task.WhenAll(doctor.PostAsync($"{Path(rxId)}/sign", new { version }), doctor.PutAsync(Path(rxId), Rx(version, quantity: 42)));
                answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1, $"round {round}: sign {answers[0].StatusCode}, edit {answers[1].StatusCode}");
                await ShouldBeConflictAsync(answers.Single(a => a.StatusCode != HttpStatusCode.OK), "clinical.prescription_changed", "clinical.prescription_not_draft");
                var stored = await doctor.GetJsonAsync<JsonElement>(Path(rxId));
                if (answers[0].StatusCode == HttpStatusCode.OK)
                {
                    stored.GetProperty("status").GetString().ShouldBe("active");
                    stored.GetProperty("dispenseRequest").GetProperty("quantity").GetInt32().ShouldBe(21);
                    var check = (await PublicCheckAsync(stored.GetProperty("verificationCode").GetString()!)).ShouldNotBeNull();
                    check.GetProperty("signatureValid").GetBoolean().ShouldBeTrue(check.ToString());
                }
                else
                {
                    stored.GetProperty("status").GetString().ShouldBe("draft");
                    stored.GetProperty("dispenseRequest").GetProperty("quantity").GetInt32().ShouldBe(42);
                }

                (await SuccessfulWritesAsync("Prescription", rxId) - writesBefore).ShouldBe(1, await TrailAsync(rxId));

                // Signed and cancelled at once: before, both answered 200 and the cancel was lost under the signature.
                draft = await SignableDraftAsync(doctor, id);
                rxId = draft.GetProperty("id").GetGuid();
                writesBefore = await SuccessfulWritesAsync("Prescription", rxId);
                answers = await Task.WhenAll(doctor.PostAsync($"{Path(rxId)}/sign", new { version = draft.GetProperty("version").GetInt32() }),
                    doctor.PostAsync($"{Path(rxId)}/cancel", new { reason = "Changed my mind" }));
                var (signed, cancelled) = (answers[0].StatusCode == HttpStatusCode.OK, answers[1].StatusCode == HttpStatusCode.OK);
                (signed || cancelled).ShouldBeTrue();
                foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
                {
                    await ShouldBeConflictAsync(refused, "clinical.prescription_changed", "clinical.prescription_not_draft");
                }

                // Both may succeed only one after the other (signed, then the active prescription withdrawn): the cancel is never lost.
                stored = await doctor.GetJsonAsync<JsonElement>(Path(rxId));
                stored.GetProperty("status").GetString().ShouldBe(cancelled ? "cancelled" : "active", $"round {round}");
                if (!cancelled)
                {
                    var check = (await PublicCheckAsync(stored.GetProperty("verificationCode").GetString()!)).ShouldNotBeNull();
                    check.GetProperty("signatureValid").GetBoolean().ShouldBeTrue(check.ToString());
                }

                (await SuccessfulWritesAsync("Prescription", rxId) - writesBefore).ShouldBe((signed ? 1 : 0) + (cancelled ? 1 : 0), await TrailAsync(rxId));

                // Signed twice at once: before, both saved, each with its own verification code.
                draft = await SignableDraftAsync(doctor, id);
                rxId = draft.GetProperty("id").GetGuid();
                writesBefore = await SuccessfulWritesAsync("Prescription", rxId);
                answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => doctor.PostAsync($"{Path(rxId)}/sign", new { version = draft.GetProperty("version").GetInt32() })));
                answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1, $"round {round}");
                await ShouldBeConflictAsync(answers.Single(a => a.StatusCode != HttpStatusCode.OK), "clinical.prescription_changed", "clinical.prescription_not_draft");
                var winner = (await answers.Single(a => a.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verificationCode").GetString()!;
                stored = await doctor.GetJsonAsync<JsonElement>(Path(rxId));
                stored.GetProperty("verificationCode").GetString().ShouldBe(winner);
                (await PublicCheckAsync(winner)).ShouldNotBeNull().GetProperty("signatureValid").GetBoolean().ShouldBeTrue();
                (await SuccessfulWritesAsync("Prescription", rxId) - writesBefore).ShouldBe(1, await TrailAsync(rxId));
            }
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, id);
        }
    }

    [Fact]
    public async Task Given_a_draft_protocol_When_it_is_signed_twice_or_signed_and_autosaved_at_once_Then_one_saves_and_the_signature_verifies()
    {
        await PrescriptionSteps.SetEveryClinicAsync(host, "us");
        for (var round = 0; round < Rounds; round++)
        {
            // A protocol per consultation: each round is a visit of its own.
            var (patient, doctor, id) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "alina.sharova@demo.telemed.dev", "Headache for two days");
            using var _p = patient;
            using var _d = doctor;
            var path = $"/api/v1/consultations/{id}/protocol";
            var saved = await doctor.PutAsync(path, Protocol(0, "Headache for two days."));
            await saved.ShouldHaveStatusAsync(HttpStatusCode.OK);
            var protocolId = await ProtocolIdAsync(id);
            // A protocol is signed once the consultation has ended (the doctor may still edit it then).
            await PrescriptionSteps.EndAsync(doctor, id);
            var writesBefore = await SuccessfulWritesAsync("VisitProtocol", protocolId);

            // Even rounds: signed and autosaved from the same version (before, the autosave could land on the signed protocol).
            // Odd rounds: signed twice (before, both saved, the second signature over the first).
            var answers = round % 2 == 0
                ? await Task.WhenAll(doctor.PostAsync($"{path}/sign", new { version = 1 }), doctor.PutAsync(path, Protocol(1, "Rewritten at the moment of signing.")))
                : await Task.WhenAll(doctor.PostAsync($"{path}/sign", new { version = 1 }), doctor.PostAsync($"{path}/sign", new { version = 1 }));
            answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1, $"round {round}: {answers[0].StatusCode}, {answers[1].StatusCode}");
            await ShouldBeConflictAsync(answers.Single(a => a.StatusCode != HttpStatusCode.OK), "clinical.protocol_changed", "clinical.protocol_signed");

            var stored = await doctor.GetJsonAsync<JsonElement>(path);
            if (stored.GetProperty("status").GetString() == "signed")
            {
                var check = (await doctor.GetJsonAsync<JsonElement>($"{path}/verification")).GetProperty("protocol");
                check.GetProperty("valid").GetBoolean().ShouldBeTrue(check.ToString());
            }
            else
            {
                round.ShouldBe(round / 2 * 2, "two signatures leave a signed protocol");
                stored.GetProperty("historyOfPresentIllness").GetString().ShouldBe("Rewritten at the moment of signing.");
            }

            (await SuccessfulWritesAsync("VisitProtocol", protocolId) - writesBefore).ShouldBe(1);
        }
    }

    [Fact]
    public async Task Given_a_refill_request_When_it_is_approved_twice_and_declined_at_once_Then_it_is_decided_once_with_at_most_one_draft()
    {
        await PrescriptionSteps.SetEveryClinicAsync(host, "us");
        var (patient, doctor, id) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "viktor.zaitsev@demo.telemed.dev", "Joint pain");
        using var _p = patient;
        using var _d = doctor;
        var originals = new List<Guid>();
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                originals.Add((await PrescriptionSteps.SignedPrescriptionAsync(doctor, id, "paracetamol-500-tab", 500, 3, 21)).GetProperty("id").GetGuid());
            }
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, id);
        }

        foreach (var (rxId, round) in originals.Select((rx, i) => (rx, i)))
        {
            var requested = await patient.PostAsync($"/api/v1/me/prescriptions/{rxId}/refill-requests", new { note = "Running out." });
            await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
            var refillId = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var before = (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/prescriptions")).EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToHashSet();

            var answers = await Task.WhenAll(
                doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/approve"),
                doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/approve"),
                doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/decline", new { reason = "Book a visit to review the dose." }));
            foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
            {
                await ShouldBeConflictAsync(refused, "clinical.refill_already_decided");
            }

            var approvedAs = new List<Guid>();
            foreach (var approval in answers.Take(2).Where(a => a.StatusCode == HttpStatusCode.OK))
            {
                approvedAs.Add((await approval.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("prescriptionId").GetGuid());
            }

            var declined = answers[2].StatusCode == HttpStatusCode.OK;
            (approvedAs.Count > 0 || declined).ShouldBeTrue($"round {round}: nobody won");
            // An approval answered after another returns the draft already started: one draft per request, whatever the order.
            approvedAs.Distinct().Count().ShouldBeLessThanOrEqualTo(1, $"round {round}");
            var made = (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/prescriptions")).EnumerateArray()
                .Where(p => !before.Contains(p.GetProperty("id").GetGuid())).ToList();
            made.Count.ShouldBeLessThanOrEqualTo(1, $"round {round}: {made.Count} drafts for one request");
            made.Select(p => p.GetProperty("id").GetGuid()).ShouldBe(approvedAs.Distinct());

            var request = (await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/refill-requests")).EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == refillId);
            if (declined)
            {
                // Declined after an approval started: its draft is cancelled, nothing is left to sign.
                request.GetProperty("status").GetString().ShouldBe("declined");
                made.ShouldAllBe(p => p.GetProperty("status").GetString() == "cancelled");
            }
            else
            {
                request.GetProperty("status").GetString().ShouldBe("requested");
                made.Single().GetProperty("status").GetString().ShouldBe("draft");
                request.GetProperty("newPrescriptionId").GetGuid().ShouldBe(approvedAs[0]);
                // Tidy: the request is declined so the next round's original is the only one open.
                await (await doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/decline", new { reason = "Tidy up after the race." }))
                    .ShouldHaveStatusAsync(HttpStatusCode.OK);
            }

            // One success in the trail per committed decision: the approval that linked a draft, the decline (and the tidy-up).
            (await SuccessfulWritesAsync("RefillRequest", refillId)).ShouldBe(made.Count + (declined ? 1 : 0) + (declined ? 0 : 1));
        }
    }

    private async Task<Guid> ProtocolIdAsync(Guid consultationId)
    {
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var id = raw.IsPostgres ? consultationId.ToString() : consultationId.ToString().ToUpperInvariant();
        return Guid.Parse((await RawDatabase.RowsAsync(connection, $"SELECT \"Id\" FROM {raw.Table("clinical", "visit_protocols")} WHERE \"ConsultationId\" = '{id}'")).Single());
    }

    private static object Protocol(int version, string hpi) => new
    {
        version,
        complaints = "Headache",
        historyOfPresentIllness = hpi,
        objectiveFindings = "Alert, no focal signs on video.",
        recommendations = "Fluids, sleep.",
        diagnoses = new object[] { new { code = "R51", role = "primary", certainty = "preliminary" } },
        referrals = Array.Empty<object>(),
        followUpOn = (string?)null,
    };
}

[Collection("clinical-sqlite")]
public sealed class ClinicalRaceScenariosOnSqlite(ClinicalSqliteHost host) : ClinicalRaceScenarios(host);

[Collection("clinical-postgres")]
public sealed class ClinicalRaceScenariosOnPostgres(ClinicalPostgresHost host) : ClinicalRaceScenarios(host);
