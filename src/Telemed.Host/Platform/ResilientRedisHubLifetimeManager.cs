using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using System.Collections.Concurrent;
using StackExchange.Redis;
using Telemed.BuildingBlocks.Cluster;

namespace Telemed.Host.Platform;

/// <summary>
/// The Redis backplane (<see cref="RedisHubLifetimeManager{THub}"/>) with this host's own delivery as a fallback: while
/// Redis is unreachable, a message to a group, a user or everyone still reaches the clients connected to this host,
/// instead of the hub method failing. Every connection and group membership is also kept by a
/// <see cref="DefaultHubLifetimeManager{THub}"/>, which is only asked to deliver when the backplane throws; when Redis is up,
/// the backplane alone delivers (to this host's clients too, through its own subscription), so nothing arrives twice.
/// </summary>
/// <remarks>
/// Commands fail at once while Redis is down (<c>BacklogPolicy.FailFast</c>, set by <see cref="RedisCluster"/>), so a chat
/// message is not held up by the outage. What the backplane could not subscribe for during the outage (a connection's own
/// and its user's channel on connecting; a group's channel when its first member on this host joined) is made again when
/// <see cref="RedisCluster.SubscriptionsRestored"/> says Redis is back; see <see cref="RedoAfterOutageAsync"/>.
/// </remarks>
public sealed class ResilientRedisHubLifetimeManager<THub> : HubLifetimeManager<THub>, IDisposable where THub : Hub
{
    private readonly RedisHubLifetimeManager<THub> _redis;
    private readonly DefaultHubLifetimeManager<THub> _local;
    private readonly ILogger _logger;
    private readonly RedisCluster _cluster;
    // This host's connections and the groups each is in: what an outage's repair must join again.
    private readonly ConcurrentDictionary<string, Membership> _connections = new(StringComparer.Ordinal);
    // Connections whose backplane connect failed, and groups whose backplane join failed, during an outage.
    private readonly ConcurrentDictionary<string, byte> _connectsToRedo = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _groupsToRedo = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _redoing = new(1, 1);
    private volatile bool _disposed;

    private sealed record Membership(HubConnectionContext Connection, ConcurrentDictionary<string, byte> Groups);

