using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Clinical;
using Telemed.IntegrationTests.Scenarios.Labs;

namespace Telemed.IntegrationTests.Scenarios.Records;

/// <summary>
/// Lab results on the record timeline (kind <c>lab_result</c>): the care team sees a report as soon as it arrives, the patient
/// only once it is released; the entry names the tests and counts the flags, never a value.
/// </summary>
public abstract class LabTimelineScenarios(TelemedHost host, PartnerLabProcess partnerLab)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Given_a_lab_report_with_a_critical_value_Then_the_doctor_sees_it_on_the_timeline_at_once_and_the_patient_only_after_release_without_values()
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var created = await admin.PostAsync("/api/v1/admin/partner-labs",
            new { name = $"Timeline Lab {Guid.NewGuid():N}"[..20], address = "Lab street 2", fhirBaseUrl = partnerLab.FhirBase, enabled = true, clinicId = (Guid?)null });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var labId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, "viktor.zaitsev@demo.telemed.dev", "Thirsty all the time.");
        using var _p = patient;
        using var _d = doctor;

        var placed = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/lab-orders", new { tests = new[] { "51990-0" } });
        await placed.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await patient.PostAsync($"/api/v1/me/lab-orders/{orderId}/partner-lab", new { partnerLabId = labId })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await partnerLab.CompleteAsync(orderId, critical: "2823-3");
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var doctorTimeline = $"/api/v1/patients/{patientId}/record/timeline?kind=lab_result&pageSize=100";

        var deadline = DateTime.UtcNow + Patience;
        JsonElement entry;
        while (true)
        {
            var items = (await doctor.GetJsonAsync<JsonElement>(doctorTimeline)).GetProperty("items").EnumerateArray().ToList();
            var reportIds = (await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results")).EnumerateArray()
                .Where(r => r.GetProperty("orderId").GetGuid() == orderId).Select(r => r.GetProperty("id").GetGuid()).ToList();
            if (reportIds.Count == 1 && items.FirstOrDefault(i => i.GetProperty("id").GetGuid() == reportIds[0]) is { ValueKind: JsonValueKind.Object } found)
            {
                entry = found;
                break;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "the report did not reach the doctor's timeline in time");
            await Task.Delay(300);
        }

        var reportId = entry.GetProperty("id").GetGuid();
        entry.GetProperty("kind").GetString().ShouldBe("lab_result");
        entry.GetProperty("status").GetString().ShouldBe("received");
        entry.GetProperty("title").GetString()!.ShouldStartWith("Basic metabolic panel");
        var detail = entry.GetProperty("detail").GetString()!;
        detail.ShouldStartWith("HH 1");
        detail.ShouldContain("N ");
        detail.ShouldNotContain("mmol");

        // Received, not released: nothing on the patient's own timeline.
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/timeline?kind=lab_result&pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetGuid()).ShouldNotContain(reportId);
        // An unrelated doctor still gets 404.
        using (var stranger = await host.SignedInAsync("olga.smirnova@demo.telemed.dev"))
        {
            (await (await stranger.GetAsync(doctorTimeline)).ProblemCodeAsync()).ShouldBe("records.patient_not_found");
        }

        await (await doctor.PostAsync($"/api/v1/lab-results/{reportId}/release", new { note = "Please come in today." })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var mine = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/timeline?kind=lab_result&pageSize=100")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetGuid() == reportId);
        mine.GetProperty("status").GetString().ShouldBe("released");
        mine.GetProperty("title").GetString().ShouldBe(entry.GetProperty("title").GetString());
        mine.GetProperty("detail").GetString().ShouldBe(detail);
        // A Russian-speaking patient reads the tests' names in Russian (the web app sends its language as Accept-Language).
        using (var russian = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/record/timeline?kind=lab_result&pageSize=100"))
        {
            russian.Headers.AcceptLanguage.ParseAdd("ru");
            using var answer = await patient.Http.SendAsync(russian);
            (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == reportId)
                .GetProperty("title").GetString()!.ShouldStartWith("Базовая метаболическая панель");
        }

        // The unfiltered timeline holds the lab result beside the consultation it was ordered in.
        var all = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/timeline?pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("id").GetGuid())).ToList();
        all.ShouldContain(("lab_result", reportId));
        all.ShouldContain(("consultation", consultationId));
    }
}

[Collection(nameof(LabsSqliteCollection))]
public sealed class LabTimelineScenariosOnSqlite(LabsSqliteHost host) : LabTimelineScenarios(host, host.PartnerLab);

[Collection(nameof(LabsPostgresCollection))]
public sealed class LabTimelineScenariosOnPostgres(LabsPostgresHost host) : LabTimelineScenarios(host, host.PartnerLab);
