using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// Stopping is normal: every hosted service of the host, whose waits (a PeriodicTimer's tick, a Task.Delay) are cancelled because the
/// host shuts down, ends quietly. The failed start on a taken port (a disposal without a stop) is driven on a generic host in
/// Telemed.UnitTests/Hosting/HostedServiceShutdownTests, as this factory's Kestrel set-up takes no second address.
/// </summary>
public sealed class HostShutdownScenarios
{
    [Fact]
    public async Task Given_a_running_host_When_it_stops_at_once_Then_no_hosted_service_logs_an_error()
    {
        var host = new SqliteHost();
        await host.InitializeAsync();
        await host.DisposeAsync();

        await Task.Delay(TimeSpan.FromSeconds(2));
        host.Logs.Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal)).ShouldBeEmpty();
    }
}
