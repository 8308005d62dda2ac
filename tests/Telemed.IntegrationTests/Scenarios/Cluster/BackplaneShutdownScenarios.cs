using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Telemed.BuildingBlocks.Cluster;
using Telemed.Host.Platform;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Cluster;

/// <summary>
/// Every hub's backplane shares the host's one Redis connection, and each backplane disposes the connection it was given,
/// so a host stopping must not fail on a later hub finding the connection already gone (a CI run once failed with an
/// <see cref="ObjectDisposedException"/> out of the container's disposal), nor on Redis being down.
/// </summary>
public sealed class BackplaneShutdownScenarios
{
    private sealed class FirstHub : Hub;

    private sealed class SecondHub : Hub;

    [Fact]
    public async Task Given_two_hubs_that_used_the_shared_Redis_connection_When_the_host_stops_Then_it_stops_without_an_error()
    {
        await using var redis = await RedisServer.StartNewAsync();
        var provider = await HubsThatSentThroughAsync(redis);

        await Should.NotThrowAsync(async () => await provider.DisposeAsync());
    }

    [Fact]
    public async Task Given_Redis_is_down_When_the_host_stops_Then_it_stops_without_an_error()
    {
        await using var redis = await RedisServer.StartNewAsync();
        var provider = await HubsThatSentThroughAsync(redis);
        await redis.StopAsync();
        var connection = await provider.GetRequiredService<RedisCluster>().ConnectionAsync();
        await WaitForAsync(() => Task.FromResult<string?>(connection.IsConnected ? null : "down"), TimeSpan.FromSeconds(10), "the connection to notice");

        await Should.NotThrowAsync(async () => await provider.DisposeAsync());
    }

    private static async Task<ServiceProvider> HubsThatSentThroughAsync(RedisServer redis)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Redis"] = redis.Configuration,
            ["Cluster:Prefix"] = "shutdown-" + Guid.NewGuid().ToString("N")[..8],
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddTelemedCluster(configuration);
        services.AddSignalR();
        var provider = services.BuildServiceProvider();

        // Sending connects each backplane, which subscribes its channels on the shared connection.
        await provider.GetRequiredService<HubLifetimeManager<FirstHub>>().SendAllAsync("ping", []);
        await provider.GetRequiredService<HubLifetimeManager<SecondHub>>().SendAllAsync("ping", []);
        return provider;
    }
}
