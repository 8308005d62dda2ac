using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Clinical;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.IntegrationTests.Scenarios.Labs;

/// <summary>
/// Lab orders end to end against the partner-lab FHIR process: the doctor orders from the LOINC catalogue, the patient
/// picks a partner lab, the order goes out as FHIR ServiceRequests, the report comes back by polling (stored once however
/// often it is fetched), a critical value alerts the doctor at once, the doctor adds a note and releases, the patient sees
/// flags, ranges and a trend; who may see what; values encrypted at rest; the auto-release rule.
/// </summary>
public abstract class LabsScenarios(TelemedHost host, PartnerLabProcess partnerLab)
{
    private const string Admin = "admin@demo.telemed.dev";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private async Task<Guid> PartnerLabAsync(string name)
    {
        using var admin = await host.SignedInAsync(Admin);
        var created = await admin.PostAsync("/api/v1/admin/partner-labs",
            new { name, address = "Lab street 1", fhirBaseUrl = partnerLab.FhirBase, enabled = true, clinicId = (Guid?)null });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The doctor orders <paramref name="loinc"/> in the consultation and the patient sends it to partner lab <paramref name="labId"/>; the order's id.</summary>
    private static async Task<Guid> SentToPartnerLabAsync(ApiClient doctor, ApiClient patient, Guid consultationId, string loinc, Guid labId)
    {
        var orderId = (await OrderAsync(doctor, consultationId, loinc)).GetProperty("id").GetGuid();
        await (await patient.PostAsync($"/api/v1/me/lab-orders/{orderId}/partner-lab", new { partnerLabId = labId })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return orderId;
    }

    private static async Task<JsonElement> OrderAsync(ApiClient doctor, Guid consultationId, params string[] tests)
    {
        var placed = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/lab-orders", new { tests });
        await placed.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return await placed.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> probe)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "the expected state did not arrive in time");
            await Task.Delay(300);
        }
    }

    private static Task<JsonElement> ReportOfAsync(ApiClient doctor, Guid orderId) => EventuallyAsync(async () =>
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results")).EnumerateArray()
            .Where(r => r.GetProperty("orderId").GetGuid() == orderId).Select(r => (JsonElement?)r).FirstOrDefault());

    private static JsonElement Value(JsonElement report, string code) =>
        report.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("loincCode").GetString() == code);

    [Fact]
    public async Task Given_the_catalogue_Then_panels_and_tests_are_found_by_code_or_words_in_English_and_Russian_with_units_and_ranges()
    {
        using var doctor = await host.SignedInAsync(PrescriptionSteps.DoctorEmail);
        var cbc = await doctor.GetJsonAsync<JsonElement>("/api/v1/lab-catalogue?q=58410");
        var panel = cbc.GetProperty("items").EnumerateArray().Single();
        panel.GetProperty("isPanel").GetBoolean().ShouldBeTrue();
        panel.GetProperty("members").EnumerateArray().Select(m => m.GetString()).ShouldContain("718-7");
        cbc.GetProperty("source").GetString()!.ShouldContain("LOINC");

        var russian = await doctor.GetJsonAsync<JsonElement>("/api/v1/lab-catalogue?q=калий&lang=ru");
        russian.GetProperty("source").GetString()!.ShouldContain("референсные интервалы для взрослых");
        var potassium = russian.GetProperty("items").EnumerateArray().Single();
        potassium.GetProperty("loincCode").GetString().ShouldBe("2823-3");
        potassium.GetProperty("name").GetString()!.ShouldStartWith("Калий");
        potassium.GetProperty("unit").GetString().ShouldBe("mmol/L");
        potassium.GetProperty("rangeLow").GetDecimal().ShouldBe(3.5m);
        // Without ?lang= the reader's Accept-Language decides, as everywhere else; an explicit ?lang= still wins over it.
        foreach (var (query, name) in new[] { ("q=2823-3", "Калий"), ("q=2823-3&lang=en", "Potassium") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/lab-catalogue?{query}");
            request.Headers.AcceptLanguage.ParseAdd("ru-RU");
            using var answer = await doctor.Http.SendAsync(request);
            (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Single().GetProperty("name").GetString()!.ShouldStartWith(name);
        }

        (await doctor.GetJsonAsync<JsonElement>("/api/v1/lab-catalogue?q=hemoglobin blood")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("loincCode").GetString()).ShouldContain("718-7");
        (await host.CreateApiClient().Http.GetAsync("/api/v1/lab-catalogue")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Given_an_order_sent_to_the_partner_lab_When_its_report_has_a_critical_value_Then_the_doctor_is_alerted_reviews_and_releases_and_the_patient_sees_flags_and_a_trend()
    {
        var labId = await PartnerLabAsync($"North Lab {Guid.NewGuid():N}"[..18]);
        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "svetlana.pavlova@demo.telemed.dev", "Tired and thirsty for weeks.");
        using var _p = patient;
        using var _d = doctor;
        try
        {

            // Bad inputs are 400 with field errors, never 5xx.
            (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/lab-orders", new { tests = Array.Empty<string>() })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/lab-orders", new { tests = new[] { "0000-0" } })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/lab-orders", new { tests = new[] { "2823-3", "2823-3" } })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

            var order = await OrderAsync(doctor, consultationId, "51990-0", "4548-4");
            var orderId = order.GetProperty("id").GetGuid();
            order.GetProperty("status").GetString().ShouldBe("awaitingLab");

            // The patient picks the lab from the clinic's list; the order leaves at once as FHIR ServiceRequests.
            var mine = await patient.GetJsonAsync<JsonElement>("/api/v1/me/lab-orders");
            mine.EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ShouldContain(orderId);
            var choices = await patient.GetJsonAsync<JsonElement>($"/api/v1/me/lab-orders/{orderId}/partner-labs");
            choices.EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).ShouldContain(labId);
            var chosen = await patient.PostAsync($"/api/v1/me/lab-orders/{orderId}/partner-lab", new { partnerLabId = labId });
            await chosen.ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await chosen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("sent");
            (await (await patient.PostAsync($"/api/v1/me/lab-orders/{orderId}/partner-lab", new { partnerLabId = labId })).ProblemCodeAsync()).ShouldBe("labs.lab_already_chosen");

            var received = (await partnerLab.RequestsAsync()).Where(r => r.GetProperty("requisition").GetProperty("value").GetString() == orderId.ToString()).ToList();
            received.Select(r => r.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString()).Order().ShouldBe(["4548-4", "51990-0"]);
            received.ShouldAllBe(r => r.GetProperty("intent").GetString() == "order" && r.GetProperty("status").GetString() == "active");
            var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
            received[0].GetProperty("subject").GetProperty("identifier").GetProperty("value").GetString().ShouldBe(patientId.ToString());

            // The lab reports potassium critically high; the worker polls it in; the doctor is alerted at once.
            await partnerLab.CompleteAsync(orderId, critical: "2823-3");
            var report = await ReportOfAsync(doctor, orderId);
            report.GetProperty("status").GetString().ShouldBe("received");
            report.GetProperty("criticalCount").GetInt32().ShouldBe(1);
            Value(report, "2823-3").GetProperty("flag").GetString().ShouldBe("HH");
            Value(report, "2823-3").GetProperty("critical").GetBoolean().ShouldBeTrue();
            Value(report, "2823-3").GetProperty("unit").GetString().ShouldBe("mmol/L");
            Value(report, "2951-2").GetProperty("flag").GetString().ShouldBe("N");
            Value(report, "2951-2").GetProperty("rangeLow").GetDecimal().ShouldBe(136m);
            var reportId = report.GetProperty("id").GetGuid();
            var alert = await EventuallyAsync(async () =>
                (await doctor.GetJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=50")).GetProperty("items").EnumerateArray()
                    .Where(n => n.GetProperty("link").GetString() == $"/doctor/lab-results/{reportId}").Select(n => (JsonElement?)n).FirstOrDefault());
            alert.GetProperty("kind").GetString().ShouldBe("result");

            // Polled again and again: still one report.
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            (await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results")).EnumerateArray().Count(r => r.GetProperty("orderId").GetGuid() == orderId).ShouldBe(1);

            // Not released: the patient sees nothing of it.
            (await patient.GetJsonAsync<JsonElement>("/api/v1/me/lab-results")).EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ShouldNotContain(reportId);

            // Values and note are encrypted at rest.
            var raw = new RawDatabase(host);
            await using (var connection = await raw.OpenAsync())
            {
                var id = raw.IsPostgres ? reportId.ToString() : reportId.ToString().ToUpperInvariant();
                var stored = string.Join('\n', await RawDatabase.RowsAsync(connection, $"SELECT \"Values\" FROM {raw.Table("labs", "reports")} WHERE \"Id\" = '{id}'"));
                stored.Length.ShouldBeGreaterThan(20);
                // Case-sensitive and long enough that random base64 ciphertext cannot contain them by chance ("mmol" ignoring
                // case turned up in one ciphertext of a CI run).
                stored.ShouldNotContain("2823-3", Case.Sensitive);
                stored.ShouldNotContain("mmol/L", Case.Sensitive);
            }

            // Another patient, the front desk and an unrelated doctor: 404, the same as for an unknown id.
            using (var stranger = await host.SignedInAsync("ivan.kuznetsov@demo.telemed.dev"))
            {
                (await (await stranger.Http.GetAsync($"/api/v1/me/lab-orders/{orderId}/partner-labs")).ProblemCodeAsync()).ShouldBe("labs.not_found");
                (await stranger.GetJsonAsync<JsonElement>("/api/v1/me/lab-results")).EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ShouldNotContain(reportId);
            }

            using (var otherDoctor = await host.SignedInAsync("olga.smirnova@demo.telemed.dev"))
            {
                (await (await otherDoctor.Http.GetAsync($"/api/v1/lab-results/{reportId}")).ProblemCodeAsync()).ShouldBe("labs.not_found");
                (await (await otherDoctor.PostAsync($"/api/v1/lab-results/{reportId}/release", new { note = "x" })).ProblemCodeAsync()).ShouldBe("labs.not_found");
            }

            using (var frontDesk = await host.SignedInAsync("frontdesk@demo.telemed.dev"))
            {
                (await frontDesk.Http.GetAsync($"/api/v1/lab-results/{reportId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            }

            // The doctor writes a plain-language note and releases; the patient now sees flags, ranges and the note.
            (await doctor.PostAsync($"/api/v1/lab-results/{reportId}/release", new { note = new string('a', 2001) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var released = await doctor.PostAsync($"/api/v1/lab-results/{reportId}/release", new { note = "Your potassium is very high: please come in today." });
            await released.ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await released.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("released");

            var seen = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/lab-results")).EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == reportId);
            seen.GetProperty("doctorNote").GetString().ShouldBe("Your potassium is very high: please come in today.");
            Value(seen, "2823-3").GetProperty("flag").GetString().ShouldBe("HH");
            Value(seen, "2823-3").GetProperty("rangeHigh").GetDecimal().ShouldBe(5.1m);

            // A repeated test: a second order for the same panel, normal this time, makes a trend of two points.
            var again = await OrderAsync(doctor, consultationId, "51990-0");
            var againId = again.GetProperty("id").GetGuid();
            await (await patient.PostAsync($"/api/v1/me/lab-orders/{againId}/partner-lab", new { partnerLabId = labId })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            await partnerLab.CompleteAsync(againId, factor: 1.05m);
            var second = await ReportOfAsync(doctor, againId);
            second.GetProperty("criticalCount").GetInt32().ShouldBe(0);
            await (await doctor.PostAsync($"/api/v1/lab-results/{second.GetProperty("id").GetGuid()}/release", new { note = "" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

            var trend = await patient.GetJsonAsync<JsonElement>("/api/v1/me/lab-results/trends?code=2823-3");
            var points = trend.GetProperty("points").EnumerateArray().ToList();
            points.Count.ShouldBe(2);
            points.Select(p => p.GetProperty("flag").GetString()).ShouldBe(["HH", "N"]);
            (await (await patient.Http.GetAsync("/api/v1/me/lab-results/trends?code=DROP TABLE")).ProblemCodeAsync()).ShouldBe("labs.invalid_code");
            (await (await patient.Http.GetAsync("/api/v1/me/lab-results/trends?code=2823-4")).ProblemCodeAsync()).ShouldBe("labs.invalid_code", "a mistyped check digit");

            // The patient hears the results are ready; the read facade for FHIR shows the same.
            using var scope = host.Services.CreateScope();
            var records = scope.ServiceProvider.GetRequiredService<ILabRecords>();
            var all = await records.ReportsForPatientAsync(patientId, releasedOnly: true);
            all.Select(r => r.ReportId).ShouldContain(reportId);
            (await records.OrdersForPatientAsync(patientId)).Single(o => o.OrderId == orderId).Tests.Select(t => t.LoincCode).Order().ShouldBe(["4548-4", "51990-0"]);
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, consultationId);
        }
    }

    [Fact]
    public async Task Given_the_same_test_written_with_blanks_or_in_lower_case_When_ordered_Then_it_is_one_test_and_stored_as_the_catalogue_writes_it()
    {
        // Repeats were checked on the raw strings: ["718-7", " 718-7", "718-7 "] placed an order with three 718-7.
        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "roman.fedorov@demo.telemed.dev", "Pale and tired.");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            var repeated = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/lab-orders", new { tests = new[] { "718-7", " 718-7", "718-7 " } });
            repeated.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await repeated.ProblemCodeAsync()).ShouldBe("validation.failed");

            var order = await OrderAsync(doctor, consultationId, " 718-7 ", "1988-5");
            order.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("loincCode").GetString()).Order().ShouldBe(["1988-5", "718-7"]);
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, consultationId);
        }
    }

    [Fact]
    public async Task Given_a_consultation_that_failed_When_the_doctor_orders_tests_Then_it_is_refused_like_a_prescription()
    {
        // Orders were accepted on a consultation that did not take place (patient absent), where a prescription is 409.
        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "roman.fedorov@demo.telemed.dev", "Pale and tired.");
        using var _p = patient;
        using var _d = doctor;
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/fail", new { reason = "patientAbsent" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });

        var ordered = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/lab-orders", new { tests = new[] { "718-7" } });
        ordered.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ordered.ProblemCodeAsync()).ShouldBe("labs.consultation_not_started");
        (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}/lab-orders")).GetArrayLength().ShouldBe(0);
        var prescribed = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/prescriptions",
            new { medicineCode = "paracetamol-500-tab", dose = 500, route = "oral", timesPerDay = 3, durationDays = 7, quantity = 21, refills = 0, instructions = (string?)null, version = 0 });
        (await prescribed.ProblemCodeAsync()).ShouldBe("clinical.consultation_not_started");
    }

    [Fact]
    public async Task Given_partner_lab_admin_Then_urls_are_checked_only_admins_manage_and_a_disabled_lab_cannot_be_chosen()
    {
        using var admin = await host.SignedInAsync(Admin);
        foreach (var url in new[] { "", "ftp://lab.example/fhir", "not a url", "javascript:alert(1)" })
        {
            var bad = await admin.PostAsync("/api/v1/admin/partner-labs", new { name = "Bad", address = "x", fhirBaseUrl = url, enabled = true, clinicId = (Guid?)null });
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
        }

        // Outbound:AllowLoopback lets this host call the fake lab on 127.0.0.1 over http, and nothing more: link-local (the cloud
        // metadata address), credentials and http to another host are still refused.
        foreach (var url in Security.OutboundUrlScenarios.AlwaysRefused)
        {
            await Security.OutboundUrlScenarios.ShouldBeRefusedAsync(
                await admin.PostAsync("/api/v1/admin/partner-labs", new { name = "Bad", address = "x", fhirBaseUrl = url, enabled = true, clinicId = (Guid?)null }), url);
        }

        var labId = await PartnerLabAsync($"Closed Lab {Guid.NewGuid():N}"[..19]);
        var edited = await admin.PutAsync($"/api/v1/admin/partner-labs/{labId}", new { name = "Closed Lab", address = "Lab street 1", fhirBaseUrl = partnerLab.FhirBase, enabled = false, clinicId = (Guid?)null });
        await edited.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await (await admin.PutAsync($"/api/v1/admin/partner-labs/{Guid.NewGuid()}", new { name = "x", address = "x", fhirBaseUrl = "sandbox:", enabled = true, clinicId = (Guid?)null }))
            .ProblemCodeAsync()).ShouldBe("labs.partner_lab_not_found");
        (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/partner-labs")).EnumerateArray().Select(l => l.GetProperty("name").GetString()).ShouldContain("Sandbox Lab (demo)");

        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "andrei.semenov@demo.telemed.dev", "Joint pain in the mornings.");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            (await patient.PostAsync("/api/v1/admin/partner-labs", new { name = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            var orderId = (await OrderAsync(doctor, consultationId, "1988-5")).GetProperty("id").GetGuid();
            (await patient.GetJsonAsync<JsonElement>($"/api/v1/me/lab-orders/{orderId}/partner-labs")).EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).ShouldNotContain(labId);
            (await (await patient.PostAsync($"/api/v1/me/lab-orders/{orderId}/partner-lab", new { partnerLabId = labId })).ProblemCodeAsync()).ShouldBe("labs.lab_not_available");
            (await patient.PostAsync($"/api/v1/consultations/{consultationId}/lab-orders", new { tests = new[] { "1988-5" } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, consultationId);
        }
    }

    /// <summary>
    /// A partner lab's report whose text value is longer than a lab result keeps (4,000 characters, as a FHIR import keeps) was stored
    /// whole, without a bound. It is refused on its own: logged with labs.result_too_long by order, nothing of it stored (not cut),
    /// and the lab's next report for the order is stored as usual; a text value at the bound is kept whole.
    /// </summary>
    [Fact]
    public async Task Given_a_partner_lab_report_with_a_text_value_over_its_bound_When_it_is_fetched_Then_it_is_refused_and_reported_and_the_next_report_is_stored_whole()
    {
        var labId = await PartnerLabAsync($"Text Lab {Guid.NewGuid():N}"[..17]);
        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "andrei.semenov@demo.telemed.dev", "A cough for two weeks.");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            var orderId = await SentToPartnerLabAsync(doctor, patient, consultationId, "1988-5", labId);

            // The first report's text value is one character over the bound; then the lab reports again with one at the bound.
            await partnerLab.CompleteAsync(orderId, narrative: "1988-5", narrativeLength: LabValueTexts.MaxValueTextLength + 1);
            var refusal = await RefusalLoggedAsync(orderId, "labs.result_too_long");
            await partnerLab.CompleteAsync(orderId, narrative: "1988-5", narrativeLength: LabValueTexts.MaxValueTextLength);

            var report = await ReportOfAsync(doctor, orderId);
            Value(report, "1988-5").GetProperty("valueText").GetString()!.Length.ShouldBe(LabValueTexts.MaxValueTextLength);
            (await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results")).EnumerateArray()
                .Count(r => r.GetProperty("orderId").GetGuid() == orderId).ShouldBe(1, "the refused report is not stored, not even cut");
            refusal.ShouldStartWith("Warning ");
            refusal.ShouldContain("valueText");
            host.Logs.ShouldNotContain(l => l.Contains("Culture: no growth", StringComparison.Ordinal), "the lab's text is not logged");
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, consultationId);
        }
    }

    /// <summary>
    /// A partner lab's Observation without a LOINC code (or with a value neither a quantity nor a text) was skipped silently: the
    /// report was stored without that value and could release itself as all normal while the missing one was critical. The report is
    /// refused whole, logged by order with labs.result_unreadable and no lab text, and the lab's corrected report is stored.
    /// </summary>
    [Fact]
    public async Task Given_a_partner_lab_report_with_an_Observation_without_a_LOINC_code_When_it_is_fetched_Then_it_is_refused_whole_and_reported_and_the_corrected_report_is_stored()
    {
        var labId = await PartnerLabAsync($"Code Lab {Guid.NewGuid():N}"[..17]);
        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "andrei.semenov@demo.telemed.dev", "A cough for two weeks.");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            var orderId = await SentToPartnerLabAsync(doctor, patient, consultationId, "1988-5", labId);

            await partnerLab.CompleteAsync(orderId, uncoded: "1988-5");
            var refusal = await RefusalLoggedAsync(orderId, "labs.result_unreadable");
            await partnerLab.CompleteAsync(orderId);

            var report = await ReportOfAsync(doctor, orderId);
            Value(report, "1988-5").GetProperty("value").GetDecimal().ShouldBeGreaterThan(0m);
            (await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results")).EnumerateArray()
                .Count(r => r.GetProperty("orderId").GetGuid() == orderId).ShouldBe(1, "the refused report is not stored, not even without its value");
            refusal.ShouldStartWith("Warning ");
            refusal.ShouldContain("has no LOINC code");
            refusal.ShouldNotContain("C reactive", Case.Insensitive);
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, consultationId);
        }
    }

    /// <summary>
    /// A partner lab's report that is only preliminary was taken in as a result if the lab ignored the search's status parameter (ours
    /// does, as some labs do): a value the lab says is not final yet reached the doctor's list and could release itself. It is not stored,
    /// the order stays sent and is polled again — also after the lab's other, final report of the order is stored (the order used to stop
    /// being polled at the first stored report, so the preliminary one was never fetched again) — and once the lab makes the same report
    /// final it is stored once.
    /// </summary>
    [Fact]
    public async Task Given_a_partner_lab_report_that_is_preliminary_When_it_is_fetched_Then_nothing_is_stored_and_the_order_is_polled_until_the_lab_makes_the_same_report_final()
    {
        var labId = await PartnerLabAsync($"Prelim Lab {Guid.NewGuid():N}"[..19]);
        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "andrei.semenov@demo.telemed.dev", "A cough for two weeks.");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            var orderId = await SentToPartnerLabAsync(doctor, patient, consultationId, "1988-5", labId);

            var preliminary = await partnerLab.CompleteAsync(orderId, reportStatus: "preliminary");
            var held = await RefusalLoggedAsync(orderId, "labs.result_not_final");
            held.ShouldContain("is preliminary");
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            (await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results")).EnumerateArray()
                .Count(r => r.GetProperty("orderId").GetGuid() == orderId).ShouldBe(0, "a preliminary report is not a result to review");
            (await patient.GetJsonAsync<JsonElement>("/api/v1/me/lab-orders")).EnumerateArray()
                .Single(o => o.GetProperty("id").GetGuid() == orderId).GetProperty("status").GetString().ShouldBe("sent", "the order is still polled");

            // The lab's second report for the order is final: it is stored, and the order is still polled for the preliminary one.
            await partnerLab.CompleteAsync(orderId, factor: 1.5m);
            var report = await ReportOfAsync(doctor, orderId);
            Value(report, "1988-5").GetProperty("value").GetDecimal().ShouldBe(4.8m);
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            (await patient.GetJsonAsync<JsonElement>("/api/v1/me/lab-orders")).EnumerateArray()
                .Single(o => o.GetProperty("id").GetGuid() == orderId).GetProperty("status").GetString().ShouldBe("sent", "a report of it is not final yet");

            // The lab makes the first report final, keeping its id: it is stored once, and the order is complete.
            await partnerLab.SetReportStatusAsync(preliminary.GetProperty("id").GetString()!, "final");
            await EventuallyAsync(async () => (await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results")).EnumerateArray()
                .Count(r => r.GetProperty("orderId").GetGuid() == orderId) == 2 ? (JsonElement?)default(JsonElement) : null);
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            (await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results")).EnumerateArray()
                .Count(r => r.GetProperty("orderId").GetGuid() == orderId).ShouldBe(2, "each report once");
            (await patient.GetJsonAsync<JsonElement>("/api/v1/me/lab-orders")).EnumerateArray()
                .Single(o => o.GetProperty("id").GetGuid() == orderId).GetProperty("status").GetString().ShouldBe("resultReceived");
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, consultationId);
        }
    }

    /// <summary>
    /// A partner lab's report the lab marked entered-in-error (withdrawn) was stored as a valid result when the lab ignored the search's
    /// status parameter. It is refused, logged by order with labs.report_withdrawn as a warning, nothing of it stored, and the lab's valid
    /// report for the order is stored.
    /// </summary>
    [Fact]
    public async Task Given_a_partner_lab_report_entered_in_error_When_it_is_fetched_Then_it_is_refused_and_reported_and_the_labs_valid_report_is_stored()
    {
        var labId = await PartnerLabAsync($"Error Lab {Guid.NewGuid():N}"[..18]);
        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "andrei.semenov@demo.telemed.dev", "A cough for two weeks.");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            var orderId = await SentToPartnerLabAsync(doctor, patient, consultationId, "1988-5", labId);

            await partnerLab.CompleteAsync(orderId, critical: "1988-5", reportStatus: "entered-in-error");
            var refusal = await RefusalLoggedAsync(orderId, "labs.report_withdrawn");
            await partnerLab.CompleteAsync(orderId);

            var report = await ReportOfAsync(doctor, orderId);
            report.GetProperty("criticalCount").GetInt32().ShouldBe(0, "the withdrawn report's critical value is not the result");
            Value(report, "1988-5").GetProperty("flag").GetString().ShouldBe("N");
            (await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results")).EnumerateArray()
                .Count(r => r.GetProperty("orderId").GetGuid() == orderId).ShouldBe(1, "the withdrawn report is not stored");
            refusal.ShouldStartWith("Warning ");
            refusal.ShouldContain("entered-in-error");
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, consultationId);
        }
    }

    /// <summary>
    /// A report the lab withdrew after we stored it (its DiagnosticReport became entered-in-error: the values were wrong) was never seen, as
    /// an order with a stored report was not polled again: it stayed a valid result, releasable, and the patient kept seeing it when it had
    /// been released. Now the order is rechecked (unchanged, nothing is written), and once the lab withdraws the report it becomes
    /// withdrawn: the doctor sees it as such and is told, it cannot be released, and the patient no longer sees it.
    /// </summary>
    [Fact]
    public async Task Given_a_stored_and_a_released_report_When_the_lab_later_marks_them_entered_in_error_Then_both_are_withdrawn_hidden_from_the_patient_not_releasable_and_the_doctor_is_told()
    {
        var labId = await PartnerLabAsync($"Later Lab {Guid.NewGuid():N}"[..18]);
        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "andrei.semenov@demo.telemed.dev", "A cough for two weeks.");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            var storedOrder = (await OrderAsync(doctor, consultationId, "1988-5")).GetProperty("id").GetGuid();
            var releasedOrder = (await OrderAsync(doctor, consultationId, "2823-3")).GetProperty("id").GetGuid();
            await (await patient.PostAsync($"/api/v1/me/lab-orders/{storedOrder}/partner-lab", new { partnerLabId = labId })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            await (await patient.PostAsync($"/api/v1/me/lab-orders/{releasedOrder}/partner-lab", new { partnerLabId = labId })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            var storedAtLab = (await partnerLab.CompleteAsync(storedOrder)).GetProperty("id").GetString()!;
            var releasedAtLab = (await partnerLab.CompleteAsync(releasedOrder)).GetProperty("id").GetString()!;
            var stored = (await ReportOfAsync(doctor, storedOrder)).GetProperty("id").GetGuid();
            var released = (await ReportOfAsync(doctor, releasedOrder)).GetProperty("id").GetGuid();
            await (await doctor.PostAsync($"/api/v1/lab-results/{released}/release", new { note = "All fine." })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await patient.GetJsonAsync<JsonElement>("/api/v1/me/lab-results")).EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ShouldContain(released);
            async Task<int> TrendPointsAsync() => (await patient.GetJsonAsync<JsonElement>("/api/v1/me/lab-results/trends?code=2823-3")).GetProperty("points").GetArrayLength();
            var trendBefore = await TrendPointsAsync();

            // Unchanged at the lab: the completed order is polled again and again, and nothing of the report is written.
            var raw = new RawDatabase(host);
            async Task<(string Polled, string Version)> RowsAsync()
            {
                await using var connection = await raw.OpenAsync();
                string Id(Guid id) => raw.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant();
                var polled = await RawDatabase.RowsAsync(connection, $"SELECT \"LastPolledAt\" FROM {raw.Table("labs", "orders")} WHERE \"Id\" = '{Id(storedOrder)}'");
                var version = await RawDatabase.RowsAsync(connection, $"SELECT \"Version\" FROM {raw.Table("labs", "reports")} WHERE \"Id\" = '{Id(stored)}'");
                return (string.Join('|', polled), string.Join('|', version));
            }

            var before = await RowsAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var after = await RowsAsync();
            after.Polled.ShouldNotBe(before.Polled, "an order with a stored report is still polled");
            after.Version.ShouldBe(before.Version, "an unchanged report is not written");
            (await doctor.GetJsonAsync<JsonElement>($"/api/v1/lab-results/{stored}")).GetProperty("status").GetString().ShouldBe("received");

            // The lab withdraws both reports.
            await partnerLab.SetReportStatusAsync(storedAtLab, "entered-in-error");
            await partnerLab.SetReportStatusAsync(releasedAtLab, "entered-in-error");
            foreach (var id in new[] { stored, released })
            {
                await EventuallyAsync(async () => (await doctor.GetJsonAsync<JsonElement>($"/api/v1/lab-results/{id}")).GetProperty("status").GetString() == "withdrawn"
                    ? (JsonElement?)default(JsonElement) : null);
            }

            (await patient.GetJsonAsync<JsonElement>("/api/v1/me/lab-results")).EnumerateArray().Select(r => r.GetProperty("id").GetGuid())
                .ShouldNotContain(released, "a withdrawn result is not shown to the patient as valid");
            (await TrendPointsAsync()).ShouldBe(trendBefore - 1, "nor in a trend");
            (await (await doctor.PostAsync($"/api/v1/lab-results/{stored}/release", new { note = "x" })).ProblemCodeAsync()).ShouldBe("labs.report_withdrawn");
            (await (await doctor.PostAsync($"/api/v1/lab-results/{released}/release", new { note = "x" })).ProblemCodeAsync()).ShouldBe("labs.report_withdrawn");
            (await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results?status=withdrawn")).EnumerateArray().Select(r => r.GetProperty("id").GetGuid())
                .ShouldBe([stored, released], ignoreOrder: true);

            async Task<List<string>> NoticesAsync(Guid id) => [.. (await doctor.GetJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=50")).GetProperty("items")
                .EnumerateArray().Where(n => n.GetProperty("link").GetString() == $"/doctor/lab-results/{id}").Select(n => n.GetProperty("title").GetString()!)];
            await EventuallyAsync(async () => (await NoticesAsync(stored)).Count > 0 && (await NoticesAsync(released)).Count > 0 ? (JsonElement?)default(JsonElement) : null);

            // Polled again: withdrawn once, told once.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var (toldStored, toldReleased) = ((await NoticesAsync(stored)).ShouldHaveSingleItem(), (await NoticesAsync(released)).ShouldHaveSingleItem());
            toldStored.ShouldBeOneOf("The lab withdrew lab results", "Лаборатория отозвала результаты анализов");
            toldReleased.ShouldBeOneOf("The lab withdrew lab results the patient has already seen", "Лаборатория отозвала результаты анализов, которые пациент уже видел");
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, consultationId);
        }
    }

    /// <summary>
    /// A partner lab's test it could not perform (a dataAbsentReason, no value) held the whole report back until the lab changed it, and
    /// an Observation it withdrew (entered-in-error) was read as a value. Both are stored as "no result" with their reason — the lab's code
    /// and words — with no value and no flag, even where the lab wrote "N", so the report is never all normal and never releases itself;
    /// the other values are stored as usual.
    /// </summary>
    [Fact]
    public async Task Given_a_final_report_with_a_test_not_performed_and_one_entered_in_error_When_it_is_stored_Then_both_are_no_result_with_their_reason_and_it_is_not_all_normal()
    {
        var labId = await PartnerLabAsync($"Absent Lab {Guid.NewGuid():N}"[..19]);
        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "andrei.semenov@demo.telemed.dev", "A cough for two weeks.");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            var orderId = await SentToPartnerLabAsync(doctor, patient, consultationId, "51990-0", labId);

            await partnerLab.CompleteAsync(orderId, absent: "2823-3", absentReason: "not-performed", absentText: "Specimen haemolysed",
                statusOf: "2951-2", observationStatus: "entered-in-error");
            var report = await ReportOfAsync(doctor, orderId);

            var potassium = Value(report, "2823-3");
            potassium.GetProperty("absentReason").GetString().ShouldBe("not-performed");
            potassium.GetProperty("absentReasonText").GetString().ShouldBe("Specimen haemolysed");
            var sodium = Value(report, "2951-2");
            sodium.GetProperty("absentReason").GetString().ShouldBe("entered-in-error");
            foreach (var missing in new[] { potassium, sodium })
            {
                missing.GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null, "no result is never a value");
                missing.GetProperty("valueText").ValueKind.ShouldBe(JsonValueKind.Null);
                missing.GetProperty("flag").ValueKind.ShouldBe(JsonValueKind.Null, "the lab's N on a withdrawn value is not taken");
                missing.GetProperty("critical").GetBoolean().ShouldBeFalse();
            }

            Value(report, "2345-7").GetProperty("flag").GetString().ShouldBe("N");
            Value(report, "2345-7").GetProperty("absentReason").ValueKind.ShouldBe(JsonValueKind.Null);
            report.GetProperty("values").GetArrayLength().ShouldBe(4, "every test of the panel is there, resulted or not");
            report.GetProperty("criticalCount").GetInt32().ShouldBe(0);

            // "All normal" (the auto-release rule's condition) is false: the missing values are not normal.
            var raw = new RawDatabase(host);
            await using var connection = await raw.OpenAsync();
            var id = raw.IsPostgres ? report.GetProperty("id").GetGuid().ToString() : report.GetProperty("id").GetGuid().ToString().ToUpperInvariant();
            var allNormal = (await RawDatabase.RowsAsync(connection, $"SELECT \"AllNormal\" FROM {raw.Table("labs", "reports")} WHERE \"Id\" = '{id}'")).Single();
            allNormal.ShouldBeOneOf("0", "False", "false");
            host.Logs.ShouldNotContain(l => l.Contains("Specimen haemolysed", StringComparison.Ordinal), "the lab's words are not logged");
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, consultationId);
        }
    }

    /// <summary>The log line that refuses a partner lab's report of <paramref name="orderId"/> with <paramref name="code"/>, once the lab is polled.</summary>
    private async Task<string> RefusalLoggedAsync(Guid orderId, string code)
    {
        bool Refuses(string line) => line.Contains(orderId.ToString(), StringComparison.Ordinal) && line.Contains(code, StringComparison.Ordinal);
        await EventuallyAsync(() => Task.FromResult(host.Logs.Any(Refuses) ? (JsonElement?)default(JsonElement) : null));
        return host.Logs.First(Refuses);
    }

    private static async Task<HttpResponseMessage> OrderWithKeyAsync(ApiClient doctor, Guid consultationId, string key, params string[] tests)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/consultations/{consultationId}/lab-orders")
        {
            Content = JsonContent.Create(new { tests }, options: ApiClient.Json),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await doctor.Http.SendAsync(request);
    }

    [Fact]
    public async Task Given_a_lab_order_with_an_Idempotency_Key_When_the_doctor_sends_it_again_after_losing_the_answer_or_twice_at_once_Then_one_order_is_placed()
    {
        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "mikhail.vasiliev@demo.telemed.dev", "Tired for weeks.");
        using var _p = patient;
        using var _d = doctor;
        try
        {
            // The answer is lost; the page sends the same tests again with the same key (ticked in another order: the same set).
            var key = Guid.NewGuid().ToString();
            var first = await OrderWithKeyAsync(doctor, consultationId, key, "1988-5", "718-7");
            await first.ShouldHaveStatusAsync(HttpStatusCode.Created);
            var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var again = await OrderWithKeyAsync(doctor, consultationId, key, "718-7", "1988-5");
            await again.ShouldHaveStatusAsync(HttpStatusCode.Created);
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().ShouldBe(firstId);

            // Two sends at once with one key: one order.
            var raceKey = Guid.NewGuid().ToString();
            var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OrderWithKeyAsync(doctor, consultationId, raceKey, "2345-7")));
            foreach (var answer in racing)
            {
                await answer.ShouldHaveStatusAsync(HttpStatusCode.Created);
            }

            var racedIds = await Task.WhenAll(racing.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
            racedIds.Distinct().Count().ShouldBe(1);

            // The same key for other tests is not a retry; a new key is a new order.
            var reused = await OrderWithKeyAsync(doctor, consultationId, key, "2345-7");
            reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await reused.ProblemCodeAsync()).ShouldBe("idempotency.key_reused");
            (await (await OrderWithKeyAsync(doctor, consultationId, new string('k', 101), "2345-7")).ProblemCodeAsync()).ShouldBe("idempotency.key_invalid");
            await (await OrderWithKeyAsync(doctor, consultationId, Guid.NewGuid().ToString(), "1988-5", "718-7")).ShouldHaveStatusAsync(HttpStatusCode.Created);

            var orders = (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}/lab-orders")).EnumerateArray().ToList();
            orders.Count.ShouldBe(3);
            orders.Select(o => o.GetProperty("id").GetGuid()).ShouldContain(firstId);
            orders.Select(o => o.GetProperty("id").GetGuid()).ShouldContain(racedIds[0]);
            (await patient.GetJsonAsync<JsonElement>("/api/v1/me/lab-orders")).EnumerateArray().Count(o => o.GetProperty("id").GetGuid() == firstId).ShouldBe(1);
        }
        finally
        {
            await PrescriptionSteps.EndAsync(doctor, consultationId);
        }
    }

    /// <summary>
    /// An order sent again (the first send reached the lab, but its answer was lost or its ids could not be saved, so the
    /// worker sends it once more after the claim lapses) finds the lab's requests instead of creating a second set: the lab
    /// works one requisition, and the reports, found by the requests' ids, come back to the order.
    /// </summary>
    [Fact]
    public async Task Given_an_order_the_lab_already_received_When_it_is_sent_again_Then_the_lab_holds_one_request_per_test_and_the_same_ids_come_back()
    {
        var order = new Telemed.Modules.Labs.Gateway.LabOrderToSend(Guid.NewGuid(), Guid.NewGuid(), "Test Patient", Guid.NewGuid(), "Dr Test",
            [("1988-5", "C reactive protein"), ("718-7", "Hemoglobin")], DateTime.UtcNow);
        using var scope = host.Services.CreateScope();
        var gateway = scope.ServiceProvider.GetRequiredService<Telemed.Modules.Labs.Gateway.ILabGateway>();

        var first = await gateway.SendAsync(partnerLab.FhirBase, order, CancellationToken.None);
        var again = await gateway.SendAsync(partnerLab.FhirBase, order, CancellationToken.None);

        again.ShouldBe(first);
        var received = (await partnerLab.RequestsAsync()).Where(r => r.GetProperty("requisition").GetProperty("value").GetString() == order.OrderId.ToString()).ToList();
        received.Select(r => r.GetProperty("id").GetString()).Order().ShouldBe(first.Order());
    }
}
