using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>The notification centre as other modules call it (see <see cref="INotificationCentre"/>): titles in the recipient's language.</summary>
internal sealed class NotificationCentre(NotificationInbox inbox, IRecipientLanguage languages) : INotificationCentre
{
    public async Task NewMessageAsync(Guid recipientUserId, string senderName, string link, Guid messageId, CancellationToken cancellationToken = default)
    {
        var language = await languages.GetPreferredLanguageAsync(recipientUserId, cancellationToken);
        await inbox.DeliverAsync(recipientUserId, NotificationKinds.Message, NotificationTitles.NewMessage(language, senderName), link, messageId, cancellationToken);
    }

    public async Task WaitlistOfferAsync(Guid recipientUserId, string doctorName, DateTime localStart, string link, Guid offerId, CancellationToken cancellationToken = default)
    {
        var language = await languages.GetPreferredLanguageAsync(recipientUserId, cancellationToken);
        await inbox.DeliverAsync(recipientUserId, NotificationKinds.WaitlistOffer, NotificationTitles.WaitlistOffer(language, doctorName, localStart), link,
            offerId, cancellationToken);
    }
}
