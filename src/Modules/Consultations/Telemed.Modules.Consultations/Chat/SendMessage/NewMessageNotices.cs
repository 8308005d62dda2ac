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
internal sealed class NewMessageNotices(ConsultationsDbContext db, IIdentityModule identity, INotificationSender notifications, TimeProvider clock, PublicUrls urls)
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMinutes(10);

    public async Task TellOtherPartyAsync(Conversation conversation, Guid senderUserId, CancellationToken ct)
    {
        var recipient = senderUserId == conversation.PatientUserId ? conversation.DoctorUserId : conversation.PatientUserId;
        if (recipient is not { } recipientUserId)
        {
            return;
        }

        var state = await db.ReadStates.FirstOrDefaultAsync(r => r.ConversationId == conversation.Id && r.UserId == recipientUserId, ct);
        if (state is null)
        {
            state = ReadState.For(conversation.Id, recipientUserId);
            db.ReadStates.Add(state);
        }

        if (!state.ShouldNotify(conversation.LastMessageAt, clock.GetUtcNow().UtcDateTime, QuietPeriod))
        {
            return;
        }

        await db.SaveChangesAsync(ct);
        var email = await identity.GetEmailAsync(recipientUserId, ct);
        if (email is null)
        {
            return;
        }

        var portal = recipientUserId == conversation.PatientUserId ? "patient" : "doctor";
        var link = urls.To($"/{portal}/messages/{conversation.Id}");
        await notifications.SendEmailAsync(email, "You have a new message in Telemed",
            $"You have a new secure message in Telemed.\n\nSign in to read it: {link}\n\nFor your privacy, the message itself is only shown after you sign in.", ct);
    }
}
