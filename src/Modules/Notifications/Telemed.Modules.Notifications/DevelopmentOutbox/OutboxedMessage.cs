using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.Delivery;

namespace Telemed.Modules.Notifications.DevelopmentOutbox;

/// <summary>A message kept instead of sent, for development; recipient and body are identifying, so encrypted and audited.</summary>
internal sealed class OutboxedMessage : IPhiRecord
{
    public Guid Id { get; init; }
    public NotificationChannel Channel { get; init; }
    public required string To { get; init; }
    public string? Subject { get; init; }
    public required string Body { get; init; }
    public DateTime CreatedAt { get; init; }

    public string AuditRecordType => "NotificationMessage";
    public Guid AuditRecordId => Id;
}

internal sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public override string ModuleName => "notifications";

    public DbSet<OutboxedMessage> Messages => Set<OutboxedMessage>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.Entity<OutboxedMessage>(b =>
    {
        b.ToTable("development_outbox");
        b.HasKey(m => m.Id);
        b.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.To).IsEncrypted();
        b.Property(m => m.Subject).IsEncrypted();
        b.Property(m => m.Body).IsEncrypted();
        b.HasIndex(m => new { m.Channel, m.CreatedAt });
    });
}

/// <summary>The default e-mail and SMS channel: keeps messages (encrypted) for the admins' outbox instead of sending them.</summary>
internal sealed class DevelopmentOutboxSender(NotificationsDbContext db, TimeProvider clock) : IEmailChannel, ISmsChannel
{
    public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken) =>
        SaveAsync(NotificationChannel.Email, to, subject, body, cancellationToken);

    /// <summary>The outbox keeps text only: attachments are listed by name at the end of the body.</summary>
    public Task SendAsync(string to, string subject, string body, IReadOnlyList<EmailAttachment> attachments, CancellationToken cancellationToken) =>
        SaveAsync(NotificationChannel.Email, to, subject, body + string.Concat(attachments.Select(a => $"\n[attachment: {a.FileName}]")), cancellationToken);

    public Task SendAsync(string to, string body, CancellationToken cancellationToken) =>
        SaveAsync(NotificationChannel.Sms, to, null, body, cancellationToken);

    private async Task SaveAsync(NotificationChannel channel, string to, string? subject, string body, CancellationToken ct)
    {
        db.Messages.Add(new OutboxedMessage { Id = Guid.NewGuid(), Channel = channel, To = to, Subject = subject, Body = body, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }
}
