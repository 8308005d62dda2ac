namespace Telemed.Modules.Notifications.Contracts;

/// <summary>How a message reaches a person: e-mail, SMS, or the in-app notification centre (<c>InApp</c>, last so stored names keep their meaning).</summary>
public enum NotificationChannel { Email, Sms, InApp }

/// <summary>The notifications port other modules use. Bodies must carry no diagnosis.</summary>
public interface INotificationSender
{
    Task SendEmailAsync(string to, string subject, string body, CancellationToken cancellationToken = default);

    /// <summary>Sends an e-mail that may carry attachments (e.g. an appointment's .ics).</summary>
    /// <exception cref="NotificationDeliveryException">The provider refused it or could not be reached after the retries.</exception>
    Task SendEmailAsync(EmailMessage message, CancellationToken cancellationToken = default);
    Task SendSmsAsync(string to, string body, CancellationToken cancellationToken = default);
}
