namespace Telemed.Modules.Notifications.Contracts;

/// <summary>
/// One e-mail: plain-text <paramref name="Body"/> (it must carry no diagnosis), optionally with files such as an
/// appointment's <c>.ics</c>. <paramref name="To"/> is one address.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string Body, IReadOnlyList<EmailAttachment>? Attachments = null);

/// <summary>
/// A file sent with an e-mail: <paramref name="FileName"/> as the recipient sees it (e.g. <c>appointment.ics</c>),
/// <paramref name="ContentType"/> a MIME type with optional parameters (e.g. <c>text/calendar; method=REQUEST; charset=utf-8</c>).
/// </summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
