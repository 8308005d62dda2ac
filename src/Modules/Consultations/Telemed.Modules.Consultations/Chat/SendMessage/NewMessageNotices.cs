using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Chat.SendMessage;

/// <summary>
/// Tells the other party of a care-team conversation that there is something to read — in their notification centre and by
/// e-mail, each unless they switched message news off there, in their own language — once per batch of unread messages and
/// not more often than every <see cref="QuietPeriod"/>. Neither carries PHI: a name and a link, never the message.
/// </summary>
/// <remarks>
/// In two steps so that a message stays one transaction: <see cref="PrepareAsync"/> moves the recipient's read state
/// (saved with the message), <see cref="NewMessageNoticeSender.SendAsync"/> sends the notices once that has committed.
/// Two classes because every care-team message prepares (one read of the recipient's read state) but at most one in
/// <see cref="QuietPeriod"/> sends, and the sender's chain (identity, notification centre, preferences, e-mail channel,
/// each with its database context) cost every message its construction (docs/benchmarks.md, "Where a host's CPU goes").
/// </remarks>
internal sealed class NewMessageNotices(ConsultationsDbContext db)
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether the other party is due a notice for a message sent at <paramref name="now"/> (UTC); if so their read state
    /// is changed in <c>db</c>, to be saved with the message, and the notice to send after the commit is returned.
    /// </summary>
    public async Task<PendingNotice?> PrepareAsync(ConversationKeys conversation, Guid senderUserId, DateTime now, CancellationToken ct) =>
        (await PrepareAllAsync([(conversation, senderUserId, now)], ct))[0];

    /// <summary>
    /// <see cref="PrepareAsync"/> for several messages saved together, in the order they were sent (a group commit): the
    /// recipients' read states are read in one query, and a recipient told by an earlier message of the batch is not told
    /// again (<see cref="QuietPeriod"/>). Returns one entry per message, null where no notice is due; only care-team
    /// conversations have notices.
    /// </summary>
    public async Task<IReadOnlyList<PendingNotice?>> PrepareAllAsync(IReadOnlyList<(ConversationKeys Conversation, Guid SenderUserId, DateTime Now)> messages,
        CancellationToken ct)
    {
        var notices = new PendingNotice?[messages.Count];
        var conversations = messages.Where(m => m.Conversation.Kind == ConversationKind.CareTeam && RecipientOf(m.Conversation, m.SenderUserId) is not null)
            .Select(m => m.Conversation.Id).Distinct().ToList();
        if (conversations.Count == 0)
        {
            return notices;
        }

        var states = (await db.ReadStates.Where(r => conversations.Contains(r.ConversationId)).ToListAsync(ct))
            .ToDictionary(r => (r.ConversationId, r.UserId));
        for (var i = 0; i < messages.Count; i++)
        {
            var (conversation, senderUserId, now) = messages[i];
            if (conversation.Kind != ConversationKind.CareTeam || RecipientOf(conversation, senderUserId) is not { } recipientUserId)
            {
                continue;
            }

            if (!states.TryGetValue((conversation.Id, recipientUserId), out var state))
            {
                state = ReadState.For(conversation.Id, recipientUserId);
                db.ReadStates.Add(state);
                states[(conversation.Id, recipientUserId)] = state;
            }

            if (state.ShouldNotify(now, now, QuietPeriod))
            {
                var portal = recipientUserId == conversation.PatientUserId ? "patient" : "doctor";
                notices[i] = new PendingNotice(recipientUserId, $"/{portal}/messages/{conversation.Id}");
            }
        }

        return notices;
    }

    private static Guid? RecipientOf(ConversationKeys conversation, Guid senderUserId) =>
        senderUserId == conversation.PatientUserId ? conversation.DoctorUserId : conversation.PatientUserId;
}

/// <summary>A notice decided with a message: who gets it and the path in the web app it points to (no PHI).</summary>
internal sealed record PendingNotice(Guid RecipientUserId, string Path);

/// <summary>The new-message e-mail in the recipient's language (<c>ru</c>, else English): a link, never the message.</summary>
internal static class NewMessageEmail
{
    public static (string Subject, string Body) For(string? language, string link) => language == "ru"
        ? ("Новое сообщение в Telemed",
            $"Вам пришло новое защищённое сообщение в Telemed.\n\nВойдите, чтобы прочитать его: {link}\n\nРади вашей конфиденциальности само сообщение показывается только после входа.")
        : ("You have a new message in Telemed",
            $"You have a new secure message in Telemed.\n\nSign in to read it: {link}\n\nFor your privacy, the message itself is only shown after you sign in.");
}
