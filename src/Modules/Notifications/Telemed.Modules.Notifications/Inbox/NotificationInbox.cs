using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.DevelopmentOutbox;
using Telemed.Modules.Notifications.Preferences;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>
/// Puts notifications into their recipients' lists (at most once per source event, only when the recipient wants the kind's
/// topic in the centre) and tells their open tabs.
/// </summary>
internal sealed class NotificationInbox(NotificationsDbContext db, NotificationFeed feed, INotificationPreferences preferences, TimeProvider clock)
{
    /// <summary>
    /// Adds one notification for <paramref name="recipientUserId"/> unless the event <paramref name="sourceEventId"/> already gave
    /// them one (a redelivery) or they switched the kind's topic off in the centre, then pushes it with the new unread count.
    /// Returns false when nothing was added.
    /// </summary>
    public async Task<bool> DeliverAsync(Guid recipientUserId, string kind, string title, string link, Guid sourceEventId, CancellationToken ct)
    {
        if (!await preferences.AllowsAsync(recipientUserId, NotificationKinds.TopicOf(kind), NotificationChannel.InApp, ct))
        {
            return false;
        }

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

    /// <summary>The user's unread notifications still kept at <paramref name="now"/> (UTC) and not of a topic they switched off.</summary>
    public static async Task<int> UnreadCountAsync(NotificationsDbContext db, Guid userId, DateTime now, CancellationToken ct) =>
        await (await ShownAsync(db, userId, now, ct)).CountAsync(n => n.ReadAt == null, ct);

    /// <summary>
    /// The user's notifications the centre shows at <paramref name="now"/>: kept (90 days) and not of a topic they switched off
    /// in the centre, so switching a topic off also clears it from the list (switching it on again brings it back).
    /// </summary>
    public static async Task<IQueryable<InboxNotification>> ShownAsync(NotificationsDbContext db, Guid userId, DateTime now, CancellationToken ct)
    {
        var keptSince = InboxNotification.KeptSince(now);
        var mine = db.Inbox.AsNoTracking().Where(n => n.RecipientUserId == userId && n.CreatedAt > keptSince);
        var off = await NotificationPreferences.InAppTopicsOffAsync(db, userId, ct);
        if (off.Count == 0)
        {
            return mine;
        }

        var hidden = NotificationKinds.All.Where(k => off.Contains(NotificationKinds.TopicOf(k))).ToList();
        return mine.Where(n => !hidden.Contains(n.Kind));
    }
}

internal static class NotificationViews
{
    public static NotificationView From(InboxNotification n) => new(n.Id, n.Kind, n.Title, n.Link, n.CreatedAt, n.ReadAt);
}
