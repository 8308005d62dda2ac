namespace Telemed.Modules.Notifications.Contracts;

/// <summary>
/// Puts a notification in a person's notification centre (and their open tabs) for things that are not integration events.
/// The title is written by Notifications in the recipient's own language; each call honours their in-app preference and is
/// idempotent per (<c>sourceId</c>, recipient). Names are shown to the recipient only, and never a message's text.
/// </summary>
public interface INotificationCentre
{
    /// <summary>A new chat message from <paramref name="senderName"/>; <paramref name="link"/> is a path in the web app (e.g. <c>/patient/messages/{id}</c>); <paramref name="messageId"/> the message.</summary>
    Task NewMessageAsync(Guid recipientUserId, string senderName, string link, Guid messageId, CancellationToken cancellationToken = default);

    /// <summary>A time held for a waitlisted patient: <paramref name="localStart"/> is the visit's local time at its clinic, <paramref name="offerId"/> the offer.</summary>
    Task WaitlistOfferAsync(Guid recipientUserId, string doctorName, DateTime localStart, string link, Guid offerId, CancellationToken cancellationToken = default);
}

/// <summary>A person's notification history removed when their erasure request is carried out (Privacy module, docs/privacy.md).</summary>
public interface INotificationHistoryErasure
{
    /// <summary>Deletes every notification-centre entry and notification preference of <paramref name="userId"/>; returns how many entries went. Idempotent.</summary>
    Task<int> EraseHistoryOfAsync(Guid userId, CancellationToken cancellationToken = default);
}
