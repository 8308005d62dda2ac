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
internal sealed class NotificationInbox(NotificationsDbContext db, NotificationFeed feed, TimeProvider clock)
{
    /// <summary>
    /// Adds one notification for <paramref name="recipientUserId"/> unless the event <paramref name="sourceEventId"/> already gave
    /// them one (a redelivery) or they switched the kind's topic off in the centre, then pushes it with the new unread count (capped, <see cref="UnreadCounts"/>).
    /// Returns false when nothing was added.
    /// </summary>
    public async Task<bool> DeliverAsync(Guid recipientUserId, string kind, string title, string link, Guid sourceEventId, CancellationToken ct) =>
        await DeliverAsync([new InboxItem(recipientUserId, kind, title, link, sourceEventId)], ct) > 0;

    /// <summary>
    /// Adds notifications (at most one per recipient and source event) as
    /// <see cref="DeliverAsync(Guid, string, string, string, Guid, CancellationToken)"/> does for each, in one transaction: the
    /// recipients' in-app choices in one read, the new rows in one save, their unread counts in one read. When the save is refused
    /// (a redelivery: some recipient has that event's notification already) each is saved on its own, so the others still get
    /// theirs. Returns how many were added.
    /// </summary>
    public async Task<int> DeliverAsync(IReadOnlyList<InboxItem> items, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var choices = await NotificationPreferences.InAppChoicesAsync(db, [.. items.Select(i => i.RecipientUserId).Distinct()], ct);
        var wanted = items.DistinctBy(i => (i.RecipientUserId, i.SourceEventId))
            .Where(i => PreferenceMatrix.Allows(NotificationKinds.TopicOf(i.Kind), NotificationChannel.InApp, choices[i.RecipientUserId].TryGetValue(NotificationKinds.TopicOf(i.Kind), out var on) ? on : null))
            .Select(i => InboxNotification.For(i.RecipientUserId, i.Kind, i.Title, i.Link, i.SourceEventId, now)).ToList();
        if (wanted.Count == 0)
        {
            return 0;
        }

        db.Inbox.AddRange(wanted);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            wanted = await AddEachAsync(wanted, ct);
        }

        var unread = await UnreadCounts.OfAsync(db, [.. wanted.Select(n => n.RecipientUserId).Distinct()], choices, now, ct);
        foreach (var notification in wanted)
        {
            await feed.ReceivedAsync(notification.RecipientUserId, NotificationViews.From(notification), unread.GetValueOrDefault(notification.RecipientUserId), ct);
        }

        return wanted.Count;
    }

    /// <summary>The notifications of <paramref name="notifications"/> that were not there yet, each saved alone.</summary>
    private async Task<List<InboxNotification>> AddEachAsync(List<InboxNotification> notifications, CancellationToken ct)
    {
        var added = new List<InboxNotification>();
        foreach (var notification in notifications)
        {
            db.Inbox.Add(notification);
            try
            {
                await db.SaveChangesAsync(ct);
                added.Add(notification);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
            }
        }

        return added;
    }

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

/// <summary>
/// One recipient's notification of the event <see cref="SourceEventId"/>: its kind (<see cref="NotificationKinds"/>), title in their
/// language and link in the app.
/// </summary>
internal sealed record InboxItem(Guid RecipientUserId, string Kind, string Title, string Link, Guid SourceEventId);

internal static class NotificationViews
{
    public static NotificationView From(InboxNotification n) => new(n.Id, n.Kind, n.Title, n.Link, n.CreatedAt, n.ReadAt);
}
