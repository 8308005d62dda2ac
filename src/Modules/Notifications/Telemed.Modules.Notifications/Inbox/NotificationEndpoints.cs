using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Notifications.DevelopmentOutbox;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>
/// A page of the user's notifications, newest first; <c>unread</c> counts all their unread ones, not only this page's, up to
/// <see cref="UnreadCounts.Cap"/> (100 means 100 or more).
/// </summary>
public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int Total, int Unread, int Page, int PageSize);

/// <summary>How many of the user's notifications are unread, counted up to <see cref="UnreadCounts.Cap"/> (100 means 100 or more).</summary>
public sealed record UnreadCount(int Unread);

/// <summary>
/// The signed-in user's notification centre (every role): list (paged, newest first, only the last 90 days), unread count, mark
/// one or all read. A user reaches only their own notifications: another user's id is 404 <c>notifications.not_found</c>, the
/// same as an unknown id, so ids cannot be probed.
/// </summary>
internal static class NotificationEndpoints
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static readonly Error NotFound = new("notifications.not_found", "There is no such notification.", ErrorKind.NotFound);

    public static void MapNotificationEndpoints(this IEndpointRouteBuilder api)
    {
        var mine = api.MapGroup("/me/notifications").WithTags("Notifications").RequireAuthorization(Policies.SignedIn);
        mine.MapGet("", ListAsync).WithName("ListMyNotifications");
        mine.MapGet("/unread-count", UnreadAsync).WithName("CountMyUnreadNotifications");
        mine.MapPost("/{id:guid}/read", MarkReadAsync).WithName("MarkMyNotificationRead");
        mine.MapPost("/read-all", MarkAllReadAsync).WithName("MarkAllMyNotificationsRead");
    }

    /// <param name="page">1-based (out of range: 400 <c>validation.failed</c>, the host's paging rule).</param>
    /// <param name="pageSize">1–100, 20 by default (out of range: 400 <c>validation.failed</c>).</param>
    private static async Task<Ok<NotificationPage>> ListAsync(NotificationsDbContext db, ICurrentUser user, TimeProvider clock, CancellationToken ct,
        int page = 1, int pageSize = DefaultPageSize)
    {
        var userId = user.RequireUserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = await NotificationInbox.ShownAsync(db, userId, now, ct);
        var total = await mine.CountAsync(ct);
        var items = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip(PageRequest.SkipOf(page, pageSize)).Take(pageSize).ToListAsync(ct);
        var unread = await UnreadCounts.OfAsync(db, userId, now, ct);
        return TypedResults.Ok(new NotificationPage(items.Select(NotificationViews.From).ToList(), total, unread, page, pageSize));
    }

    private static async Task<Ok<UnreadCount>> UnreadAsync(NotificationsDbContext db, ICurrentUser user, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCount(await UnreadCounts.OfAsync(db, user.RequireUserId(), clock.GetUtcNow().UtcDateTime, ct)));

    private static async Task<Results<Ok<NotificationView>, ProblemHttpResult>> MarkReadAsync(Guid id, NotificationsDbContext db, ICurrentUser user,
        NotificationFeed feed, TimeProvider clock, CancellationToken ct)
    {
        var userId = user.RequireUserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var notification = await db.Inbox.SingleOrDefaultAsync(n => n.Id == id && n.RecipientUserId == userId, ct);
        if (notification is null || InboxNotification.HasOutlivedRetention(notification.CreatedAt, now))
        {
            return Problems.From(NotFound);
        }

        if (notification.MarkRead(now))
        {
            await db.SaveChangesAsync(ct);
            // Committed: the user's other tabs get the new count even if this request is gone.
            await feed.UnreadChangedAsync(userId, await UnreadCounts.OfAsync(db, userId, now, CancellationToken.None), CancellationToken.None);
        }

        return TypedResults.Ok(NotificationViews.From(notification));
    }

    private static async Task<Ok<UnreadCount>> MarkAllReadAsync(NotificationsDbContext db, ICurrentUser user, NotificationFeed feed, TimeProvider clock,
        CancellationToken ct)
    {
        var userId = user.RequireUserId();
        var now = clock.GetUtcNow().UtcDateTime;
        // Loaded and saved (not one UPDATE) so that each change is audited like any other write of the record.
        var unread = await db.Inbox.Where(n => n.RecipientUserId == userId && n.ReadAt == null).ToListAsync(ct);
        unread.ForEach(n => n.MarkRead(now));
        if (unread.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            await feed.UnreadChangedAsync(userId, 0, CancellationToken.None);
        }

        return TypedResults.Ok(new UnreadCount(0));
    }
}
