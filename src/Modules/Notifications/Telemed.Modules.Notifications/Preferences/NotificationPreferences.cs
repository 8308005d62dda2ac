using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.DevelopmentOutbox;

namespace Telemed.Modules.Notifications.Preferences;

/// <summary>The one preference check (see <see cref="INotificationPreferences"/>), read from the user's stored choices.</summary>
internal sealed class NotificationPreferences(NotificationsDbContext db) : INotificationPreferences
{
    public async Task<bool> AllowsAsync(Guid userId, string topic, NotificationChannel channel, CancellationToken cancellationToken = default)
    {
        if (PreferenceMatrix.CannotBeSwitchedOff(topic))
        {
            return true;
        }

        var chosen = await db.Preferences.AsNoTracking().Where(p => p.UserId == userId && p.Topic == topic && p.Channel == channel)
            .Select(p => (bool?)p.Enabled).FirstOrDefaultAsync(cancellationToken);
        return PreferenceMatrix.Allows(topic, channel, chosen);
    }

    /// <summary>The topics the user switched off in the notification centre.</summary>
    public static async Task<HashSet<string>> InAppTopicsOffAsync(NotificationsDbContext db, Guid userId, CancellationToken ct) =>
        (await db.Preferences.AsNoTracking().Where(p => p.UserId == userId && p.Channel == NotificationChannel.InApp && !p.Enabled)
            .Select(p => p.Topic).ToListAsync(ct)).ToHashSet();
}
