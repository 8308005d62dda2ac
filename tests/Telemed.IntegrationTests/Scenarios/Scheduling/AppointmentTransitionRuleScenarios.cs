using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>
/// Every transition endpoint lets through exactly what <c>allowedActions</c> offers: a patient cannot confirm before a reminder
/// asked them to, and the front desk cannot check a patient in days before the visit (which would stop them cancelling).
/// </summary>
public abstract class AppointmentTransitionRuleScenarios(TelemedHost host)
{
    private async Task<(ApiClient Patient, ApiClient Desk, Guid Id)> BookedInThreeDaysAsync(int slotIndex)
    {
        var patient = await host.SignedInAsync("sophie.turner@demo.telemed.dev");
        var desk = await host.SignedInAsync(FrontDesk);
        var doctor = (await DoctorsAsync(patient))[2].Id;
        var slot = (await SlotsAsync(patient, doctor, Today(host).AddDays(3), 3))[slotIndex * 3];
        var booked = await BookAsync(patient, doctor, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (patient, desk, (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private static async Task<string[]> AllowedAsync(ApiClient client, Guid id) =>
        (await client.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{id}")).GetProperty("allowedActions").EnumerateArray()
        .Select(a => a.GetString()!).ToArray();

    [Fact]
    public async Task Given_no_reminder_has_gone_When_the_patient_confirms_Then_409_as_allowedActions_says_and_the_visit_stays_booked()
    {
        var (patient, desk, id) = await BookedInThreeDaysAsync(0);
        using var _ = patient;
        using var __ = desk;
        (await AllowedAsync(patient, id)).ShouldBe(["reschedule", "cancel"]);

        var confirmed = await patient.PostAsync($"/api/v1/scheduling/appointments/{id}/confirm");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await confirmed.ProblemCodeAsync()).ShouldBe("scheduling.confirmation_not_asked");
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{id}")).GetProperty("status").GetString().ShouldBe("booked");
    }

    [Fact]
    public async Task Given_a_visit_in_three_days_When_the_front_desk_checks_the_patient_in_Then_409_and_the_patient_can_still_cancel()
    {
        var (patient, desk, id) = await BookedInThreeDaysAsync(1);
        using var _ = patient;
        using var __ = desk;
        (await AllowedAsync(desk, id)).ShouldNotContain("checkIn");

        var checkedIn = await desk.PostAsync($"/api/v1/scheduling/appointments/{id}/check-in");
        checkedIn.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await checkedIn.ProblemCodeAsync()).ShouldBe("scheduling.check_in_not_open");

        await (await patient.PostAsync($"/api/v1/scheduling/appointments/{id}/cancel", new { reason = "plans changed" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }
}

public sealed class AppointmentTransitionRuleScenariosOnSqlite(SqliteHost host) : AppointmentTransitionRuleScenarios(host), IClassFixture<SqliteHost>;

public sealed class AppointmentTransitionRuleScenariosOnPostgres(PostgresHost host) : AppointmentTransitionRuleScenarios(host), IClassFixture<PostgresHost>;
