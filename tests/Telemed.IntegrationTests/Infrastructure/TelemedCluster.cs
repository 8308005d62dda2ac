using Telemed.BuildingBlocks.Data;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// Three identical hosts on one PostgreSQL database, one data folder (the shared volume of deploy/compose: data-protection
/// keys, files), one Redis (<c>Cluster:Redis</c>) and one RabbitMQ (<c>Messaging:RabbitMq</c>, integration events), behind Debian's nginx running deploy/compose/nginx.conf with its three
/// upstream servers pointed at the hosts. Hosts start one after the other (the first migrates and seeds the demo clinic).
/// Each host has its own test clock: <see cref="Advance"/> moves all three.
/// </summary>
public class TelemedCluster : IAsyncLifetime
{
    private readonly Func<Dictionary<string, string?>> _settings;

    public TelemedCluster() : this(() => new Dictionary<string, string?>())
    {
    }

    public TelemedCluster(Func<Dictionary<string, string?>> settings) => _settings = settings;

    public RedisServer Redis { get; private set; } = null!;
    public RabbitMqServer RabbitMq { get; } = new();
    public IReadOnlyList<TelemedHost> Hosts { get; private set; } = [];
    public NginxFront Front { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartNewAsync();
        await RabbitMq.InitializeAsync();
        var settings = _settings();
        settings["Cluster:Redis"] = Redis.Configuration;
        foreach (var (key, value) in RabbitMq.HostSettings())
        {
            settings[key] = value;
        }

        var first = new TelemedHost(DatabaseProvider.Postgres, settings);
        await first.InitializeAsync();
        var hosts = new List<TelemedHost> { first };
        for (var i = 1; i < 3; i++)
        {
            var sibling = new TelemedHost(first, new Dictionary<string, string?>(settings));
            await sibling.InitializeAsync();
            hosts.Add(sibling);
        }

        // Every host but the last keeps the shared folder; the last one's disposal removes it.
        foreach (var host in hosts.Take(2))
        {
            host.KeepDataOnDispose = true;
        }

        Hosts = hosts;
        Front = await NginxFront.StartAsync([.. hosts.Select(h => h.BaseAddress)]);
    }

    private readonly HashSet<int> _stopped = [];

    /// <summary>Stops one host while the others go on (its clients' connections drop); the data folder stays.</summary>
    public async Task StopHostAsync(int host)
    {
        Hosts[host].KeepDataOnDispose = true;
        await Hosts[host].DisposeAsync();
        _stopped.Add(host);
    }

    /// <summary>Moves every host's clock.</summary>
    public void Advance(TimeSpan by)
    {
        foreach (var host in Hosts)
        {
            host.Clock.Advance(by);
        }
    }

    /// <summary>A client of one host (as if the load balancer had put this user there).</summary>
    public Task<ApiClient> SignedInAsync(int host, string email) => Hosts[host].SignedInAsync(email);

    /// <summary>A client that goes through nginx.</summary>
    public ApiClient ThroughFront() => new(Front.BaseAddress, Hosts[0]);

    public async Task DisposeAsync()
    {
        if (Front is not null)
        {
            await Front.DisposeAsync();
        }

        foreach (var (host, index) in Hosts.Select((h, i) => (h, i)).Reverse())
        {
            if (!_stopped.Contains(index))
            {
                await host.DisposeAsync();
            }
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        await RabbitMq.DisposeAsync();
    }
}
