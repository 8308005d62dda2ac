using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace Telemed.Host.Platform;

/// <summary>
/// The Redis backplane (<see cref="RedisHubLifetimeManager{THub}"/>) with this host's own delivery as a fallback: while
/// Redis is unreachable, a message to a group, a user or everyone still reaches the clients connected to this host,
/// instead of the hub method failing. Every connection and group membership is also kept by a
/// <see cref="DefaultHubLifetimeManager{THub}"/>, which is only asked to deliver when the backplane throws; when Redis is up,
/// the backplane alone delivers (to this host's clients too, through its own subscription), so nothing arrives twice.
/// </summary>
/// <remarks>
/// Commands fail at once while Redis is down (<c>BacklogPolicy.FailFast</c>, set by <see cref="Telemed.BuildingBlocks.Cluster.RedisCluster"/>),
/// so a chat message is not held up by the outage. A connection that joined a group during the outage is known to the
/// backplane's local store but may miss messages from other hosts until it reconnects (the web app joins again on reconnect).
/// </remarks>
public sealed class ResilientRedisHubLifetimeManager<THub> : HubLifetimeManager<THub>, IDisposable where THub : Hub
{
    private readonly RedisHubLifetimeManager<THub> _redis;
    private readonly DefaultHubLifetimeManager<THub> _local;
    private readonly ILogger _logger;

    public ResilientRedisHubLifetimeManager(IServiceProvider services, ILogger<ResilientRedisHubLifetimeManager<THub>> logger)
    {
        _redis = ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<THub>>(services);
        _local = ActivatorUtilities.CreateInstance<DefaultHubLifetimeManager<THub>>(services);
        _logger = logger;
    }

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await _local.OnConnectedAsync(connection);
        await BestEffortAsync(() => _redis.OnConnectedAsync(connection), "connect");
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        await _local.OnDisconnectedAsync(connection);
        await BestEffortAsync(() => _redis.OnDisconnectedAsync(connection), "disconnect");
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await _local.AddToGroupAsync(connectionId, groupName, cancellationToken);
        await BestEffortAsync(() => _redis.AddToGroupAsync(connectionId, groupName, cancellationToken), "group add");
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
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

    public void Dispose() => _redis.Dispose();

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

    private async Task BestEffortAsync(Func<Task> throughRedis, string what)
    {
        try
        {
            await throughRedis();
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            _logger.LogWarning("SignalR backplane {What} failed ({Error}): this host's clients are served without it", what, ex.GetType().Name);
        }
    }
}
