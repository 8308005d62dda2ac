namespace Telemed.Modules.Notifications.Contracts;

public enum NotificationChannel { Email, Sms }

/// <summary>A file sent with an e-mail, e.g. <c>appointment.ics</c> as <c>text/calendar</c>. Content is the file's bytes.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>The notifications port other modules use. Bodies must carry no diagnosis.</summary>
public interface INotificationSender
{
    Task SendEmailAsync(string to, string subject, string body, CancellationToken cancellationToken = default);

    /// <summary>An e-mail with attachments (a calendar invitation, say); attachments follow the same no-diagnosis rule as bodies.</summary>
    Task SendEmailAsync(string to, string subject, string body, IReadOnlyList<EmailAttachment> attachments, CancellationToken cancellationToken = default);

    Task SendSmsAsync(string to, string body, CancellationToken cancellationToken = default);
}
