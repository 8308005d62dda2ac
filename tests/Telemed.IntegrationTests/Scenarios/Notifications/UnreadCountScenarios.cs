using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Notifications.Inbox;

namespace Telemed.IntegrationTests.Scenarios.Notifications;

/// <summary>
/// Unread counts are counted up to 100 ("100 or more"): every new notification pushes its recipient's count, and a count that
/// read every unread row made a user with thousands of them cost each push thousands of rows. Below the cap they stay exact,
/// topics switched off in the centre left out, on the push and on every read of the count.
/// </summary>
public abstract class UnreadCountScenarios(TelemedHost host)
{
    private const string Oliver = "oliver.grant@demo.telemed.dev";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task DeliverAsync(Guid recipient, string kind, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<NotificationInbox>();
        var items = Enumerable.Range(0, count).Select(i => new InboxItem(recipient, kind, $"Notice {i}", "/patient/messages", Guid.NewGuid())).ToList();
        (await inbox.DeliverAsync(items, CancellationToken.None)).ShouldBe(count);
    }

    private static async Task<(int Unread, int Total)> CountsAsync(ApiClient client)
    {
        var list = await client.GetJsonAsync<JsonElement>("/api/v1/me/notifications");
        var unread = (await client.GetJsonAsync<JsonElement>("/api/v1/me/notifications/unread-count")).GetProperty("unread").GetInt32();
        list.GetProperty("unread").GetInt32().ShouldBe(unread, "the list and the count endpoint say the same");
        return (unread, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Given_a_user_with_more_than_100_unread_When_another_arrives_Then_the_count_says_100_and_below_the_cap_it_is_exact_without_switched_off_topics()
    {
        using var patient = await host.SignedInAsync(Oliver);
        var userId = (await patient.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("id").GetGuid();
        using var hub = (await HubClient.ConnectAsync(patient, "/hubs/notifications", "notificationReceived", "unreadChanged", "subscribed"))!;
        await hub.NextEventAsync("subscribed", timeout: Patience);
        await (await patient.PostAsync("/api/v1/me/notifications/read-all")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var (_, before) = await CountsAsync(patient);

        // Given: 130 unread messages and 5 unread booking notices.
        await DeliverAsync(userId, NotificationKinds.Message, 130);
        await DeliverAsync(userId, NotificationKinds.BookingCreated, 5);

        // When one more arrives, its push and every read of the count say 100: "100 or more". The list's total stays exact.
        await DeliverAsync(userId, NotificationKinds.BookingCancelled, 1);
        (await hub.NextEventAsync("notificationReceived", e => e.GetProperty("notification").GetProperty("kind").GetString() == "booking_cancelled", Patience))
            .GetProperty("unread").GetInt32().ShouldBe(100);
        (await CountsAsync(patient)).ShouldBe((100, before + 136));

        // Then, messages switched off in the centre: the count is exact again (6 booking notices), on the read and on the push.
        await (await patient.PutAsync("/api/v1/me/notification-preferences", new { changes = new[] { new { topic = "messages", channel = "in_app", enabled = false } } }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await CountsAsync(patient)).Unread.ShouldBe(6);
        await DeliverAsync(userId, NotificationKinds.BookingRescheduled, 1);
        (await hub.NextEventAsync("notificationReceived", e => e.GetProperty("notification").GetProperty("kind").GetString() == "booking_rescheduled", Patience))
            .GetProperty("unread").GetInt32().ShouldBe(7);

        // Messages on again: 137 unread, counted as 100; marking all read leaves none.
        await (await patient.PutAsync("/api/v1/me/notification-preferences", new { changes = new[] { new { topic = "messages", channel = "in_app", enabled = true } } }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await CountsAsync(patient)).Unread.ShouldBe(100);
        await (await patient.PostAsync("/api/v1/me/notifications/read-all")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await CountsAsync(patient)).Unread.ShouldBe(0);
        await DeliverAsync(userId, NotificationKinds.WaitlistOffer, 1);
        (await hub.NextEventAsync("notificationReceived", e => e.GetProperty("notification").GetProperty("kind").GetString() == "waitlist_offer", Patience))
            .GetProperty("unread").GetInt32().ShouldBe(1);
    }
}

public sealed class UnreadCountScenariosOnSqlite(SqliteHost host) : UnreadCountScenarios(host), IClassFixture<SqliteHost>;

public sealed class UnreadCountScenariosOnPostgres(PostgresHost host) : UnreadCountScenarios(host), IClassFixture<PostgresHost>;
