using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Notifications;

/// <summary>
/// The notification centre: booking changes reach the patient's list and their open tabs live (official SignalR client),
/// titles in the patient's language, newest first; only the recipient reads or marks their own notifications.
/// </summary>
public abstract class NotificationCentreScenarios(TelemedHost host)
{
    private const string Sophie = "sophie.turner@demo.telemed.dev";   // English
    private const string Ivan = "ivan.kuznetsov@demo.telemed.dev";    // Russian
    private const string Oliver = "oliver.grant@demo.telemed.dev";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static async Task<JsonElement> ListAsync(ApiClient client, int page = 1, int pageSize = 20) =>
        await client.GetJsonAsync<JsonElement>($"/api/v1/me/notifications?page={page}&pageSize={pageSize}");

    [Fact]
    public async Task Given_a_patient_with_the_page_open_When_their_visit_is_booked_moved_and_cancelled_Then_each_change_arrives_live_and_only_they_can_mark_it_read()
    {
        using var patient = await host.SignedInAsync(Sophie);
        using var hub = (await HubClient.ConnectAsync(patient, "/hubs/notifications", "notificationReceived", "unreadChanged", "subscribed"))!;
        hub.ShouldNotBeNull();
        // The server says when the connection is in her group; from then on no push can pass it by.
        await hub.NextEventAsync("subscribed", timeout: Patience);
        var before = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/notifications/unread-count")).GetProperty("unread").GetInt32();

        var doctor = (await DoctorsAsync(patient))[1].Id;
        var slots = await SlotsAsync(patient, doctor, Today(host).AddDays(5), 2);
        var booked = await SchedulingApi.BookAsync(patient, doctor, slots[0]);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var link = $"/patient/appointments/{appointmentId}";

        var first = await hub.NextEventAsync("notificationReceived", e => e.GetProperty("notification").GetProperty("link").GetString() == link, Patience);
        first.GetProperty("notification").GetProperty("kind").GetString().ShouldBe("booking_created");
        first.GetProperty("unread").GetInt32().ShouldBe(before + 1);

        await (await patient.PostAsync($"/api/v1/scheduling/appointments/{appointmentId}/reschedule", new { start = slots[1].Start })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var moved = await hub.NextEventAsync("notificationReceived", e => e.GetProperty("notification").GetProperty("kind").GetString() == "booking_rescheduled", Patience);
        moved.GetProperty("unread").GetInt32().ShouldBe(before + 2);
        var movedTitle = moved.GetProperty("notification").GetProperty("title").GetString()!;
        movedTitle.ShouldStartWith("Your visit on ");
        movedTitle.ShouldContain(slots[1].ClinicLocal[11..16]);

        using var desk = await host.SignedInAsync(FrontDesk);
        await (await desk.PostAsync($"/api/v1/scheduling/appointments/{appointmentId}/cancel", new { reason = "Doctor unwell" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var cancelled = await hub.NextEventAsync("notificationReceived", e => e.GetProperty("notification").GetProperty("kind").GetString() == "booking_cancelled", Patience);
        cancelled.GetProperty("notification").GetProperty("title").GetString()!.ShouldContain("was cancelled");
        cancelled.GetProperty("notification").GetProperty("title").GetString()!.ShouldNotContain("unwell");

        // Newest first, paged; the unread count covers every page.
        var list = await ListAsync(patient, pageSize: 2);
        list.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(3);
        list.GetProperty("unread").GetInt32().ShouldBe(before + 3);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(2);
        items[0].GetProperty("kind").GetString().ShouldBe("booking_cancelled");
        items[1].GetProperty("kind").GetString().ShouldBe("booking_rescheduled");
        items[0].GetProperty("createdAt").GetDateTime().ShouldBeGreaterThanOrEqualTo(items[1].GetProperty("createdAt").GetDateTime());
        (await ListAsync(patient, page: 2, pageSize: 2)).GetProperty("items").EnumerateArray()
            .ShouldContain(n => n.GetProperty("kind").GetString() == "booking_created" && n.GetProperty("link").GetString() == link);
        var cancelledId = items[0].GetProperty("id").GetGuid();

        // Another patient cannot see, read or mark it (404, like an unknown id); nor can someone signed out.
        using var other = await host.SignedInAsync(Oliver);
        (await ListAsync(other, pageSize: 100)).GetProperty("items").EnumerateArray().ShouldNotContain(n => n.GetProperty("id").GetGuid() == cancelledId);
        var foreign = await other.PostAsync($"/api/v1/me/notifications/{cancelledId}/read");
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await foreign.ProblemCodeAsync()).ShouldBe("notifications.not_found");
        (await other.PostAsync($"/api/v1/me/notifications/{Guid.NewGuid()}/read")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var anonymous = host.CreateApiClient();
        (await anonymous.GetAsync("/api/v1/me/notifications")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await HubClient.ConnectAsync(anonymous, "/hubs/notifications")).ShouldBeNull();
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/notifications/unread-count")).GetProperty("unread").GetInt32().ShouldBe(before + 3);

        // The recipient marks one read: the count drops in their open tab; marking all leaves none.
        var read = await patient.PostAsync($"/api/v1/me/notifications/{cancelledId}/read");
        await read.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("readAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await hub.NextEventAsync("unreadChanged", e => e.GetProperty("unread").GetInt32() == before + 2, Patience)).ShouldNotBe(default);
        await (await patient.PostAsync("/api/v1/me/notifications/read-all")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await hub.NextEventAsync("unreadChanged", e => e.GetProperty("unread").GetInt32() == 0, Patience);
        (await ListAsync(patient)).GetProperty("unread").GetInt32().ShouldBe(0);

        // Titles are stored encrypted; who read what is in the audit trail.
        (await new RawDatabase(host).EverythingStoredAsync()).ShouldNotContain(movedTitle);
    }

    [Fact]
    public async Task Given_a_russian_speaking_patient_When_the_clinic_cancels_their_visit_Then_the_notification_is_in_russian()
    {
        using var patient = await host.SignedInAsync(Ivan);
        var doctor = (await DoctorsAsync(patient))[2].Id;
        var slots = await SlotsAsync(patient, doctor, Today(host).AddDays(6), 1);
        var booked = await SchedulingApi.BookAsync(patient, doctor, slots[0]);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var desk = await host.SignedInAsync(FrontDesk);
        await (await desk.PostAsync($"/api/v1/scheduling/appointments/{appointmentId}/cancel", new { reason = "x" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var cancelled = await WaitForAsync(async () => (await ListAsync(patient, pageSize: 100)).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("kind").GetString() == "booking_cancelled" && n.GetProperty("link").GetString()!.Contains(appointmentId.ToString()))
            .Select(n => n.GetProperty("title").GetString()).FirstOrDefault(), Patience, "the cancellation notification");
        cancelled.ShouldContain("отменён");
    }
}

public sealed class NotificationCentreScenariosOnSqlite(SqliteHost host) : NotificationCentreScenarios(host), IClassFixture<SqliteHost>;

public sealed class NotificationCentreScenariosOnPostgres(PostgresHost host) : NotificationCentreScenarios(host), IClassFixture<PostgresHost>;
