using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Pharmacy;

/// <summary>
/// Pharmacies near a point, sending a prescription to one, who at the counter may see it, dispensing in full or in part,
/// declining, the live status for the patient and the prescriber, and the race of two pharmacists dispensing at once.
/// </summary>
public abstract class PharmacyScenarios(PharmacyHost host)
{
    private const string Admin = "admin@demo.telemed.dev";
    private const string DemoPharmacist = "pharmacist@demo.telemed.dev";
    private const string Prescriber = "natalia.lebedeva@demo.telemed.dev";
    private const string Patient = "mikhail.vasiliev@demo.telemed.dev";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<Guid> CreatePharmacyAsync(ApiClient admin, string name, double lat, double lon, bool active = true)
    {
        var created = await admin.PostAsync("/api/v1/admin/pharmacies",
            new { name, address = name + " street 1", city = "Dunedin", latitude = lat, longitude = lon, phone = "+64 3 555 0101", openingHours = "Mon–Fri 09:00–18:00", active });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> UserIdAsync(ApiClient client) =>
        (await client.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("id").GetGuid();

    private async Task<ApiClient> PharmacistAtAsync(ApiClient admin, string email, Guid pharmacyId)
    {
        var userId = await host.EnsurePharmacistAsync(email);
        await (await admin.PutAsync($"/api/v1/admin/pharmacists/{userId}", new { pharmacyId })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        var client = host.CreateApiClient();
        await client.SignInAsync(email, Demo.Password, Demo.KeyFor(email));
        return client;
    }

    [Fact]
    public async Task Given_pharmacies_around_a_point_Then_the_nearest_come_first_with_distances_and_far_inactive_or_bad_inputs_do_not()
    {
        using var admin = await host.SignedInAsync(Admin);
        // A spot no other scenario uses: offsets north of it of about 0.5, 2, 8 and 40 km.
        const double lat = -45.8788, lon = 170.5028;
        var tag = Guid.NewGuid().ToString("N")[..6];
        await CreatePharmacyAsync(admin, $"Eight km {tag}", lat + 8 / 111.2, lon);
        await CreatePharmacyAsync(admin, $"Half km {tag}", lat + 0.5 / 111.2, lon);
        await CreatePharmacyAsync(admin, $"Forty km {tag}", lat + 40 / 111.2, lon);
        await CreatePharmacyAsync(admin, $"Two km {tag}", lat - 2 / 111.2, lon);
        await CreatePharmacyAsync(admin, $"Closed one km {tag}", lat + 1 / 111.2, lon, active: false);

        using var patient = await host.SignedInAsync(Patient);
        var near = await patient.GetJsonAsync<JsonElement>($"/api/v1/pharmacies?lat={Num(lat)}&lon={Num(lon)}&radiusKm=25");
        var found = near.EnumerateArray().Where(p => p.GetProperty("name").GetString()!.EndsWith(tag, StringComparison.Ordinal)).ToList();
        found.Select(p => p.GetProperty("name").GetString()).ShouldBe([$"Half km {tag}", $"Two km {tag}", $"Eight km {tag}"]);
        found.Select(p => p.GetProperty("distanceKm").GetDouble()).ShouldBe([0.5, 2.0, 8.0], tolerance: 0.05);
        near.EnumerateArray().Select(p => p.GetProperty("distanceKm").GetDouble()).ShouldBeInOrder(SortDirection.Ascending);

        var wider = await patient.GetJsonAsync<JsonElement>($"/api/v1/pharmacies?lat={Num(lat)}&lon={Num(lon)}&radiusKm=50");
        wider.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldContain($"Forty km {tag}");

        // The demo pharmacies around the Moscow clinic on Tverskaya, nearest first; Novosibirsk's is far away.
        var moscow = await patient.GetJsonAsync<JsonElement>("/api/v1/pharmacies?lat=55.7652&lon=37.6050");
        moscow.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Take(3).ShouldBe(["Apteka Pushkinskaya", "Apteka Tverskaya 8", "Apteka Belorusskaya 24h"]);
        moscow.EnumerateArray().Select(p => p.GetProperty("city").GetString()).ShouldNotContain("Novosibirsk");

        foreach (var query in new[] { "lat=91&lon=0", "lat=0&lon=-180.5", "lat=abc&lon=1", "lon=1", "lat=NaN&lon=1", "lat=1e400&lon=1", "" })
        {
            var bad = await patient.Http.GetAsync($"/api/v1/pharmacies?{query}");
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            (await bad.ProblemCodeAsync()).ShouldBe("pharmacy.invalid_coordinates", query);
        }

        (await (await patient.Http.GetAsync("/api/v1/pharmacies?lat=1&lon=1&radiusKm=0")).ProblemCodeAsync()).ShouldBe("pharmacy.invalid_radius");
        (await host.CreateApiClient().Http.GetAsync("/api/v1/pharmacies?lat=1&lon=1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var badPharmacy = await admin.PostAsync("/api/v1/admin/pharmacies", new { name = "Nowhere", address = "x", city = "", latitude = 123.0, longitude = 0.0, phone = (string?)null, openingHours = (string?)null, active = true });
        badPharmacy.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badPharmacy.ProblemCodeAsync()).ShouldBe("validation.failed");
        (await patient.PostAsync("/api/v1/admin/pharmacies", new { name = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Given_a_prescription_sent_to_a_pharmacy_Then_only_its_pharmacists_or_a_QR_holder_see_it_it_is_dispensed_in_parts_and_the_patient_and_prescriber_hear_live()
    {
        using var admin = await host.SignedInAsync(Admin);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var here = await CreatePharmacyAsync(admin, $"Counter A {tag}", -45.1, 170.1);
        var there = await CreatePharmacyAsync(admin, $"Counter B {tag}", -45.2, 170.2);
        using var pharmacist = await PharmacistAtAsync(admin, DemoPharmacist, here);
        using var otherPharmacist = await PharmacistAtAsync(admin, $"pharmacist-b-{tag}@example.test", there);
        using var patient = await host.SignedInAsync(Patient);
        using var prescriber = await host.SignedInAsync(Prescriber);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var rx = host.Prescriptions.Add(patientId, await UserIdAsync(prescriber), quantity: 2);

        // Not sent anywhere yet: no pharmacy sees it by id.
        (await (await pharmacist.Http.GetAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}")).ProblemCodeAsync()).ShouldBe("pharmacy.not_found");

        using var patientHub = (await HubClient.ConnectAsync(patient, "/hubs/notifications", "notificationReceived", "unreadChanged", "subscribed"))!;
        using var prescriberHub = (await HubClient.ConnectAsync(prescriber, "/hubs/notifications", "notificationReceived", "unreadChanged", "subscribed"))!;
        await patientHub.NextEventAsync("subscribed");
        await prescriberHub.NextEventAsync("subscribed");
        using (var stranger = await host.SignedInAsync("sophie.turner@demo.telemed.dev"))
        {
            var notMine = await stranger.PostAsync($"/api/v1/me/prescriptions/{rx.PrescriptionId}/pharmacy", new { pharmacyId = here });
            notMine.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await notMine.ProblemCodeAsync()).ShouldBe("pharmacy.not_found");
        }

        var sent = await patient.PostAsync($"/api/v1/me/prescriptions/{rx.PrescriptionId}/pharmacy", new { pharmacyId = here });
        await sent.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("sent");

        var list = await pharmacist.GetJsonAsync<JsonElement>("/api/v1/pharmacist/prescriptions");
        list.EnumerateArray().First().GetProperty("prescriptionId").GetGuid().ShouldBe(rx.PrescriptionId);
        var detail = await pharmacist.GetJsonAsync<JsonElement>($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}");
        detail.GetProperty("patientInitials").GetString().ShouldBe("M. V.");
        detail.GetProperty("patientBirthYear").GetInt32().ShouldBe(1954);
        detail.GetProperty("signatureValid").GetBoolean().ShouldBeTrue();
        detail.GetProperty("dispensingStatus").GetString().ShouldBe("sent");
        detail.GetProperty("sentToMyPharmacy").GetBoolean().ShouldBeTrue();
        detail.TryGetProperty("patientId", out _).ShouldBeFalse();

        // Another pharmacy's pharmacist, the front desk, an admin and an unrelated doctor: 404, as for an unknown id.
        using var desk = await host.SignedInAsync(SchedulingApi.FrontDesk);
        using var otherDoctor = await host.SignedInAsync("sergey.volkov@demo.telemed.dev");
        foreach (var (who, client) in new[] { ("other pharmacy", otherPharmacist), ("front desk", desk), ("admin", admin), ("doctor", otherDoctor), ("patient", patient) })
        {
            var read = await client.Http.GetAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}");
            read.StatusCode.ShouldBe(HttpStatusCode.NotFound, who);
            (await read.ProblemCodeAsync()).ShouldBe("pharmacy.not_found", who);
            var dispense = await client.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense", new { quantity = 1 });
            dispense.StatusCode.ShouldBe(HttpStatusCode.NotFound, who);
        }

        (await otherPharmacist.GetJsonAsync<JsonElement>("/api/v1/pharmacist/prescriptions")).EnumerateArray()
            .ShouldNotContain(p => p.GetProperty("prescriptionId").GetGuid() == rx.PrescriptionId);
        (await DenialsAsync(rx.PrescriptionId)).Count.ShouldBeGreaterThanOrEqualTo(5);

        // Presented by QR at the other pharmacy: the scanned URL opens it there.
        var presented = await otherPharmacist.PostAsync("/api/v1/pharmacist/prescriptions/lookup", new { code = $"https://telemed.example/verify/rx/{rx.VerificationCode.ToUpperInvariant()}" });
        await presented.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await presented.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sentToMyPharmacy").GetBoolean().ShouldBeFalse();
        (await (await otherPharmacist.PostAsync("/api/v1/pharmacist/prescriptions/lookup", new { code = "rx-unknown-code" })).ProblemCodeAsync()).ShouldBe("pharmacy.not_found");
        (await (await desk.PostAsync("/api/v1/pharmacist/prescriptions/lookup", new { code = rx.VerificationCode })).ProblemCodeAsync()).ShouldBe("pharmacy.not_found");

        var tooMany = await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense", new { quantity = 3 });
        tooMany.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await tooMany.ProblemCodeAsync()).ShouldBe("pharmacy.quantity_exceeds_remaining");
        (await (await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense", new { quantity = 0 })).ProblemCodeAsync()).ShouldBe("validation.failed");

        var part = await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense", new { quantity = 1 });
        await part.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var afterPart = await part.Content.ReadFromJsonAsync<JsonElement>();
        afterPart.GetProperty("dispensingStatus").GetString().ShouldBe("partiallyDispensed");
        afterPart.GetProperty("quantityRemaining").GetInt32().ShouldBe(1);
        var partNote = await patientHub.NextEventAsync("notificationReceived", e => e.GetProperty("notification").GetProperty("link").GetString() == $"/patient/prescriptions/{rx.PrescriptionId}"
            && e.GetProperty("notification").GetProperty("title").GetString() == "Рецепт отпущен в аптеке частично", Patience);
        partNote.GetProperty("notification").GetProperty("kind").GetString().ShouldBe("prescription");

        var move = await patient.PostAsync($"/api/v1/me/prescriptions/{rx.PrescriptionId}/pharmacy", new { pharmacyId = there });
        move.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await move.ProblemCodeAsync()).ShouldBe("pharmacy.already_dispensing");

        var rest = await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense", new { quantity = 1 });
        await rest.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await rest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dispensingStatus").GetString().ShouldBe("dispensed");
        var again = await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense", new { quantity = 1 });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ProblemCodeAsync()).ShouldBe("pharmacy.already_dispensed");

        // Mikhail reads Russian: titles come in the recipient's language.
        var full = await patientHub.NextEventAsync("notificationReceived", e => e.GetProperty("notification").GetProperty("title").GetString() == "Рецепт отпущен в аптеке", Patience);
        full.GetProperty("notification").GetProperty("link").GetString().ShouldBe($"/patient/prescriptions/{rx.PrescriptionId}");
        var prescriberTitles = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var note = await prescriberHub.NextEventAsync("notificationReceived",
                e => e.GetProperty("notification").GetProperty("link").GetString() == $"/doctor/prescriptions/{rx.PrescriptionId}", Patience);
            prescriberTitles.Add(note.GetProperty("notification").GetProperty("title").GetString()!);
        }

        prescriberTitles.Count(t => t.Contains("partly", StringComparison.Ordinal) || t.Contains("частично", StringComparison.Ordinal)).ShouldBe(1);

        var status = await patient.GetJsonAsync<JsonElement>($"/api/v1/me/prescriptions/{rx.PrescriptionId}/dispensing");
        status.GetProperty("status").GetString().ShouldBe("dispensed");
        status.GetProperty("quantityDispensed").GetInt32().ShouldBe(2);
        status.GetProperty("pharmacyName").GetString().ShouldBe($"Counter A {tag}");
    }

    [Fact]
    public async Task Given_two_pharmacists_dispensing_the_same_prescription_at_once_Then_exactly_one_succeeds()
    {
        using var admin = await host.SignedInAsync(Admin);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var pharmacy = await CreatePharmacyAsync(admin, $"Race {tag}", -44.5, 169.5);
        using var first = await PharmacistAtAsync(admin, DemoPharmacist, pharmacy);
        using var second = await PharmacistAtAsync(admin, $"pharmacist-race-{tag}@example.test", pharmacy);
        using var patient = await host.SignedInAsync(Patient);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var raw = new RawDatabase(host);

        for (var round = 0; round < 4; round++)
        {
            // Even rounds: sent to the pharmacy (an UPDATE of one row with its version); odd: presented by QR, never sent (two INSERTs).
            var rx = host.Prescriptions.Add(patientId, Guid.NewGuid(), quantity: 2);
            var viaCode = round % 2 == 1;
            if (!viaCode)
            {
                await (await patient.PostAsync($"/api/v1/me/prescriptions/{rx.PrescriptionId}/pharmacy", new { pharmacyId = pharmacy })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            }

            var body = new { quantity = 2, verificationCode = viaCode ? rx.VerificationCode : null };
            var answers = await Task.WhenAll(
                first.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense", body),
                second.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense", body));
            answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1, $"round {round}");
            var loser = answers.Single(a => a.StatusCode != HttpStatusCode.OK);
            loser.StatusCode.ShouldBe(HttpStatusCode.Conflict, $"round {round}");
            (await loser.ProblemCodeAsync()).ShouldBeOneOf("pharmacy.dispensing_conflict", "pharmacy.already_dispensed");

            await using var connection = await raw.OpenAsync();
            var id = raw.IsPostgres ? rx.PrescriptionId.ToString() : rx.PrescriptionId.ToString().ToUpperInvariant();
            (await RawDatabase.RowsAsync(connection, $"SELECT \"Quantity\" FROM {raw.Table("pharmacy", "dispensing_records")} WHERE \"PrescriptionId\" = '{id}'"))
                .ShouldBe(["2"], $"round {round}");
            // The loser's dispensing never happened: the trail says so by having one success, the winner's.
            (await SuccessesAsync("pharmacy.prescription_dispensed", rx.PrescriptionId)).Count.ShouldBe(1, $"round {round}");
        }
    }

    [Fact]
    public async Task Given_a_hand_over_sent_again_with_its_Idempotency_Key_Then_the_medicine_is_handed_over_once_and_both_answers_agree()
    {
        using var admin = await host.SignedInAsync(Admin);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var pharmacy = await CreatePharmacyAsync(admin, $"Retry {tag}", -44.7, 169.1);
        using var pharmacist = await PharmacistAtAsync(admin, DemoPharmacist, pharmacy);
        using var patient = await host.SignedInAsync(Patient);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var rx = host.Prescriptions.Add(patientId, Guid.NewGuid(), quantity: 21);
        var path = $"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense";
        var body = new { quantity = 7, verificationCode = rx.VerificationCode };

        // A lost answer, sent again with the same key
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var answer = await pharmacist.PostWithKeyAsync(path, body, $"first-{tag}");
            await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quantityDispensed").GetInt32().ShouldBe(7);
        }

        // A double click: the same request twice at once
        var both = await Task.WhenAll(pharmacist.PostWithKeyAsync(path, body, $"second-{tag}"), pharmacist.PostWithKeyAsync(path, body, $"second-{tag}"));
        foreach (var answer in both)
        {
            await answer.ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quantityDispensed").GetInt32().ShouldBe(14);
        }

        var reused = await pharmacist.PostWithKeyAsync(path, new { quantity = 5, verificationCode = rx.VerificationCode }, $"first-{tag}");
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reused.ProblemCodeAsync()).ShouldBe("idempotency.key_reused");

        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var id = raw.IsPostgres ? rx.PrescriptionId.ToString() : rx.PrescriptionId.ToString().ToUpperInvariant();
        (await RawDatabase.RowsAsync(connection, $"SELECT \"Quantity\" FROM {raw.Table("pharmacy", "dispensing_records")} WHERE \"PrescriptionId\" = '{id}'"))
            .ShouldBe(["7", "7"]);
    }

    [Fact]
    public async Task Given_dispensings_and_a_decline_refused_because_the_prescription_changed_meanwhile_Then_the_trail_has_a_success_only_for_the_dispensing_that_was_saved()
    {
        using var admin = await host.SignedInAsync(Admin);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var pharmacy = await CreatePharmacyAsync(admin, $"Truthful {tag}", -44.9, 169.1);
        using var pharmacist = await PharmacistAtAsync(admin, DemoPharmacist, pharmacy);
        using var patient = await host.SignedInAsync(Patient);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var rx = host.Prescriptions.Add(patientId, Guid.NewGuid(), quantity: 3);
        await (await patient.PostAsync($"/api/v1/me/prescriptions/{rx.PrescriptionId}/pharmacy", new { pharmacyId = pharmacy })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense", new { quantity = 1 })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Every later write of the prescription's dispensing row loses to "another pharmacist" (its version moved on): two
        // dispensings and a decline are each refused with 409, as the losers of a three-way race are.
        var raw = new RawDatabase(host);
        await using (await ForcedConflict.OnUpdateAsync(raw, raw.Table("pharmacy", "prescription_dispensings"), "PrescriptionId", rx.PrescriptionId))
        {
            foreach (var attempt in new[] { "dispense", "dispense", "decline" })
            {
                var refused = attempt == "dispense"
                    ? await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense", new { quantity = 1 })
                    : await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/decline", new { reason = "Out of stock" });
                refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, attempt);
                (await refused.ProblemCodeAsync()).ShouldBe("pharmacy.dispensing_conflict", attempt);
            }
        }

        await using (var connection = await raw.OpenAsync())
        {
            var id = raw.IsPostgres ? rx.PrescriptionId.ToString() : rx.PrescriptionId.ToString().ToUpperInvariant();
            (await RawDatabase.RowsAsync(connection, $"SELECT \"Quantity\" FROM {raw.Table("pharmacy", "dispensing_records")} WHERE \"PrescriptionId\" = '{id}'"))
                .ShouldBe(["1"]);
        }

        // The auditor sees what was stored: one dispensing, no decline.
        (await SuccessesAsync("pharmacy.prescription_dispensed", rx.PrescriptionId)).Count.ShouldBe(1);
        (await SuccessesAsync("pharmacy.prescription_declined", rx.PrescriptionId)).ShouldBeEmpty();
    }

    /// <summary>
    /// The trail's success entries of one action on one record. A request's entries are written before its answer starts, or
    /// with its write before that, so nothing is still on its way when this asks.
    /// </summary>
    private async Task<List<JsonElement>> SuccessesAsync(string action, Guid recordId)
    {
        using var admin = await host.SignedInAsync(Admin);
        var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action={action}&recordId={recordId}&outcome=success&pageSize=50");
        return [.. page.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public async Task Given_a_cancelled_or_tampered_prescription_or_a_decline_Then_nothing_is_dispensed_and_the_reason_is_encrypted_and_kept_from_the_patient()
    {
        using var admin = await host.SignedInAsync(Admin);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var pharmacy = await CreatePharmacyAsync(admin, $"Careful {tag}", -43.5, 172.6);
        var elsewhere = await CreatePharmacyAsync(admin, $"Elsewhere {tag}", -43.6, 172.7);
        using var pharmacist = await PharmacistAtAsync(admin, DemoPharmacist, pharmacy);
        using var patient = await host.SignedInAsync(Patient);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();

        var cancelled = host.Prescriptions.Add(patientId, Guid.NewGuid(), status: "cancelled");
        var notActive = await patient.PostAsync($"/api/v1/me/prescriptions/{cancelled.PrescriptionId}/pharmacy", new { pharmacyId = pharmacy });
        notActive.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await notActive.ProblemCodeAsync()).ShouldBe("pharmacy.prescription_not_active");
        var byCode = await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{cancelled.PrescriptionId}/dispense", new { quantity = 1, verificationCode = cancelled.VerificationCode });
        (await byCode.ProblemCodeAsync()).ShouldBe("pharmacy.prescription_not_active");

        var tampered = host.Prescriptions.Add(patientId, Guid.NewGuid(), signatureValid: false);
        await (await patient.PostAsync($"/api/v1/me/prescriptions/{tampered.PrescriptionId}/pharmacy", new { pharmacyId = pharmacy })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await pharmacist.GetJsonAsync<JsonElement>($"/api/v1/pharmacist/prescriptions/{tampered.PrescriptionId}")).GetProperty("signatureValid").GetBoolean().ShouldBeFalse();
        var refused = await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{tampered.PrescriptionId}/dispense", new { quantity = 1 });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.ProblemCodeAsync()).ShouldBe("pharmacy.signature_invalid");

        (await (await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{tampered.PrescriptionId}/decline", new { reason = " " })).ProblemCodeAsync()).ShouldBe("validation.failed");
        var declined = await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{tampered.PrescriptionId}/decline", new { reason = "Signature-marker-5150 does not verify" });
        await declined.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await declined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("declineReason").GetString().ShouldBe("Signature-marker-5150 does not verify");

        var status = await patient.GetJsonAsync<JsonElement>($"/api/v1/me/prescriptions/{tampered.PrescriptionId}/dispensing");
        status.GetProperty("status").GetString().ShouldBe("declined");
        status.GetRawText().ShouldNotContain("marker");

        var raw = new RawDatabase(host);
        await using (var connection = await raw.OpenAsync())
        {
            var stored = await RawDatabase.RowsAsync(connection, $"SELECT \"DeclineReason\" || ' ' || \"PatientId\" FROM {raw.Table("pharmacy", "prescription_dispensings")}");
            stored.ShouldNotBeEmpty();
            stored.ShouldAllBe(v => !v.Contains("marker") && !v.Contains(patientId.ToString(), StringComparison.OrdinalIgnoreCase));
        }

        // Declined here, the patient may send it elsewhere.
        await (await patient.PostAsync($"/api/v1/me/prescriptions/{tampered.PrescriptionId}/pharmacy", new { pharmacyId = elsewhere })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await (await patient.PostAsync($"/api/v1/me/prescriptions/{tampered.PrescriptionId}/pharmacy", new { pharmacyId = Guid.NewGuid() })).ProblemCodeAsync())
            .ShouldBe("pharmacy.pharmacy_not_found");
        (await (await pharmacist.Http.GetAsync($"/api/v1/pharmacist/prescriptions/{tampered.PrescriptionId}")).ProblemCodeAsync()).ShouldBe("pharmacy.not_found");
    }

    [Fact]
    public async Task Given_a_declined_prescription_When_the_pharmacy_dispenses_it_after_all_Then_everyone_sees_it_dispensed_and_the_trail_keeps_the_decline()
    {
        using var admin = await host.SignedInAsync(Admin);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var pharmacy = await CreatePharmacyAsync(admin, $"Restocked {tag}", -45.0, 168.7);
        using var pharmacist = await PharmacistAtAsync(admin, DemoPharmacist, pharmacy);
        using var patient = await host.SignedInAsync(Patient);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var rx = host.Prescriptions.Add(patientId, Guid.NewGuid(), quantity: 2);
        await (await patient.PostAsync($"/api/v1/me/prescriptions/{rx.PrescriptionId}/pharmacy", new { pharmacyId = pharmacy })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/decline", new { reason = "Out of stock until Friday" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/me/prescriptions/{rx.PrescriptionId}/dispensing")).GetProperty("status").GetString().ShouldBe("declined");

        // Stock arrived: the same pharmacy dispenses everything after all.
        var dispensed = await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense", new { quantity = 2 });
        await dispensed.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var counter = await dispensed.Content.ReadFromJsonAsync<JsonElement>();
        counter.GetProperty("dispensingStatus").GetString().ShouldBe("dispensed");
        counter.GetProperty("quantityRemaining").GetInt32().ShouldBe(0);
        counter.GetProperty("declineReason").ValueKind.ShouldBe(JsonValueKind.Null);
        var reread = await pharmacist.GetJsonAsync<JsonElement>($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}");
        reread.GetProperty("dispensingStatus").GetString().ShouldBe("dispensed");
        reread.GetProperty("declineReason").ValueKind.ShouldBe(JsonValueKind.Null);

        var status = await patient.GetJsonAsync<JsonElement>($"/api/v1/me/prescriptions/{rx.PrescriptionId}/dispensing");
        status.GetProperty("status").GetString().ShouldBe("dispensed");
        status.GetProperty("quantityDispensed").GetInt32().ShouldBe(2);

        // Declining a fully dispensed prescription is refused; the trail has both events, in order, without the reason's text.
        (await (await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/decline", new { reason = "again" })).ProblemCodeAsync())
            .ShouldBe("pharmacy.already_dispensed");
        var trail = await TrailAsync(rx.PrescriptionId, ["pharmacy.prescription_declined", "pharmacy.prescription_dispensed"]);
        trail.Select(e => e.GetProperty("action").GetString()).ShouldBe(["pharmacy.prescription_declined", "pharmacy.prescription_dispensed"]);
        trail.ShouldAllBe(e => !e.GetRawText().Contains("Friday"));
        trail[1].GetProperty("reason").GetString()!.ShouldContain("after a decline");
    }

    [Fact]
    public async Task Given_a_cancelled_prescription_When_a_pharmacist_declines_it_Then_it_is_refused_and_nothing_changes()
    {
        // A decline once passed where dispense and send were refused: the patient was told "the pharmacy refused" about a
        // prescription the doctor had withdrawn.
        using var admin = await host.SignedInAsync(Admin);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var pharmacy = await CreatePharmacyAsync(admin, $"Withdrawn {tag}", -41.3, 174.8);
        using var pharmacist = await PharmacistAtAsync(admin, DemoPharmacist, pharmacy);
        using var patient = await host.SignedInAsync(Patient);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();

        var cancelled = host.Prescriptions.Add(patientId, Guid.NewGuid(), status: "cancelled");
        var byCode = await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{cancelled.PrescriptionId}/decline",
            new { reason = "out of stock", verificationCode = cancelled.VerificationCode });
        byCode.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await byCode.ProblemCodeAsync()).ShouldBe("pharmacy.prescription_not_active");

        // Sent while active, cancelled afterwards, then declined at the counter.
        var sent = host.Prescriptions.Add(patientId, Guid.NewGuid());
        await (await patient.PostAsync($"/api/v1/me/prescriptions/{sent.PrescriptionId}/pharmacy", new { pharmacyId = pharmacy })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        host.Prescriptions.Cancel(sent.PrescriptionId);
        var declined = await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{sent.PrescriptionId}/decline", new { reason = "out of stock" });
        (await declined.ProblemCodeAsync()).ShouldBe("pharmacy.prescription_not_active");
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/me/prescriptions/{sent.PrescriptionId}/dispensing")).GetProperty("status").GetString().ShouldBe("sent");
        (await TrailAsync(sent.PrescriptionId, ["pharmacy.prescription_declined"])).ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_a_partly_dispensed_prescription_When_the_pharmacy_declines_the_rest_Then_it_stays_partly_dispensed_and_the_patient_sends_the_rest_elsewhere()
    {
        // The decline once set the status to "declined" and kept the prescription tied to the pharmacy: the patient could
        // neither get the remaining 7 there nor send them anywhere else (409 pharmacy.already_dispensing).
        using var admin = await host.SignedInAsync(Admin);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var first = await CreatePharmacyAsync(admin, $"Short stock {tag}", -36.8, 174.7);
        var second = await CreatePharmacyAsync(admin, $"Full stock {tag}", -36.9, 174.8);
        using var pharmacist = await PharmacistAtAsync(admin, DemoPharmacist, first);
        using var patient = await host.SignedInAsync(Patient);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var rx = host.Prescriptions.Add(patientId, Guid.NewGuid(), quantity: 21);
        await (await patient.PostAsync($"/api/v1/me/prescriptions/{rx.PrescriptionId}/pharmacy", new { pharmacyId = first })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense", new { quantity = 14 })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var declined = await pharmacist.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/decline", new { reason = "Out of stock for the rest" });
        await declined.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var counter = await declined.Content.ReadFromJsonAsync<JsonElement>();
        counter.GetProperty("dispensingStatus").GetString().ShouldBe("partiallyDispensed");
        counter.GetProperty("quantityRemaining").GetInt32().ShouldBe(7);
        counter.GetProperty("declineReason").GetString().ShouldBe("Out of stock for the rest");
        var mine = await patient.GetJsonAsync<JsonElement>($"/api/v1/me/prescriptions/{rx.PrescriptionId}/dispensing");
        mine.GetProperty("status").GetString().ShouldBe("partiallyDispensed");
        mine.GetProperty("quantityDispensed").GetInt32().ShouldBe(14);

        var sent = await patient.PostAsync($"/api/v1/me/prescriptions/{rx.PrescriptionId}/pharmacy", new { pharmacyId = second });
        await sent.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var moved = await sent.Content.ReadFromJsonAsync<JsonElement>();
        moved.GetProperty("status").GetString().ShouldBe("partiallyDispensed");
        moved.GetProperty("quantityDispensed").GetInt32().ShouldBe(14);
        using var other = await PharmacistAtAsync(admin, "pharmacist2-" + tag + "@example.test", second);
        var rest = await other.PostAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}/dispense", new { quantity = 7 });
        await rest.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await rest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dispensingStatus").GetString().ShouldBe("dispensed");
        // The first pharmacy no longer holds it: the decline released it.
        (await (await pharmacist.Http.GetAsync($"/api/v1/pharmacist/prescriptions/{rx.PrescriptionId}")).ProblemCodeAsync()).ShouldBe("pharmacy.not_found");
    }

    /// <summary>The trail's entries of these actions on one record, oldest first; entries are written as each request ends, so look a few times.</summary>
    private async Task<List<JsonElement>> TrailAsync(Guid recordId, string[] actions)
    {
        using var admin = await host.SignedInAsync(Admin);
        for (var attempt = 0; ; attempt++)
        {
            var items = new List<JsonElement>();
            foreach (var action in actions)
            {
                var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action={action}&recordId={recordId}&pageSize=50");
                items.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            }

            if (items.Count >= actions.Length || attempt == 20)
            {
                return [.. items.OrderBy(e => e.GetProperty("id").GetInt64())];
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The trail's denials of one record; entries are written as each request ends, so look a few times.</summary>
    private async Task<List<JsonElement>> DenialsAsync(Guid recordId)
    {
        using var admin = await host.SignedInAsync(Admin);
        for (var attempt = 0; ; attempt++)
        {
            var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=access.denied&recordId={recordId}&pageSize=50");
            var items = page.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
            if (items.Count >= 5 || attempt == 20)
            {
                return items;
            }

            await Task.Delay(100);
        }
    }
}

[Collection(nameof(PharmacySqliteCollection))]
public sealed class PharmacyScenariosOnSqlite(PharmacySqliteHost host) : PharmacyScenarios(host);

[Collection(nameof(PharmacyPostgresCollection))]
public sealed class PharmacyScenariosOnPostgres(PharmacyPostgresHost host) : PharmacyScenarios(host);
