using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Telemed.Modules.Consultations.Chat;

/// <summary>
/// Readers (doctors reading a patient's conversation through break-glass or a care relationship with an end) who joined a
/// conversation's group on this host, until when. A joined group keeps pushing messages without asking again, so when the
/// access lapses the connection is taken out of the group (<see cref="EndLapsedAsync"/>, run by the module's worker every
/// pass); its next invocation is decided against the database anyway (<see cref="ConversationAccess"/>).
/// </summary>
internal sealed class ChatReaderLeases(IHubContext<ChatHub> hub, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string ConnectionId, Guid ConversationId), (DateTime Until, ChatConnection Connection)> _leases = new();

    /// <summary>Remembers that the connection reads the conversation until <paramref name="until"/> (UTC).</summary>
    public void Add(string connectionId, Guid conversationId, DateTime until, ChatConnection connection) => _leases[(connectionId, conversationId)] = (until, connection);

    public void Remove(string connectionId, Guid conversationId) => _leases.TryRemove((connectionId, conversationId), out _);

    /// <summary>Forgets a closed connection's leases (a scan: leases are few, readers are rare).</summary>
    public void RemoveConnection(string connectionId)
    {
        if (_leases.IsEmpty)
        {
            return;
        }

        foreach (var key in _leases.Keys.Where(k => k.ConnectionId == connectionId))
        {
            _leases.TryRemove(key, out _);
        }
    }

    /// <summary>Takes every connection whose reading access has lapsed out of the conversation's group; returns how many.</summary>
    public async Task<int> EndLapsedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lapsed = _leases.Where(l => l.Value.Until <= now).ToList();
        foreach (var ((connectionId, conversationId), (_, connection)) in lapsed)
        {
            _leases.TryRemove((connectionId, conversationId), out _);
            connection.Left(conversationId);
            await hub.Groups.RemoveFromGroupAsync(connectionId, ChatViews.GroupOf(conversationId), ct);
        }

        return lapsed.Count;
    }
}
