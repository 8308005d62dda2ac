using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Notifications.Delivery;

/// <summary>The notifications port: e-mail goes to the configured e-mail channel, SMS to the configured SMS channel.</summary>
internal sealed class RoutingNotificationSender(IEmailChannel email, ISmsChannel sms) : INotificationSender
{
    public Task SendEmailAsync(string to, string subject, string body, CancellationToken cancellationToken = default) =>
        email.SendAsync(to, subject, body, cancellationToken);

    public Task SendEmailAsync(string to, string subject, string body, IReadOnlyList<EmailAttachment> attachments, CancellationToken cancellationToken = default) =>
        email.SendAsync(to, subject, body, attachments, cancellationToken);

    public Task SendSmsAsync(string to, string body, CancellationToken cancellationToken = default) =>
        sms.SendAsync(to, body, cancellationToken);
}
