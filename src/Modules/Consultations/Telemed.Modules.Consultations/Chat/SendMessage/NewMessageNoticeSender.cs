using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Consultations.Chat.SendMessage;

/// <summary>
/// Sends the new-message notice <see cref="NewMessageNotices.PrepareAsync"/> decided: to the recipient's notification
/// centre, and by e-mail unless they switched message news off there, in their own language. Neither carries PHI.
/// </summary>
internal sealed class NewMessageNoticeSender(IIdentityModule identity, INotificationSender notifications, INotificationPreferences preferences,
    INotificationCentre centre, PublicUrls urls)
{
    /// <summary>Sends a notice decided by <see cref="NewMessageNotices.PrepareAsync"/>, once message <paramref name="messageId"/> from <paramref name="senderName"/> has committed.</summary>
    public async Task SendAsync(PendingNotice notice, Guid messageId, string senderName, CancellationToken ct)
    {
        await centre.NewMessageAsync(notice.RecipientUserId, senderName, notice.Path, messageId, ct);
        if (!await preferences.AllowsAsync(notice.RecipientUserId, NotificationTopics.Messages, NotificationChannel.Email, ct)
            || await identity.GetEmailAsync(notice.RecipientUserId, ct) is not { } email)
        {
            return;
        }

        var (subject, body) = NewMessageEmail.For(await identity.GetPreferredLanguageAsync(notice.RecipientUserId, ct), urls.To(notice.Path));
        await notifications.SendEmailAsync(email, subject, body, ct);
    }
}
