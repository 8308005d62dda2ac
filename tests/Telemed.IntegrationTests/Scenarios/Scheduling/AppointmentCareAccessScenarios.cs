using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>
/// An appointment gives its doctor access to the patient's record only while it stands: cancelling it ends the access (once the
/// outbox has delivered the cancellation) unless another appointment with that doctor still stands, and the access it gives lasts
/// until 30 days after the visit, not for good.
/// </summary>
public abstract class AppointmentCareAccessScenarios(TelemedHost host)
{
    private const string Patient = "oliver.grant@demo.telemed.dev";
    private const string Doctor = "olga.smirnova@demo.telemed.dev";

    [Fact]
    public async Task Given_two_bookings_with_a_doctor_When_both_are_cancelled_one_after_the_other_Then_she_keeps_access_until_the_last_is_gone()
    {
        using var patient = await host.SignedInAsync(Patient);
        using var doctor = await host.SignedInAsync(Doctor);
        using var desk = await host.SignedInAsync(FrontDesk);
        var found = await (await desk.PostAsync("/api/v1/front-desk/patients/search", new { term = "Grant" })).Content.ReadFromJsonAsync<JsonElement>();
        var oliver = found.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("displayName").GetString()!.Contains("Oliver", StringComparison.Ordinal)).GetProperty("id").GetGuid();
        var olga = (await DoctorsAsync(patient)).Single(d => d.Name.Contains("Smirnova", StringComparison.Ordinal)).Id;
        string[] record = [$"/api/v1/patients/{oliver}/clinical", $"/api/v1/patients/{oliver}/record/timeline"];
        async Task<HttpStatusCode[]> ReadsAsync() => await Task.WhenAll(record.Select(async path => (await doctor.GetAsync(path)).StatusCode));
        async Task<JsonElement?> ListedAsync() => (await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/patients")).EnumerateArray()
            .Cast<JsonElement?>().FirstOrDefault(p => p!.Value.GetProperty("id").GetGuid() == oliver);

        (await ReadsAsync()).ShouldAllBe(s => s == HttpStatusCode.NotFound, "no relationship before any booking");

        // Given: two bookings, an earlier and a later one.
        var slots = await SlotsAsync(patient, olga, Today(host).AddDays(3), 10);
        var (earlier, later) = (slots[0], slots[^1]);
        var ids = new List<Guid>();
        foreach (var slot in new[] { earlier, later })
        {
            var booked = await BookAsync(patient, olga, slot);
            await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
            ids.Add((await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        await WaitForAsync(async () => (await ReadsAsync()).All(s => s == HttpStatusCode.OK) ? "granted" : null, TimeSpan.FromSeconds(30), "the booking's access");
        var listed = await WaitForAsync(async () => await ListedAsync() is { } p && p.GetProperty("until").ValueKind != JsonValueKind.Null
            && p.GetProperty("until").GetDateTime().ToUniversalTime() == later.End.AddDays(30) ? (object)p : null, TimeSpan.FromSeconds(30), "access until 30 days after the later visit");
        ((JsonElement)listed).GetProperty("relationship").GetString().ShouldBe("appointment");

        // When: the later one is cancelled, the access is worked out again from the earlier one, which still stands.
        await (await patient.PostAsync($"/api/v1/scheduling/appointments/{ids[1]}/cancel", new { reason = "mistake" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await WaitForAsync(async () => await ListedAsync() is { } p && p.GetProperty("until").ValueKind != JsonValueKind.Null
            && p.GetProperty("until").GetDateTime().ToUniversalTime() == earlier.End.AddDays(30) ? "shortened" : null, TimeSpan.FromSeconds(30),
            "access until 30 days after the earlier visit");
        (await ReadsAsync()).ShouldAllBe(s => s == HttpStatusCode.OK, "the earlier appointment still stands");

        // When: the earlier one is cancelled too, nothing justifies the access any more.
        await (await patient.PostAsync($"/api/v1/scheduling/appointments/{ids[0]}/cancel", new { reason = "mistake" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await WaitForAsync(async () => (await ReadsAsync()).All(s => s == HttpStatusCode.NotFound) ? "ended" : null, TimeSpan.FromSeconds(30), "the access to end");
        (await ListedAsync()).ShouldBeNull();
    }
}

public sealed class AppointmentCareAccessScenariosOnSqlite(SqliteHost host) : AppointmentCareAccessScenarios(host), IClassFixture<SqliteHost>;

public sealed class AppointmentCareAccessScenariosOnPostgres(PostgresHost host) : AppointmentCareAccessScenarios(host), IClassFixture<PostgresHost>;
