using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.Inbox;
using Telemed.Modules.Notifications.Preferences;

namespace Telemed.Modules.Notifications.DevelopmentOutbox;

/// <summary>
/// A message kept instead of sent, for development; recipient and body are identifying, so encrypted and audited.
/// Outside Development (only with <c>Notifications:AllowOutboxOutsideDevelopment</c>) the body is kept without its links.
/// </summary>
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

internal sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "notifications";

    public DbSet<OutboxedMessage> Messages => Set<OutboxedMessage>();

    public DbSet<InboxNotification> Inbox => Set<InboxNotification>();

    public DbSet<NotificationPreference> Preferences => Set<NotificationPreference>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxedMessage>(b =>
        {
            b.ToTable("development_outbox");
            b.HasKey(m => m.Id);
            b.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16);
            b.Property(m => m.To).IsEncrypted();
            b.Property(m => m.Subject).IsEncrypted();
            b.Property(m => m.Body).IsEncrypted();
            b.HasIndex(m => new { m.Channel, m.CreatedAt });
        });
        modelBuilder.Entity<InboxNotification>(b =>
        {
            b.ToTable("inbox");
            b.HasKey(n => n.Id);
            b.Property(n => n.Kind).HasMaxLength(NotificationKinds.MaxLength);
            b.Property(n => n.Title).IsEncrypted();
            b.Property(n => n.Link).HasMaxLength(300);
            b.HasIndex(n => new { n.RecipientUserId, n.SourceEventId }).IsUnique();
            b.HasIndex(n => new { n.RecipientUserId, n.CreatedAt });
            // Unread only: a capped unread count (UnreadCounts) reads at most its cap of these entries per recipient.
            b.HasIndex(n => new { n.RecipientUserId, n.CreatedAt, n.Kind }).HasFilter("\"ReadAt\" IS NULL");
            b.HasIndex(n => n.CreatedAt);
        });
        modelBuilder.Entity<NotificationPreference>(b =>
        {
            b.ToTable("preferences");
            b.HasKey(p => new { p.UserId, p.Topic, p.Channel });
            b.Property(p => p.Topic).HasMaxLength(32);
            b.Property(p => p.Channel).HasConversion<string>().HasMaxLength(16);
        });
    }
}