    public ResilientRedisHubLifetimeManager(IServiceProvider services, RedisCluster cluster, ILogger<ResilientRedisHubLifetimeManager<THub>> logger)
    {
        _redis = ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<THub>>(services);
        _local = ActivatorUtilities.CreateInstance<DefaultHubLifetimeManager<THub>>(services);
        _logger = logger;
        _cluster = cluster;
        _cluster.SubscriptionsRestored += OnSubscriptionsRestored;
    }

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        _connections[connection.ConnectionId] = new Membership(connection, new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
        await _local.OnConnectedAsync(connection);
        if (!await BestEffortAsync(() => _redis.OnConnectedAsync(connection), "connect"))
        {
            _connectsToRedo.TryAdd(connection.ConnectionId, 0);
        }
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _connections.TryRemove(connection.ConnectionId, out _);
        _connectsToRedo.TryRemove(connection.ConnectionId, out _);
        await _local.OnDisconnectedAsync(connection);
        await BestEffortAsync(() => _redis.OnDisconnectedAsync(connection), "disconnect");
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (_connections.TryGetValue(connectionId, out var membership))
        {
            membership.Groups.TryAdd(groupName, 0);
        }

        await _local.AddToGroupAsync(connectionId, groupName, cancellationToken);
        if (!await BestEffortAsync(() => _redis.AddToGroupAsync(connectionId, groupName, cancellationToken), "group add"))
        {
            _groupsToRedo.TryAdd(groupName, 0);
        }
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (_connections.TryGetValue(connectionId, out var membership))
        {
            membership.Groups.TryRemove(groupName, out _);
        }

        await _local.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        await BestEffortAsync(() => _redis.RemoveFromGroupAsync(connectionId, groupName, cancellationToken), "group remove");
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendAllAsync(methodName, args, cancellationToken), () => _local.SendAllAsync(methodName, args, cancellationToken));

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken),
            () => _local.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendConnectionAsync(connectionId, methodName, args, cancellationToken),
            () => _local.SendConnectionAsync(connectionId, methodName, args, cancellationToken));

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken),
            () => _local.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken));

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendGroupAsync(groupName, methodName, args, cancellationToken),
            () => _local.SendGroupAsync(groupName, methodName, args, cancellationToken));

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendGroupsAsync(groupNames, methodName, args, cancellationToken),
            () => _local.SendGroupsAsync(groupNames, methodName, args, cancellationToken));

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken),
            () => _local.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendUserAsync(userId, methodName, args, cancellationToken),
            () => _local.SendUserAsync(userId, methodName, args, cancellationToken));

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendUsersAsync(userIds, methodName, args, cancellationToken),
            () => _local.SendUsersAsync(userIds, methodName, args, cancellationToken));

    /// <summary>
    /// Lets go of the backplane at the host's shutdown. Never throws: a shutdown that fails here leaves the rest of the
    /// container undisposed.
    /// </summary>
    public void Dispose()
    {
        _cluster.SubscriptionsRestored -= OnSubscriptionsRestored;
        _disposed = true;
        // A repair under way subscribes channels; let it finish (its commands fail fast) so it does not race the unsubscribing.
        var repairing = !_redoing.Wait(TimeSpan.FromSeconds(5));
        try
        {
            _redis.Dispose();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or RedisException)
        {
            // Every hub's backplane shares the host's one connection and disposes it when it goes (RedisHubLifetimeManager
            // does), so a channel subscribed after the first backplane let go (a hub connection still joining at shutdown)
            // finds the connection disposed; and while Redis is down unsubscribing fails at once. Either way the
            // subscriptions end with the connection.
            _logger.LogDebug("SignalR backplane let go without unsubscribing ({Error})", ex.GetType().Name);
        }
        finally
        {
            if (!repairing)
            {
                _redoing.Release();
            }
        }
    }

    private void OnSubscriptionsRestored() => _ = RedoUntilDoneAsync();

    /// <summary>
    /// <see cref="RedoAfterOutageAsync"/>, again every second while something is left to make again and Redis is connected,
    /// for up to <see cref="RedoAttempts"/> tries. The pub/sub connection's restore can be announced before the multiplexer
    /// takes commands again: the repair right after it then fails, and with no later announcement the host's members stayed
    /// without their subscriptions until the next outage (seen in CI: a message from another host never arrived again).
    /// </summary>
    internal async Task RedoUntilDoneAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            await RedoAfterOutageAsync();
            if (_disposed || _connectsToRedo.IsEmpty && _groupsToRedo.IsEmpty)
            {
                return;
            }

            // Down again: the next restore starts over.
            if (_cluster.DatabaseIfConnected is null)
            {
                return;
            }

            if (attempt == RedoAttempts)
            {
                _logger.LogWarning("SignalR channels still not joined again {Attempts} s after the Redis outage: this host's clients are served without the backplane until the next reconnect", RedoAttempts);
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>How many times (a second apart) a repair after an outage is tried before it waits for the next reconnect.</summary>
    internal const int RedoAttempts = 30;

    /// <summary>
    /// Makes again, through the backplane, what failed during the outage. The backplane subscribes a channel only for its first
    /// local member (a group's, a user's), and a failed subscribe leaves the member counted, so every local member of a channel
    /// that may lack its subscription leaves it and joins again, and the first join subscribes: a connection that failed to
    /// connect is disconnected and connected again with its groups; a group that failed to be joined is left and joined again
    /// by all its members on this host. What fails again is kept for the next restore.
    /// </summary>
    internal async Task RedoAfterOutageAsync()
    {
        await _redoing.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            var connects = _connectsToRedo.Keys.Select(id => _connections.GetValueOrDefault(id)).OfType<Membership>().ToList();
            var users = connects.Select(m => m.Connection.UserIdentifier).OfType<string>().ToHashSet(StringComparer.Ordinal);
            // A user's channel may lack its subscription too: all the user's connections here leave and come back.
            connects = [.. connects.UnionBy(_connections.Values.Where(m => m.Connection.UserIdentifier is { } user && users.Contains(user)), m => m.Connection.ConnectionId)];
            foreach (var membership in connects)
            {
                _connectsToRedo.TryRemove(membership.Connection.ConnectionId, out _);
                await BestEffortAsync(() => _redis.OnDisconnectedAsync(membership.Connection), "disconnect before a reconnect");
            }

            foreach (var membership in connects)
            {
                if (!await BestEffortAsync(() => _redis.OnConnectedAsync(membership.Connection), "reconnect"))
                {
                    _connectsToRedo.TryAdd(membership.Connection.ConnectionId, 0);
                    continue;
                }

                foreach (var group in membership.Groups.Keys)
                {
                    await RejoinAsync(membership.Connection.ConnectionId, group);
                }
            }

            foreach (var group in _groupsToRedo.Keys)
            {
                _groupsToRedo.TryRemove(group, out _);
                var members = _connections.Values.Where(m => m.Groups.ContainsKey(group)).Select(m => m.Connection.ConnectionId).ToList();
                foreach (var member in members)
                {
                    await BestEffortAsync(() => _redis.RemoveFromGroupAsync(member, group), "group leave before a rejoin");
                }

                foreach (var member in members)
                {
                    await RejoinAsync(member, group);
                }
            }
        }
        catch (Exception ex)
        {
            // Runs on its own after a reconnect: nobody awaits it, so say what went wrong.
            _logger.LogWarning("Joining SignalR channels again after the Redis outage failed ({Error})", ex.GetType().Name);
        }
        finally
        {
            _redoing.Release();
        }
    }

    private async Task RejoinAsync(string connectionId, string group)
    {
        if (!await BestEffortAsync(() => _redis.AddToGroupAsync(connectionId, group), "group rejoin"))
        {
            _groupsToRedo.TryAdd(group, 0);
        }
    }

    private async Task SendAsync(Func<Task> throughRedis, Func<Task> here)
    {
        try
        {
            await throughRedis();
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            _logger.LogWarning("SignalR backplane unavailable ({Error}): delivered to this host's clients only", ex.GetType().Name);
            await here();
        }
    }

    /// <summary>True when the backplane took it; false (logged) when Redis was unavailable.</summary>
    private async Task<bool> BestEffortAsync(Func<Task> throughRedis, string what)
    {
        try
        {
            await throughRedis();
            return true;
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            _logger.LogWarning("SignalR backplane {What} failed ({Error}): this host's clients are served without it", what, ex.GetType().Name);
            return false;
        }
    }
}
