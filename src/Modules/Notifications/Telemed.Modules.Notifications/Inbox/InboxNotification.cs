using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>
/// One in-app notification for one user: a <see cref="Kind"/> (see <see cref="NotificationKinds"/>), a short title already in the
/// recipient's language (never clinical content: who and when, not why), a link inside the portal, when it was created and
/// read (UTC). <see cref="SourceEventId"/> is the integration event it came from, so a redelivered event adds nothing.
/// </summary>
internal sealed class InboxNotification : IPhiRecord
{
    /// <summary>How long a notification is kept after it was created.</summary>
    public static readonly TimeSpan RetentionPeriod = TimeSpan.FromDays(90);

    public Guid Id { get; private init; }
    public Guid RecipientUserId { get; private init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public required string Link { get; init; }
    public Guid SourceEventId { get; private init; }
    public DateTime CreatedAt { get; private init; }
    public DateTime? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    public string AuditRecordType => "Notification";
    public Guid AuditRecordId => Id;

    /// <summary>A new unread notification; <paramref name="now"/> in UTC.</summary>
    public static InboxNotification For(Guid recipientUserId, string kind, string title, string link, Guid sourceEventId, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        RecipientUserId = recipientUserId,
        Kind = kind,
        Title = title,
        Link = link,
        SourceEventId = sourceEventId,
        CreatedAt = now,
    };

    /// <summary>Marks it read at <paramref name="now"/> (UTC); reading it again keeps the first time. True when it changed.</summary>
    public bool MarkRead(DateTime now)
    {
        if (IsRead)
        {
            return false;
        }

        ReadAt = now;
        return true;
    }

    /// <summary>Whether it has been kept for the whole <see cref="RetentionPeriod"/> at <paramref name="now"/> (UTC) and must go.</summary>
    public static bool HasOutlivedRetention(DateTime createdAt, DateTime now) => now - createdAt >= RetentionPeriod;

    /// <summary>The oldest creation time still kept at <paramref name="now"/>.</summary>
    public static DateTime KeptSince(DateTime now) => now - RetentionPeriod;
}
