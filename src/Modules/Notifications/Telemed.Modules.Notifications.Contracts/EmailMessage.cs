namespace Telemed.Modules.Notifications.Contracts;

/// <summary>
/// One e-mail: plain-text <paramref name="Body"/> (it must carry no diagnosis), optionally with files such as an
/// appointment's <c>.ics</c>. <paramref name="To"/> is one address.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string Body, IReadOnlyList<EmailAttachment>? Attachments = null)
{
    /// <summary>
    /// Set by the sender of an e-mail the person may switch off (a topic of <see cref="NotificationTopics"/> other than security):
    /// the notifications module then ends the body with an unsubscribe link in the recipient's language and adds the
    /// <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c> headers (RFC 2369, RFC 8058 one-click). Null for security messages.
    /// </summary>
    public EmailSubscription? Subscription { get; init; }

    /// <summary>
    /// The one-click unsubscribe address the e-mail channel writes into <c>List-Unsubscribe</c>; filled in by the notifications
    /// module from <see cref="Subscription"/>, never by a sender.
    /// </summary>
    public string? ListUnsubscribe { get; init; }
}

/// <summary>
/// Whose optional e-mail this is and what about: <paramref name="UserId"/> the recipient's account, <paramref name="Topic"/> one of
/// <see cref="NotificationTopics"/> offered on e-mail (messages, bookings, reminders), <paramref name="Language"/> the recipient's
/// (<c>en</c> or <c>ru</c>; null reads as English) for the unsubscribe line.
/// </summary>
public sealed record EmailSubscription(Guid UserId, string Topic, string? Language);

/// <summary>
/// A file sent with an e-mail: <paramref name="FileName"/> as the recipient sees it (e.g. <c>appointment.ics</c>),
/// <paramref name="ContentType"/> a MIME type with optional parameters (e.g. <c>text/calendar; method=REQUEST; charset=utf-8</c>).
/// </summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
