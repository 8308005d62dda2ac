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

        var language = await identity.GetPreferredLanguageAsync(notice.RecipientUserId, ct);
        var (subject, body) = NewMessageEmail.For(language, urls.To(notice.Path));
        await notifications.SendEmailAsync(new EmailMessage(email, subject, body)
        {
            Subscription = new EmailSubscription(notice.RecipientUserId, NotificationTopics.Messages, language),
        }, ct);
    }
}
