using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Notifications.Delivery;

/// <summary>The notifications port: e-mail goes to the configured e-mail channel, SMS to the configured SMS channel.</summary>
internal sealed class RoutingNotificationSender(IEmailChannel email, ISmsChannel sms) : INotificationSender
{
    public Task SendEmailAsync(string to, string subject, string body, CancellationToken cancellationToken = default) =>
        email.SendAsync(new EmailMessage(to, subject, body), cancellationToken);

    public Task SendEmailAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
        email.SendAsync(message, cancellationToken);

    public Task SendSmsAsync(string to, string body, CancellationToken cancellationToken = default) =>
        sms.SendAsync(to, body, cancellationToken);
}
