using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<Guid, ConversationGrant> _participations = new();
    private readonly ConcurrentDictionary<Guid, bool> _joined = new();
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

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

    public ConversationGrant? ParticipantGrant(Guid conversationId) => _participations.GetValueOrDefault(conversationId);

    /// <summary>Keeps a participant's grant; a reader's is not kept (see the remarks).</summary>
    public void Remember(ConversationGrant grant)
    {
        if (grant.Participant)
        {
            _participations[grant.Conversation.Id] = grant;
        }
    }

    public void Joined(Guid conversationId) => _joined[conversationId] = true;

    public void Left(Guid conversationId) => _joined.TryRemove(conversationId, out _);

    public bool HasJoined(Guid conversationId) => _joined.ContainsKey(conversationId);

    /// <summary>The user's display name as a participant in <paramref name="role"/>, looked up once per connection.</summary>
    public async ValueTask<string> NameAsync(string role, Func<Task<string>> lookUp)
    {
        if (_names.TryGetValue(role, out var name))
        {
            return name;
        }

        name = await lookUp();
        _names[role] = name;
        return name;
    }
}
