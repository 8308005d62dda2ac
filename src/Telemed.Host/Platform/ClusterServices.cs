using Microsoft.AspNetCore.SignalR;
using Telemed.BuildingBlocks.Cluster;

namespace Telemed.Host.Platform;

/// <summary>
/// Several identical hosts (docs/deployment.md "Several hosts"): with <c>Cluster:Redis</c> set, SignalR scales out through
/// the Redis backplane (a message to a group, a user or all reaches the clients of every host; see
/// <see cref="ResilientRedisHubLifetimeManager{THub}"/> for what happens while Redis is down) on the same connection that
/// carries <see cref="ClusterSignals"/>. Without it the host is alone, as the embedded default is.
/// </summary>
public static class ClusterServices
{
    public static IServiceCollection AddTelemedCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCluster(configuration);
        if (configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() is { Enabled: true } cluster)
        {
            // The backplane's channels start with the prefix too, so two deployments on one Redis never see each other's messages.
            // Registered before the modules' AddSignalR, whose default manager is only a fallback (TryAdd).
            services.AddSingleton(typeof(HubLifetimeManager<>), typeof(ResilientRedisHubLifetimeManager<>));
            services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>().Configure<RedisCluster>((o, redis) =>
            {
                o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(cluster.Prefix);
                o.ConnectionFactory = async _ => await redis.ConnectionAsync();
            });
        }

        return services;
    }
}
