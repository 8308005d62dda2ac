using System.Net;
using Telemed.Host.Platform;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Deployment;

/// <summary>A host with the compose stack's settings for running behind nginx (forwarded headers trusted).</summary>
public sealed class HostBehindProxy() : TelemedHost(Telemed.BuildingBlocks.Data.DatabaseProvider.Sqlite, new Dictionary<string, string?>
{
    // What ASPNETCORE_FORWARDEDHEADERS_ENABLED=true in deploy/compose/compose.yaml sets (the framework strips the prefix).
    ["FORWARDEDHEADERS_ENABLED"] = "true",
});

/// <summary>
/// The compose stack's nginx configuration (deploy/compose/nginx.conf, issue 15 item 3) in front of a real host, with Debian's
/// nginx: the web app's API and a SignalR hub work through it, the hub connection is upgraded to a WebSocket, and the host
/// records the client's address rather than nginx's or one the client forged.
/// </summary>
public sealed class NginxFrontScenarios(HostBehindProxy host) : IClassFixture<HostBehindProxy>
{
    [Fact]
    public async Task Given_the_compose_nginx_config_in_front_Then_hubs_are_WebSockets_and_the_host_sees_the_client_address_not_the_proxy_or_a_forged_one()
    {
        await using var nginx = await NginxFront.StartAsync(host.BaseAddress);
        using var patient = new ApiClient(nginx.BaseAddress, host);
        // A client cannot choose the address the host records: nginx overwrites what it sends.
        patient.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        var ready = await patient.GetAsync(HealthEndpoints.Ready);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, nginx.Output);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");

        await patient.SignInAsync("elena.popova@demo.telemed.dev", Demo.Password);
        // 127.0.0.1 is the test's own address as nginx saw it; nginx itself reaches the host from 127.0.0.2.
        (await SignInAddressesAsync()).ShouldBe(["127.0.0.1"]);

        using (var hub = NodeClients.StartLines("hub-client.mjs", nginx.BaseAddress.ToString().TrimEnd('/'), patient.CookieHeader, "/hubs/notifications", ""))
        {
            var first = await hub.NextLineAsync(l => l.Contains("\"type\":"), TimeSpan.FromSeconds(60));
            first.ShouldContain("\"type\":\"ready\"", customMessage: nginx.Output);
            await hub.SendLineAsync("""{"id":"1","method":"NoSuchMethod","args":[]}""");
            await hub.NextLineAsync(l => l.Contains("\"id\":\"1\""), TimeSpan.FromSeconds(60));
        }

        // The connection went through as a WebSocket (101), not a server-sent events or long-polling fallback; its log
        // line is written when it closes.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!nginx.AccessLog().Any(IsUpgradedHub) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        nginx.AccessLog().ShouldContain(l => IsUpgradedHub(l), string.Join('\n', nginx.AccessLog()));
    }

    /// <summary>The addresses recorded with sign-ins (the audit trail is written with the request, but allow a moment).</summary>
    private async Task<List<string>> SignInAddressesAsync()
    {
        var db = new RawDatabase(host);
        await using var connection = await db.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var addresses = await RawDatabase.RowsAsync(connection,
                $"""SELECT "IpAddress" FROM {db.Table("audit", "entries")} WHERE "Action" = 'auth.sign_in'""");
            if (addresses.Count > 0 || DateTime.UtcNow > deadline)
            {
                return addresses;
            }

            await Task.Delay(100);
        }
    }

    private static bool IsUpgradedHub(string line) =>
        line.Contains("\"GET /hubs/notifications?id=", StringComparison.Ordinal) && line.Contains("\" 101 ", StringComparison.Ordinal);
}
