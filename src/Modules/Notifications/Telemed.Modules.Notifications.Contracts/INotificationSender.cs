namespace Telemed.Modules.Notifications.Contracts;

public enum NotificationChannel { Email, Sms }

/// <summary>The notifications port other modules use. Bodies must carry no diagnosis.</summary>
public interface INotificationSender
{
    Task SendEmailAsync(string to, string subject, string body, CancellationToken cancellationToken = default);
    Task SendSmsAsync(string to, string body, CancellationToken cancellationToken = default);
}
