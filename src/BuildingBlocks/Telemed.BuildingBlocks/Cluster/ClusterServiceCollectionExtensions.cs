using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Telemed.BuildingBlocks.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ClusterSignals"/> always (a host alone runs its own handlers); with <c>Cluster:Redis</c> set, the shared Redis
    /// connection that carries them to the other hosts. The SignalR backplane is added by the host on the same connection.
    /// </summary>
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClusterOptions>(configuration.GetSection(ClusterOptions.Section));
        services.AddSingleton<ClusterSignals>();
        if (configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() is { Enabled: true })
        {
            services.AddSingleton<RedisCluster>();
            services.AddHostedService(sp => sp.GetRequiredService<RedisCluster>());
        }

        return services;
    }
}
