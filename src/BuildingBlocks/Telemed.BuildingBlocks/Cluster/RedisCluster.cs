using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Telemed.BuildingBlocks.Cluster;

/// <summary>
/// The deployment's one Redis connection (shared by the SignalR backplane, <see cref="ClusterSignals"/> and the call roster's
/// presence), made when <see cref="ClusterOptions.Redis"/> is set. It does not fail start-up when Redis is down: the
/// connection is retried in the background, and until it is back each host serves its own clients (messages to clients of
/// other hosts and signals are lost meanwhile; see docs/deployment.md "Several hosts").
/// </summary>
public sealed class RedisCluster(IOptions<ClusterOptions> options, ClusterSignals signals, ILogger<RedisCluster> logger) : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionMultiplexer? _connection;
    private Task? _heartbeat;

    /// <summary>How long a host's liveness key outlives its last heartbeat (heartbeats come every third of it).</summary>
    public static readonly TimeSpan HostTimeToLive = TimeSpan.FromSeconds(30);

    public string Prefix => options.Value.Prefix;

    /// <summary>The Redis channel that carries <see cref="ClusterSignals"/>.</summary>
    public RedisChannel SignalsChannel => RedisChannel.Literal($"{Prefix}:cluster-signals");

    /// <summary>The connection (made on first use; reconnects by itself).</summary>
    public async Task<ConnectionMultiplexer> ConnectionAsync()
    {
        if (_connection is { } made)
        {
            return made;
        }

        await _connecting.WaitAsync();
        try
        {
            if (_connection is null)
            {
                var configuration = ConfigurationOptions.Parse(options.Value.Redis!);
                configuration.AbortOnConnectFail = false;
                // Fail at once while disconnected (instead of queueing until the timeout): every caller has a fallback.
                configuration.BacklogPolicy = BacklogPolicy.FailFast;
                configuration.ClientName ??= $"{Prefix}-{signals.HostId:N}";
                _connection = await ConnectionMultiplexer.ConnectAsync(configuration);
                _connection.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection lost ({FailureType}); hosts serve their own clients until it is back", e.FailureType);
                _connection.ConnectionRestored += (_, e) =>
                {
                    logger.LogInformation("Redis connection restored ({ConnectionType})", e.ConnectionType);
                    if (e.ConnectionType == ConnectionType.Subscription)
                    {
                        SubscriptionsRestored?.Invoke();
                    }
                };
            }

            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>
    /// Raised (on a StackExchange.Redis thread) when the pub/sub connection is back after an outage: subscriptions made
    /// before it are restored by StackExchange.Redis itself; those that failed during it are the subscriber's to make again.
    /// </summary>
    public event Action? SubscriptionsRestored;

    /// <summary>A database handle for presence keys, or null while Redis is unreachable (callers fall back to this host's view).</summary>
    public IDatabase? DatabaseIfConnected => _connection is { IsConnected: true } c ? c.GetDatabase() : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectionAsync();
        var subscriber = connection.GetSubscriber();
        // Subscribed even while Redis is down: StackExchange.Redis re-subscribes when the connection is restored.
        await subscriber.SubscribeAsync(SignalsChannel, (_, message) => signals.Receive(message.ToString()));
        signals.Transport = payload => subscriber.PublishAsync(SignalsChannel, payload);
        _heartbeat = BeatAsync(_stopping.Token);
    }

    /// <summary>The key that exists while the host with that id is alive (see <see cref="IsAliveAsync"/>).</summary>
    public RedisKey HostKey(Guid hostId) => $"{Prefix}:host:{hostId:N}";

    /// <summary>Whether the host with that id has beaten within <see cref="HostTimeToLive"/> (true for this host).</summary>
    public async Task<bool> IsAliveAsync(IDatabase database, Guid hostId) => hostId == signals.HostId || await database.KeyExistsAsync(HostKey(hostId));

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        signals.Transport = null;
        await _stopping.CancelAsync();
        if (_heartbeat is not null)
        {
            await _heartbeat;
        }

        // Best effort: the key expires by itself, and at shutdown the connection may already be gone (the backplane
        // disposes the connection it was given).
        try
        {
            if (DatabaseIfConnected is { } database)
            {
                await database.KeyDeleteAsync(HostKey(signals.HostId), CommandFlags.FireAndForget);
            }
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            logger.LogDebug("Host liveness key left to expire: {Error}", ex.GetType().Name);
        }
    }

    // A host that dies (kill -9, lost machine) stops beating: within HostTimeToLive the others stop counting its calls' participants.
    private async Task BeatAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (DatabaseIfConnected is { } database)
                {
                    await database.StringSetAsync(HostKey(signals.HostId), DateTime.UtcNow.ToString("O"), HostTimeToLive);
                }
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
            {
                logger.LogWarning("Host heartbeat failed: {Error}", ex.GetType().Name);
            }

            try
            {
                await Task.Delay(HostTimeToLive / 3, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            await _connection.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
            // The SignalR backplane disposes the connection it was given (at the container's disposal, before this one).
        }
    }
}
