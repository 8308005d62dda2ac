using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// The protocol's follow-up date at the far edge: <c>followUpOn: "9999-12-31"</c> was saved (only a date before the visit was
/// refused), and showed in the patient's visit summary as the planned follow-up. A follow-up is now at most five years out.
/// </summary>
public abstract class ProtocolFollowUpScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_a_consultation_in_progress_When_the_follow_up_is_more_than_five_years_out_Then_it_is_422_and_nothing_is_saved()
    {
        using var doctor = await host.SignedInAsync("alexei.sokolov@demo.telemed.dev");
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var patient = await host.SignedInAsync("viktor.zaitsev@demo.telemed.dev");
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "neurology", kind = "video", complaint = Complaint(["head"], 3, "days", [], "Numb fingers") });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var visitDay = SchedulingApi.Today(host);

        object Protocol(string followUpOn) => new
        {
            version = 0, complaints = "Numb fingers", historyOfPresentIllness = "", objectiveFindings = "", recommendations = "",
            diagnoses = Array.Empty<object>(), referrals = Array.Empty<object>(), followUpOn,
        };

        foreach (var far in new[] { "9999-12-31", visitDay.AddYears(5).AddDays(2).ToString("yyyy-MM-dd") })
        {
            var refused = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(far));
            refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, far);
            (await refused.ProblemCodeAsync()).ShouldBe("clinical.follow_up_too_far", far);
        }

        (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/protocol")).GetProperty("version").GetInt32().ShouldBe(0);
        var inAYear = visitDay.AddYears(1).ToString("yyyy-MM-dd");
        var saved = await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", Protocol(inAYear));
        await saved.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("followUpOn").GetString().ShouldBe(inAYear);

        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }
}

[Collection("clinical-sqlite")]
public sealed class ProtocolFollowUpScenariosOnSqlite(ClinicalSqliteHost host) : ProtocolFollowUpScenarios(host);

[Collection("clinical-postgres")]
public sealed class ProtocolFollowUpScenariosOnPostgres(ClinicalPostgresHost host) : ProtocolFollowUpScenarios(host);
