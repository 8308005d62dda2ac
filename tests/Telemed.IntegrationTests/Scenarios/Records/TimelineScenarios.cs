using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Records;

/// <summary>The record timeline: who may read it (the patient, the care team, break-glass flagged; nobody else), its filters and paging.</summary>
public abstract class TimelineScenarios(RecordsHost host)
{
    private const string Ivan = "ivan.kuznetsov@demo.telemed.dev";
    private const string Cardiologist = "anna.petrova@demo.telemed.dev";

    [Fact]
    public async Task Given_the_record_timeline_Then_the_patient_and_care_team_read_it_break_glass_is_flagged_and_everyone_else_gets_404_audited()
    {
        using var patient = await host.SignedInAsync(Ivan);
        using var cardiologist = await host.SignedInAsync(Cardiologist);
        using var stranger = await host.NewDoctorAsync();
        using var otherPatient = await host.SignedInAsync("mikhail.vasiliev@demo.telemed.dev");
        using var desk = await host.SignedInAsync("frontdesk@demo.telemed.dev");
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var patientId = await RecordsApi.PatientIdAsync(patient);
        var older = await RecordsApi.UploadAsync(patient, ClamdServer.PdfWithRandomBody(), documentDate: "2024-03-05", description: "Old imaging letter", type: "imaging");
        await older.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var olderId = (await older.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var newer = await RecordsApi.UploadedAsync(patient, ClamdServer.PdfWithRandomBody(), description: "Recent blood count");
        (await RecordsApi.VerdictAsync(patient, newer)).ShouldBe("available");
        (await RecordsApi.VerdictAsync(patient, olderId)).ShouldBe("available");
        var timeline = $"/api/v1/patients/{patientId}/record/timeline";

        var mine = await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/timeline?kind=document&pageSize=100");
        var ids = mine.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
        ids.IndexOf(newer).ShouldBeLessThan(ids.IndexOf(olderId), "newest first");
        mine.GetProperty("breakGlass").GetBoolean().ShouldBeFalse();
        mine.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Distinct().ShouldBe(["document"]);
        mine.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("occurredAt").GetDateTime()).ShouldBeInOrder(SortDirection.Descending);

        var ranged = await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/timeline?kind=document&from=2024-03-01&to=2024-03-31");
        ranged.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ShouldBe([olderId]);
        var paged = await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/timeline?kind=document&pageSize=1&page=2");
        paged.GetProperty("items").GetArrayLength().ShouldBe(1);
        paged.GetProperty("total").GetInt32().ShouldBe(ids.Count);
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/timeline?kind=lab_result")).GetProperty("total").GetInt32().ShouldBe(0);

        foreach (var (query, code) in new[] { ("kind=horoscope", "records.invalid_kind"), ("from=2025-01-02&to=2025-01-01", "records.invalid_range"),
                     ("from=yesterday", "records.invalid_range"), ("pageSize=0", "validation.failed"), ("page=0", "validation.failed"), ("pageSize=101", "validation.failed") })
        {
            var bad = await patient.GetAsync($"/api/v1/me/record/timeline?{query}");
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
            (await bad.ProblemCodeAsync()).ShouldBe(code, query);
        }

        var care = await cardiologist.GetJsonAsync<JsonElement>($"{timeline}?kind=document&pageSize=100");
        care.GetProperty("breakGlass").GetBoolean().ShouldBeFalse();
        care.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ShouldContain(newer);

        foreach (var outsider in new[] { stranger, otherPatient, desk, admin })
        {
            var refused = await outsider.GetAsync(timeline);
            refused.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound);
            (await refused.ProblemCodeAsync()).ShouldBe("records.patient_not_found");
        }

        const string reason = "Unconscious patient in the emergency room, history needed";
        await (await stranger.PostAsync($"/api/v1/patients/{patientId}/break-glass", new { reason })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var emergency = await stranger.GetJsonAsync<JsonElement>($"{timeline}?kind=document&pageSize=100");
        emergency.GetProperty("breakGlass").GetBoolean().ShouldBeTrue();
        emergency.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ShouldContain(newer);

        var strangerId = await RecordsApi.UserIdAsync(stranger);
        var denied = await EntriesAsync(admin, $"action=access.denied&recordType=PatientRecord&recordId={patientId}", e => e.Count >= 4);
        denied.Count.ShouldBeGreaterThanOrEqualTo(4);
        var flagged = await EntriesAsync(admin, $"action=phi.read&recordType=PatientRecord&recordId={patientId}&breakGlass=true", e => e.Any(x => x.GetProperty("actorId").GetGuid() == strangerId));
        flagged.ShouldContain(e => e.GetProperty("actorId").GetGuid() == strangerId && e.GetProperty("reason").GetString() == reason);
        // A justification a person typed has no code: the admin reads it as typed.
        flagged.Where(e => e.GetProperty("reason").GetString() == reason).ShouldAllBe(e => e.GetProperty("reasonCode").ValueKind == JsonValueKind.Null);
        denied.ShouldAllBe(e => e.GetProperty("reasonCode").ValueKind == JsonValueKind.String);
    }

    private static async Task<List<JsonElement>> EntriesAsync(ApiClient admin, string query, Func<List<JsonElement>, bool> enough)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?{query}&pageSize=100");
            var items = page.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
            if (enough(items) || attempt == 20)
            {
                return items;
            }

            await Task.Delay(100);
        }
    }
}

[Collection(nameof(RecordsSqliteCollection))]
public sealed class TimelineScenariosOnSqlite(RecordsSqliteHost host) : TimelineScenarios(host);

[Collection(nameof(RecordsPostgresCollection))]
public sealed class TimelineScenariosOnPostgres(RecordsPostgresHost host) : TimelineScenarios(host);
