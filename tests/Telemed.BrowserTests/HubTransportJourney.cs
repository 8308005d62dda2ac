using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.BrowserTests;

/// <summary>
/// How the web app reaches its hubs: a WebSocket straight away, without SignalR's negotiate request (one request per
/// connect instead of two, no sticky routing needed); where a proxy refuses WebSocket upgrades, the negotiated way with
/// its fallback transports, and live updates arrive all the same. Seen through the bell of the notification centre.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HubTransportJourney(BrowserFixture fixture)
{
    private const string Sophie = "sophie.turner@demo.telemed.dev";

    [Fact]
    public async Task Given_websockets_work_when_the_page_opens_its_hub_then_no_negotiate_is_asked_and_changes_arrive_live()
    {
        var page = await fixture.NewPageAsync();
        var hubRequests = Watch(page);
        var sockets = new ConcurrentQueue<string>();
        page.WebSocket += (_, ws) => sockets.Enqueue(new Uri(ws.Url).AbsolutePath);

        await BookWhileTheBellWatchesAsync(page, doctorIndex: 2);

        Assert.Contains("/hubs/notifications", sockets);
        Assert.DoesNotContain(hubRequests, r => r.Contains("/negotiate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_proxy_refuses_websockets_when_the_page_opens_its_hub_then_it_negotiates_and_changes_still_arrive_live()
    {
        var page = await fixture.NewPageAsync();
        var hubRequests = Watch(page);
        var refused = 0;
        // Every WebSocket to a hub is closed at once, as a proxy that does not pass upgrades would.
        await page.RouteWebSocketAsync(new Regex("/hubs/"), ws =>
        {
            Interlocked.Increment(ref refused);
            _ = ws.CloseAsync();
        });

        await BookWhileTheBellWatchesAsync(page, doctorIndex: 3);

        Assert.True(refused > 0, "no WebSocket to a hub was tried");
        Assert.Contains(hubRequests, r => r.StartsWith("POST /hubs/notifications/negotiate", StringComparison.Ordinal));
        // The connection that carried the change is a fallback transport's: server-sent events or long polling.
        Assert.Contains(hubRequests, r => r.StartsWith("GET /hubs/notifications?", StringComparison.Ordinal) || r.StartsWith("GET /hubs/notifications/?", StringComparison.Ordinal));
    }

    private static ConcurrentQueue<string> Watch(IPage page)
    {
        var requests = new ConcurrentQueue<string>();
        page.Request += (_, r) =>
        {
            var uri = new Uri(r.Url);
            if (uri.AbsolutePath.StartsWith("/hubs/", StringComparison.Ordinal))
            {
                requests.Enqueue($"{r.Method} {uri.PathAndQuery}");
            }
        };
        return requests;
    }

    /// <summary>Signs Sophie in on the notification centre, books a visit through the API and waits for the bell to count it.</summary>
    private async Task BookWhileTheBellWatchesAsync(IPage page, int doctorIndex)
    {
        var host = fixture.Host;
        using var api = await host.SignedInAsync(Sophie);
        await (await api.PostAsync("/api/v1/me/notifications/read-all")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await BrowserSignIn.SignInAsync(page, Sophie);
        await page.GotoAsync("/notifications");
        var bell = page.GetByTestId("notification-bell");
        await Expect(page.GetByText("Nothing unread")).ToBeVisibleAsync();

        var doctor = (await DoctorsAsync(api))[doctorIndex].Id;
        var slots = await SlotsAsync(api, doctor, Today(host).AddDays(9), 1);
        await (await BookAsync(api, doctor, slots[0])).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications, 1 unread", new() { Timeout = 30_000 });
    }
}
