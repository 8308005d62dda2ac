using System.Collections.Concurrent;

namespace Telemed.Modules.Consultations.Chat;

/// <summary>
/// Who is in each conversation, remembered by the host, so that joining and the first message of a connection need no
/// read. Safe without invalidation: a conversation never loses a participant, and the one way it gains one (an on-demand
/// chat getting its doctor) is caught by reading the row again whenever the cached keys would refuse the caller
/// (<see cref="ConversationAccess.DecideAsync"/>). Bounded: past <see cref="Capacity"/> entries it starts over.
/// </summary>
internal sealed class ConversationKeysCache
{
    public const int Capacity = 100_000;
    private readonly ConcurrentDictionary<Guid, ConversationKeys> _keys = new();

    public ConversationKeys? Find(Guid conversationId) => _keys.GetValueOrDefault(conversationId);

    public void Remember(ConversationKeys keys)
    {
        if (_keys.Count >= Capacity)
        {
            _keys.Clear();
        }

        _keys[keys.Id] = keys;
    }
}
