using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Telemed.Modules.Consultations.Calls;

public sealed record CallEnded(Guid ConsultationId, string Status);

/// <summary>Who is connected to which call on this host, so a call that ends can drop its participants.</summary>
internal sealed class CallRoster(IHubContext<CallHub> hub)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, string>> _calls = new();
    private readonly ConcurrentDictionary<string, Guid> _connections = new();

    public static string GroupOf(Guid consultationId) => $"call:{consultationId:N}";

    /// <summary>Adds the connection; answers whether the other participant is already there.</summary>
    public bool Join(Guid consultationId, string connectionId, string role)
    {
        var call = _calls.GetOrAdd(consultationId, _ => new ConcurrentDictionary<string, string>());
        call[connectionId] = role;
        _connections[connectionId] = consultationId;
        return call.Values.Any(r => r != role);
    }

    public bool IsIn(Guid consultationId, string connectionId) => _connections.TryGetValue(connectionId, out var c) && c == consultationId;

    public string? Leave(string connectionId, out Guid consultationId)
    {
        if (_connections.TryRemove(connectionId, out consultationId) && _calls.TryGetValue(consultationId, out var call) && call.TryRemove(connectionId, out var role))
        {
            return role;
        }

        return null;
    }

    public async Task EndAsync(Guid consultationId, string status, CancellationToken ct = default)
    {
        await hub.Clients.Group(GroupOf(consultationId)).SendAsync("callEnded", new CallEnded(consultationId, status), ct);
        if (_calls.TryRemove(consultationId, out var call))
        {
            foreach (var connectionId in call.Keys)
            {
                _connections.TryRemove(connectionId, out _);
                await hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(consultationId), ct);
            }
        }
    }
}
