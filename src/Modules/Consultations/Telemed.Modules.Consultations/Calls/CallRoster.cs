using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Telemed.BuildingBlocks.Cluster;

namespace Telemed.Modules.Consultations.Calls;

public sealed record CallEnded(Guid ConsultationId, string Status);

/// <summary>A call ended: every host drops its own connections from that call (they were told "callEnded" through the backplane).</summary>
internal sealed record CallClosedEverywhere(Guid ConsultationId);

/// <summary>
/// Who is connected to which call, so a call that ends can drop its participants and a joiner learns whether the other
/// side is already there. This host's connections are kept in memory; with several hosts (<c>Cluster:Redis</c>) each
/// call's participants are also listed in a Redis hash (<c>{prefix}:call:{id}</c>: connection id → role and host id), so
/// a joiner on host 3 sees the doctor who joined on host 1. A participant whose host died stops counting once that
/// host's liveness key expires (<see cref="RedisCluster.HostTimeToLive"/>). With Redis unreachable, the answer falls back
/// to this host's own connections.
/// </summary>
internal sealed class CallRoster(IHubContext<CallHub> hub, ClusterSignals signals, IServiceProvider services, ILogger<CallRoster> logger)
{
    /// <summary>How long a call's Redis list outlives its last join (a call never lasts this long; ended calls delete it).</summary>
    private static readonly TimeSpan PresenceLifetime = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, string>> _calls = new();
    private readonly ConcurrentDictionary<string, Guid> _connections = new();
    private readonly RedisCluster? _redis = services.GetService<RedisCluster>();

    public static string GroupOf(Guid consultationId) => $"call:{consultationId:N}";

    /// <summary>Adds the connection; answers whether a participant of the other role is already in the call, on any host.</summary>
    public async Task<bool> JoinAsync(Guid consultationId, string connectionId, string role)
    {
        var call = _calls.GetOrAdd(consultationId, _ => new ConcurrentDictionary<string, string>());
        call[connectionId] = role;
        _connections[connectionId] = consultationId;
        var here = call.Values.Any(r => r != role);
        if (here || _redis?.DatabaseIfConnected is not { } database)
        {
            await ListAsync(consultationId, connectionId, role);
            return here;
        }

        try
        {
            var key = PresenceKey(consultationId);
            await database.HashSetAsync(key, connectionId, $"{role}|{signals.HostId:N}");
            await database.KeyExpireAsync(key, PresenceLifetime);
            foreach (var entry in await database.HashGetAllAsync(key))
            {
                var value = entry.Value.ToString().Split('|');
                if (value.Length == 2 && value[0] != role && Guid.TryParse(value[1], out var host) && await _redis.IsAliveAsync(database, host))
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            logger.LogWarning("Call presence unavailable, answering from this host: {Error}", ex.GetType().Name);
        }

        return false;
    }

    public bool IsIn(Guid consultationId, string connectionId) => _connections.TryGetValue(connectionId, out var c) && c == consultationId;

    public string? Leave(string connectionId, out Guid consultationId)
    {
        if (_connections.TryRemove(connectionId, out consultationId) && _calls.TryGetValue(consultationId, out var call) && call.TryRemove(connectionId, out var role))
        {
            _ = UnlistAsync(consultationId, connectionId);
            return role;
        }

        return null;
    }

    /// <summary>
    /// Tells every participant on every host that the call ended and drops them from it. Never cancelled with the request that
    /// ended the consultation: a caller who left right after the commit must not leave the others in a call that is over.
    /// </summary>
    public async Task EndAsync(Guid consultationId, string status)
    {
        await hub.Clients.Group(GroupOf(consultationId)).SendAsync("callEnded", new CallEnded(consultationId, status), CancellationToken.None);
        await DropHereAsync(consultationId);
        signals.Publish(new CallClosedEverywhere(consultationId));
        if (_redis?.DatabaseIfConnected is { } database)
        {
            try
            {
                await database.KeyDeleteAsync(PresenceKey(consultationId));
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
            {
                logger.LogWarning("Call presence not cleared (it expires by itself): {Error}", ex.GetType().Name);
            }
        }
    }

    /// <summary>Drops this host's connections of the call from the roster and the SignalR group.</summary>
    public async Task DropHereAsync(Guid consultationId)
    {
        if (_calls.TryRemove(consultationId, out var call))
        {
            foreach (var connectionId in call.Keys)
            {
                _connections.TryRemove(connectionId, out _);
                await hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(consultationId));
            }
        }
    }

    private RedisKey PresenceKey(Guid consultationId) => $"{_redis!.Prefix}:call:{consultationId:N}";

    private async Task ListAsync(Guid consultationId, string connectionId, string role)
    {
        if (_redis?.DatabaseIfConnected is not { } database)
        {
            return;
        }

        try
        {
            await database.HashSetAsync(PresenceKey(consultationId), connectionId, $"{role}|{signals.HostId:N}");
            await database.KeyExpireAsync(PresenceKey(consultationId), PresenceLifetime);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            logger.LogWarning("Call presence not recorded: {Error}", ex.GetType().Name);
        }
    }

    private async Task UnlistAsync(Guid consultationId, string connectionId)
    {
        if (_redis?.DatabaseIfConnected is not { } database)
        {
            return;
        }

        try
        {
            await database.HashDeleteAsync(PresenceKey(consultationId), connectionId);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            logger.LogWarning("Call presence not cleared: {Error}", ex.GetType().Name);
        }
    }
}

internal sealed class DropEndedCall(CallRoster roster) : IClusterSignalHandler<CallClosedEverywhere>
{
    public void Handle(CallClosedEverywhere signal) => _ = roster.DropHereAsync(signal.ConsultationId);
}
