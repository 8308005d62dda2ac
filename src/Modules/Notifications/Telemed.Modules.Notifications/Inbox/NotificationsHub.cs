using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Telemed.BuildingBlocks.Access;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>
/// A notification as the recipient's client receives it live and lists it: <c>kind</c> (see the kinds list), <c>title</c> in the
/// recipient's language, <c>link</c> a path inside the web app, UTC instants.
/// </summary>
public sealed record NotificationView(Guid Id, string Kind, string Title, string Link, DateTime CreatedAt, DateTime? ReadAt);

/// <summary>Pushed on <c>notificationReceived</c>: the new notification and the recipient's unread count after it.</summary>
public sealed record NotificationPushed(NotificationView Notification, int Unread);

/// <summary>Pushed on <c>unreadChanged</c> after the user marked something read (in any of their tabs).</summary>
public sealed record UnreadChanged(int Unread);

/// <summary>
/// The signed-in user's own notifications, live. A connection joins only its own user's group, chosen by the server from the
/// session (a client cannot name another user), so nobody receives another's notifications. No client-callable methods.
/// Once the connection is in the group the server sends it <c>subscribed</c> (no arguments): every push after that reaches
/// it, so a client reads its count and list again then. The handshake completing is not that moment: SignalR answers
/// it before <see cref="OnConnectedAsync"/> runs.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class NotificationsHub : Hub
{
    public const string Path = "/hubs/notifications";

    /// <summary>The event that tells a connection it is in its user's group (pushes from now on reach it).</summary>
    public const string Subscribed = "subscribed";

    public static string GroupOf(Guid userId) => $"user:{userId:N}";

    public override async Task OnConnectedAsync()
    {
        if (Guid.TryParse(Context.UserIdentifier, out var userId))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(userId), Context.ConnectionAborted);
            await Clients.Caller.SendAsync(Subscribed, Context.ConnectionAborted);
        }
        else
        {
            Context.Abort();
        }

        await base.OnConnectedAsync();
    }
}

/// <summary>Tells a user's open tabs, after a commit, that a notification arrived or their unread count changed.</summary>
internal sealed class NotificationFeed(IHubContext<NotificationsHub> hub)
{
    public Task ReceivedAsync(Guid userId, NotificationView notification, int unread, CancellationToken ct = default) =>
        hub.Clients.Group(NotificationsHub.GroupOf(userId)).SendAsync("notificationReceived", new NotificationPushed(notification, unread), ct);

    public Task UnreadChangedAsync(Guid userId, int unread, CancellationToken ct = default) =>
        hub.Clients.Group(NotificationsHub.GroupOf(userId)).SendAsync("unreadChanged", new UnreadChanged(unread), ct);
}
