using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.DevelopmentOutbox;
using Telemed.Modules.Notifications.Preferences;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary><see cref="INotificationHistoryErasure"/>: the notification centre's entries and the preferences of one person deleted (audited PHI writes).</summary>
internal sealed class NotificationHistoryErasure(NotificationsDbContext db) : INotificationHistoryErasure
{
    public async Task<int> EraseHistoryOfAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var entries = await db.Inbox.Where(n => n.RecipientUserId == userId).ToListAsync(cancellationToken);
        db.Inbox.RemoveRange(entries);
        db.Preferences.RemoveRange(await db.Preferences.Where(p => p.UserId == userId).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return entries.Count;
    }
}
