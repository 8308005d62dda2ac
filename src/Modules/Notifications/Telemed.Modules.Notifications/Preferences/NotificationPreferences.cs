using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.DevelopmentOutbox;

namespace Telemed.Modules.Notifications.Preferences;

/// <summary>
/// The one preference check (see <see cref="INotificationPreferences"/>), read from the user's stored choices and, for a patient,
/// their consent: a patient who withdrew the <c>notifications</c> consent (Privacy) gets no e-mail or SMS but security messages,
/// whatever their per-topic choices say. In-app notices need no consent (they are where the patient already is). Consent here is
/// opt-out: a patient who never answered keeps the reminders their care relies on (docs/privacy.md).
/// </summary>
internal sealed class NotificationPreferences(NotificationsDbContext db, IDirectoryModule directory, IConsents consents) : INotificationPreferences
{
    public async Task<bool> AllowsAsync(Guid userId, string topic, NotificationChannel channel, CancellationToken cancellationToken = default)
    {
        if (PreferenceMatrix.CannotBeSwitchedOff(topic))
        {
            return true;
        }

        if (channel != NotificationChannel.InApp && await directory.FindPatientIdAsync(userId, cancellationToken) is { } patientId
            && await consents.HasWithdrawnAsync(patientId, ConsentKinds.Notifications, cancellationToken))
        {
            return false;
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
