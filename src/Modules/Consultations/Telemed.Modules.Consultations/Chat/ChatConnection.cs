using Microsoft.AspNetCore.SignalR;

namespace Telemed.Modules.Consultations.Chat;

/// <summary>
/// What one chat hub connection remembers between invocations, so that a message costs no access or name query:
/// the conversations it participates in (<see cref="ConversationGrant"/>), the ones it has joined, and its user's
/// display name per role. Lives in the connection's <see cref="HubCallerContext.Items"/> and ends with it.
/// </summary>
/// <remarks>
/// Only participant grants are kept: they last as long as the session, and every way a session ends (sign-out,
/// suspension, role change, idle expiry) closes the connection. A reader's grant (care access, break-glass) is
/// decided again at each invocation; its group membership is ended by <see cref="ChatReaderLeases"/> when it lapses.
/// </remarks>
internal sealed class ChatConnection
{
    // Small and lock-guarded rather than concurrent collections: a connection runs one invocation at a time (the worker
    // ending a lapsed reader is the only other writer), and every byte here is multiplied by the connections a host holds.
    private readonly Lock _lock = new();
    private Dictionary<Guid, ConversationGrant>? _participations;
    private HashSet<Guid>? _joined;
    private Dictionary<string, string>? _names;

    /// <summary>The connection's state, created on first use.</summary>
    public static ChatConnection Of(HubCallerContext context)
    {
        if (context.Items.TryGetValue(typeof(ChatConnection), out var found) && found is ChatConnection existing)
        {
            return existing;
        }

        var created = new ChatConnection();
        return context.Items.TryAdd(typeof(ChatConnection), created) ? created : (ChatConnection)context.Items[typeof(ChatConnection)]!;
    }

    public ConversationGrant? ParticipantGrant(Guid conversationId)
    {
        lock (_lock)
        {
            return _participations?.GetValueOrDefault(conversationId);
        }
    }

    /// <summary>Keeps a participant's grant; a reader's is not kept (see the remarks).</summary>
    public void Remember(ConversationGrant grant)
    {
        if (!grant.Participant)
        {
            return;
        }

        lock (_lock)
        {
            (_participations ??= new Dictionary<Guid, ConversationGrant>(1))[grant.Conversation.Id] = grant;
        }
    }

    public void Joined(Guid conversationId)
    {
        lock (_lock)
        {
            (_joined ??= new HashSet<Guid>(1)).Add(conversationId);
        }
    }

    public void Left(Guid conversationId)
    {
        lock (_lock)
        {
            _joined?.Remove(conversationId);
        }
    }

    public bool HasJoined(Guid conversationId)
    {
        lock (_lock)
        {
            return _joined?.Contains(conversationId) == true;
        }
    }

    /// <summary>The user's display name as a participant in <paramref name="role"/>, looked up once per connection.</summary>
    public async ValueTask<string> NameAsync(string role, Func<Task<string>> lookUp)
    {
        lock (_lock)
        {
            if (_names?.TryGetValue(role, out var known) == true)
            {
                return known;
            }
        }

        var name = await lookUp();
        lock (_lock)
        {
            (_names ??= new Dictionary<string, string>(1, StringComparer.Ordinal))[role] = name;
        }

        return name;
    }
}
