using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// Refill requests through the API on the real databases: the patient asks for more of an active prescription, a second
/// request waits for the first, the prescriber declines with a reason the patient reads, or approves by signing a new
/// prescription; everyone else gets 404; the patient is told in the app and by e-mail; note and reason are encrypted at rest.
/// </summary>
public abstract class RefillScenarios(TelemedHost host)
{
    private const string DoctorEmail = "natalia.lebedeva@demo.telemed.dev";
    private const string OtherDoctor = "pavel.orlov@demo.telemed.dev";
    private const string OtherPatient = "yulia.mikhailova@demo.telemed.dev";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<(ApiClient Patient, ApiClient Doctor, Guid ConsultationId, Guid PrescriptionId)> SignedPrescriptionAsync(string patientEmail)
    {
        using (var admin = await host.SignedInAsync("admin@demo.telemed.dev"))
        {
            foreach (var clinic in (await admin.GetJsonAsync<JsonElement>("/api/v1/clinics")).EnumerateArray())
            {
                await (await admin.PutAsync($"/api/v1/admin/clinics/{clinic.GetProperty("id").GetGuid()}/jurisdiction", new { jurisdiction = "us" }))
                    .ShouldHaveStatusAsync(HttpStatusCode.OK);
            }
        }

        var doctor = await host.SignedInAsync(DoctorEmail);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var patient = await host.SignedInAsync(patientEmail);
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "neurology", kind = "video", complaint = Complaint(["head"], 3, "days", [], "Tension headache") });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var created = await doctor.PostAsync($"/api/v1/consultations/{id}/prescriptions",
            new { medicineCode = "paracetamol-500-tab", dose = 500, route = "oral", timesPerDay = 3, durationDays = 7, quantity = 21, refills = 0, instructions = "", version = 0 });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var draft = await created.Content.ReadFromJsonAsync<JsonElement>();
        var rxId = draft.GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}/sign", new { version = draft.GetProperty("version").GetInt32() }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
        return (patient, doctor, id, rxId);
    }

    private static async Task<JsonElement> RequestedAsync(ApiClient patient, Guid prescriptionId, string? note)
    {
        var response = await patient.PostAsync($"/api/v1/me/prescriptions/{prescriptionId}/refill-requests", new { note });
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> probe)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            DateTime.UtcNow.ShouldBeLessThan(until, "the outbox did not deliver in time");
            await Task.Delay(200);
        }
    }

    private static Task<JsonElement> NotificationAsync(ApiClient patient, string title) => EventuallyAsync(async () =>
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=50")).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("title").GetString() == title).Cast<JsonElement?>().FirstOrDefault());

    [Fact]
    public async Task Given_an_active_prescription_When_the_patient_asks_twice_and_the_doctor_declines_Then_one_request_waits_and_the_reason_reaches_the_patient()
    {
        var (patient, doctor, consultationId, rxId) = await SignedPrescriptionAsync("daria.komarova@demo.telemed.dev");
        using var _p = patient;
        using var _d = doctor;

        var request = await RequestedAsync(patient, rxId, "Refill-note-marker: running out on Friday");
        request.GetProperty("status").GetString().ShouldBe("requested");
        request.GetProperty("consultationId").GetGuid().ShouldBe(consultationId);
        request.GetProperty("medicineName").GetString()!.ShouldContain("Paracetamol");
        var refillId = request.GetProperty("id").GetGuid();

        var again = await patient.PostAsync($"/api/v1/me/prescriptions/{rxId}/refill-requests", new { note = (string?)null });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ProblemCodeAsync()).ShouldBe("clinical.refill_already_requested");
        (await (await patient.PostAsync($"/api/v1/me/prescriptions/{rxId}/refill-requests", new { note = new string('x', 501) })).ProblemCodeAsync())
            .ShouldBe("validation.failed");

        // The doctor's task queue shows it, open first, with the patient's note.
        var queue = (await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/refill-requests")).EnumerateArray().ToList();
        var task = queue.Single(r => r.GetProperty("id").GetGuid() == refillId);
        task.GetProperty("patientName").GetString()!.ShouldContain("Komarova");
        task.GetProperty("patientNote").GetString()!.ShouldContain("running out");
        queue.TakeWhile(r => r.GetProperty("status").GetString() == "requested").ShouldContain(r => r.GetProperty("id").GetGuid() == refillId);

        (await (await doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/decline", new { reason = "x" })).ProblemCodeAsync()).ShouldBe("validation.failed");
        var declined = await doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/decline", new { reason = "Decline-reason-marker: book a visit to review the dose" });
        await declined.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await declined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("declined");
        (await (await doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/approve")).ProblemCodeAsync()).ShouldBe("clinical.refill_already_decided");

        // The patient reads the reason in the portal; the notification (in her language, Russian) and the e-mail do not carry it.
        var mine = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/refill-requests")).EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == refillId);
        mine.GetProperty("status").GetString().ShouldBe("declined");
        mine.GetProperty("declineReason").GetString()!.ShouldContain("review the dose");
        var notification = await NotificationAsync(patient, "Врач отклонил запрос на продление рецепта");
        notification.GetProperty("link").GetString().ShouldBe("/patient/refills");
        notification.GetProperty("kind").GetString().ShouldBe("prescription");
        (await ApiClient.LatestLinkAsync(host, "daria.komarova@demo.telemed.dev", "/patient/refills")).ShouldNotBeNull();

        // Declined, the patient may ask again.
        await RequestedAsync(patient, rxId, null);

        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var stored = await RawDatabase.RowsAsync(connection,
            $"SELECT COALESCE(\"PatientNote\", '') || COALESCE(\"DeclineReason\", '') FROM {raw.Table("clinical", "refill_requests")}");
        stored.ShouldNotBeEmpty();
        stored.ShouldAllBe(value => !value.Contains("Refill-note-marker") && !value.Contains("Decline-reason-marker"));
    }

    [Fact]
    public async Task Given_a_refill_request_When_the_doctor_approves_and_signs_the_new_prescription_Then_the_request_is_approved_and_the_patient_is_told()
    {
        var (patient, doctor, consultationId, rxId) = await SignedPrescriptionAsync("grigory.tarasov@demo.telemed.dev");
        using var _p = patient;
        using var _d = doctor;
        var refillId = (await RequestedAsync(patient, rxId, null)).GetProperty("id").GetGuid();

        var approve = await doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/approve");
        await approve.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var started = await approve.Content.ReadFromJsonAsync<JsonElement>();
        started.GetProperty("consultationId").GetGuid().ShouldBe(consultationId);
        var newId = started.GetProperty("prescriptionId").GetGuid();
        newId.ShouldNotBe(rxId);

        // Approving twice returns the same draft; the request stays open until the draft is signed.
        var twice = await (await doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/approve")).Content.ReadFromJsonAsync<JsonElement>();
        twice.GetProperty("prescriptionId").GetGuid().ShouldBe(newId);
        var draft = await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}/prescriptions/{newId}");
        draft.GetProperty("status").GetString().ShouldBe("draft");
        draft.GetProperty("medication").GetProperty("code").GetString().ShouldBe("paracetamol-500-tab");
        draft.GetProperty("overrides").EnumerateArray().Select(o => o.GetProperty("code").GetString()).ShouldBe(["duplicate_therapy"]);
        // The reason the system recorded carries its code, for the doctor's screen to word in their language.
        draft.GetProperty("overrides")[0].GetProperty("reasonCode").GetString().ShouldBe("refill");
        draft.GetProperty("openFindings").GetArrayLength().ShouldBe(0);
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/refill-requests")).EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == refillId)
            .GetProperty("status").GetString().ShouldBe("requested");

        var signed = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions/{newId}/sign", new { version = started.GetProperty("version").GetInt32() });
        await signed.ShouldHaveStatusAsync(HttpStatusCode.OK);

        await EventuallyAsync(async () => (await patient.GetJsonAsync<JsonElement>("/api/v1/me/refill-requests")).EnumerateArray()
            .Where(r => r.GetProperty("id").GetGuid() == refillId && r.GetProperty("status").GetString() == "approved").Cast<JsonElement?>().FirstOrDefault());
        await NotificationAsync(patient, "Врач одобрил продление рецепта");
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/prescriptions")).EnumerateArray()
            .ShouldContain(p => p.GetProperty("id").GetGuid() == newId && p.GetProperty("status").GetString() == "active");
        var task = (await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/refill-requests")).EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == refillId);
        task.GetProperty("newPrescriptionId").GetGuid().ShouldBe(newId);
        (await (await doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/decline", new { reason = "Changed my mind" })).ProblemCodeAsync())
            .ShouldBe("clinical.refill_already_decided");
    }

    [Fact]
    public async Task Given_a_refill_request_When_someone_else_asks_lists_or_decides_Then_they_get_404_and_the_refusal_is_audited()
    {
        var (patient, doctor, _, rxId) = await SignedPrescriptionAsync("ksenia.orekhova@demo.telemed.dev");
        using var _p = patient;
        using var _d = doctor;
        var refillId = (await RequestedAsync(patient, rxId, null)).GetProperty("id").GetGuid();

        using var stranger = await host.SignedInAsync(OtherPatient);
        var foreign = await stranger.PostAsync($"/api/v1/me/prescriptions/{rxId}/refill-requests", new { note = (string?)null });
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await foreign.ProblemCodeAsync()).ShouldBe("clinical.not_found");
        (await (await stranger.PostAsync($"/api/v1/me/prescriptions/{Guid.NewGuid()}/refill-requests", new { note = (string?)null })).ProblemCodeAsync())
            .ShouldBe("clinical.not_found");
        (await stranger.GetJsonAsync<JsonElement>("/api/v1/me/refill-requests")).EnumerateArray().ShouldNotContain(r => r.GetProperty("id").GetGuid() == refillId);
        (await stranger.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/approve")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var otherDoctor = await host.SignedInAsync(OtherDoctor);
        (await otherDoctor.GetJsonAsync<JsonElement>("/api/v1/clinical/refill-requests")).EnumerateArray().ShouldNotContain(r => r.GetProperty("id").GetGuid() == refillId);
        var approve = await otherDoctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/approve");
        approve.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await approve.ProblemCodeAsync()).ShouldBe("clinical.not_found");
        (await (await otherDoctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/decline", new { reason = "Not my patient" })).ProblemCodeAsync())
            .ShouldBe("clinical.not_found");
        (await (await doctor.PostAsync($"/api/v1/clinical/refill-requests/{Guid.NewGuid()}/approve")).ProblemCodeAsync()).ShouldBe("clinical.not_found");

        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var denials = await EventuallyAsync(async () => (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=access.denied&recordId={refillId}&pageSize=50"))
            .GetProperty("items").EnumerateArray().Where(e => e.GetRawText().Contains("RefillRequest")).Select(e => e.Clone()).Cast<JsonElement?>().FirstOrDefault());
        denials.GetRawText().ShouldContain("not the assigned doctor");

        // The request is still open and still the prescriber's to decide.
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/refill-requests")).EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == refillId)
            .GetProperty("status").GetString().ShouldBe("requested");
        await (await doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/decline", new { reason = "Tidy up after the access test" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_a_refill_request_When_the_doctor_cancels_the_prescription_Then_the_request_is_declined_and_cannot_be_approved()
    {
        // An approval after the cancel once drafted (and let the doctor sign) the withdrawn therapy again.
        var (patient, doctor, consultationId, rxId) = await SignedPrescriptionAsync("artem.belov@demo.telemed.dev");
        using var _p = patient;
        using var _d = doctor;
        var refillId = (await RequestedAsync(patient, rxId, "more")).GetProperty("id").GetGuid();

        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions/{rxId}/cancel", new { reason = "Stop: liver enzymes raised" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        var approve = await doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/approve");
        approve.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await approve.ProblemCodeAsync()).ShouldBe("clinical.refill_already_decided");
        var mine = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/refill-requests")).EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == refillId);
        mine.GetProperty("status").GetString().ShouldBe("declined");
        mine.GetProperty("declineReason").GetString()!.ShouldContain("liver enzymes");
        (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}/prescriptions")).GetRawText().ShouldNotContain("\"draft\"");
        await NotificationAsync(patient, "Врач отклонил запрос на продление рецепта");
    }

    [Fact]
    public async Task Given_an_approval_started_When_the_doctor_cancels_the_original_Then_the_draft_is_cancelled_and_cannot_be_signed()
    {
        var (patient, doctor, consultationId, rxId) = await SignedPrescriptionAsync("artem.belov@demo.telemed.dev");
        using var _p = patient;
        using var _d = doctor;
        var refillId = (await RequestedAsync(patient, rxId, null)).GetProperty("id").GetGuid();
        var started = await (await doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/approve")).Content.ReadFromJsonAsync<JsonElement>();
        var draftId = started.GetProperty("prescriptionId").GetGuid();

        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions/{rxId}/cancel", new { reason = "Stop the therapy" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}/prescriptions/{draftId}")).GetProperty("status").GetString().ShouldBe("cancelled");
        var sign = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions/{draftId}/sign", new { version = started.GetProperty("version").GetInt32() });
        sign.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await (await doctor.PostAsync($"/api/v1/clinical/refill-requests/{refillId}/approve")).ProblemCodeAsync()).ShouldBe("clinical.refill_already_decided");
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/refill-requests")).EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == refillId)
            .GetProperty("status").GetString().ShouldBe("declined");
    }

    [Fact]
    public async Task Given_an_active_prescription_When_five_refill_requests_are_sent_at_once_Then_one_waits_for_the_doctor_and_the_others_are_409()
    {
        // Each request once passed the "none open" check before any had inserted: five open requests in the doctor's queue.
        var (patient, doctor, _, rxId) = await SignedPrescriptionAsync("emily.watson@demo.telemed.dev");
        using var _p = patient;
        using var _d = doctor;

        var answers = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => patient.PostAsync($"/api/v1/me/prescriptions/{rxId}/refill-requests", new { note = "Once, please." })));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await refused.ProblemCodeAsync()).ShouldBe("clinical.refill_already_requested");
        }

        (await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/refill-requests")).EnumerateArray()
            .Count(r => r.GetProperty("prescriptionId").GetGuid() == rxId && r.GetProperty("status").GetString() == "requested").ShouldBe(1);
    }
}

[Collection("clinical-sqlite")]
public sealed class RefillScenariosOnSqlite(ClinicalSqliteHost host) : RefillScenarios(host);

[Collection("clinical-postgres")]
public sealed class RefillScenariosOnPostgres(ClinicalPostgresHost host) : RefillScenarios(host);
