using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Consultations.Chat.SendMessage;

/// <summary>
/// E-mails the other party of a care-team conversation that there is something to read: once per batch of unread
/// messages and not more often than every <see cref="QuietPeriod"/>. The e-mail carries no PHI, only a link.
/// </summary>
/// <remarks>
/// In two steps so that a message stays one transaction: <see cref="PrepareAsync"/> moves the recipient's read state
/// (saved with the message), <see cref="SendAsync"/> sends the e-mail once that has committed.
/// </remarks>
internal sealed class NewMessageNotices(ConsultationsDbContext db, IIdentityModule identity, INotificationSender notifications, PublicUrls urls)
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether the other party is due a notice for a message sent at <paramref name="now"/> (UTC); if so their read state
    /// is changed in <c>db</c>, to be saved with the message, and the notice to send after the commit is returned.
    /// </summary>
    public async Task<PendingNotice?> PrepareAsync(ConversationKeys conversation, Guid senderUserId, DateTime now, CancellationToken ct)
    {
        var recipient = senderUserId == conversation.PatientUserId ? conversation.DoctorUserId : conversation.PatientUserId;
        if (recipient is not { } recipientUserId)
        {
            return null;
        }

        var state = await db.ReadStates.FirstOrDefaultAsync(r => r.ConversationId == conversation.Id && r.UserId == recipientUserId, ct);
        if (state is null)
        {
            state = ReadState.For(conversation.Id, recipientUserId);
            db.ReadStates.Add(state);
        }

        if (!state.ShouldNotify(now, now, QuietPeriod))
        {
            return null;
        }

        var portal = recipientUserId == conversation.PatientUserId ? "patient" : "doctor";
        return new PendingNotice(recipientUserId, urls.To($"/{portal}/messages/{conversation.Id}"));
    }

    /// <summary>Sends a notice decided by <see cref="PrepareAsync"/>, once the message has committed.</summary>
    public async Task SendAsync(PendingNotice notice, CancellationToken ct)
    {
        if (await identity.GetEmailAsync(notice.RecipientUserId, ct) is not { } email)
        {
            return;
        }

        await notifications.SendEmailAsync(email, "You have a new message in Telemed",
            $"You have a new secure message in Telemed.\n\nSign in to read it: {notice.Link}\n\nFor your privacy, the message itself is only shown after you sign in.", ct);
    }
}

/// <summary>A notice decided with a message: who gets it and the link it carries (no PHI).</summary>
internal sealed record PendingNotice(Guid RecipientUserId, string Link);
