using Microsoft.Extensions.Hosting;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.Delivery;
using Telemed.Modules.Notifications.Policy;

namespace Telemed.Modules.Notifications.DevelopmentOutbox;

/// <summary>
/// The default e-mail and SMS channel: keeps messages (encrypted) instead of sending them. In Development the copy is
/// whole, so a developer can follow its links from Admin → Outbox; elsewhere (an operator's explicit opt-in) every link is
/// removed before the copy is saved, because links act as the recipient's credentials. Attachments are not kept.
/// </summary>
internal sealed class DevelopmentOutboxSender(NotificationsDbContext db, TimeProvider clock, IHostEnvironment environment) : IEmailChannel, ISmsChannel
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
        SaveAsync(NotificationChannel.Email, message.To, message.Subject, message.Body, cancellationToken);

    public Task SendAsync(string to, string body, CancellationToken cancellationToken) =>
        SaveAsync(NotificationChannel.Sms, to, null, body, cancellationToken);

    private async Task SaveAsync(NotificationChannel channel, string to, string? subject, string body, CancellationToken ct)
    {
        if (!OutboxPolicy.StoredCopyKeepsLinks(environment.IsDevelopment()))
        {
            subject = CredentialLinks.Redact(subject);
            body = CredentialLinks.Redact(body)!;
        }

        db.Messages.Add(new OutboxedMessage { Id = Guid.NewGuid(), Channel = channel, To = to, Subject = subject, Body = body, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }
}
