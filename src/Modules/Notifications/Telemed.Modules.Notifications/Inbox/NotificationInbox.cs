using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.Modules.Notifications.DevelopmentOutbox;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>Puts notifications into their recipients' lists (at most once per source event) and tells their open tabs.</summary>
internal sealed class NotificationInbox(NotificationsDbContext db, NotificationFeed feed, TimeProvider clock)
{
    /// <summary>
    /// Adds one notification for <paramref name="recipientUserId"/> unless the event <paramref name="sourceEventId"/> already gave
    /// them one (a redelivery), then pushes it with the new unread count. Returns false for a redelivery.
    /// </summary>
    public async Task<bool> DeliverAsync(Guid recipientUserId, string kind, string title, string link, Guid sourceEventId, CancellationToken ct)
    {
        var notification = InboxNotification.For(recipientUserId, kind, title, link, sourceEventId, clock.GetUtcNow().UtcDateTime);
        db.Inbox.Add(notification);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return false;
        }

        var unread = await UnreadCountAsync(db, recipientUserId, clock.GetUtcNow().UtcDateTime, ct);
        await feed.ReceivedAsync(recipientUserId, NotificationViews.From(notification), unread, ct);
        return true;
    }

    /// <summary>The user's unread notifications still kept at <paramref name="now"/> (UTC).</summary>
    public static Task<int> UnreadCountAsync(NotificationsDbContext db, Guid userId, DateTime now, CancellationToken ct)
    {
        var keptSince = InboxNotification.KeptSince(now);
        return db.Inbox.CountAsync(n => n.RecipientUserId == userId && n.ReadAt == null && n.CreatedAt > keptSince, ct);
    }
}

internal static class NotificationViews
{
    public static NotificationView From(InboxNotification n) => new(n.Id, n.Kind, n.Title, n.Link, n.CreatedAt, n.ReadAt);
}
