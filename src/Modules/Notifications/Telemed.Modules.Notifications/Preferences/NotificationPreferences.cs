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
    public async Task<bool> AllowsAsync(Guid userId, string topic, NotificationChannel channel, CancellationToken cancellationToken = default) =>
        (await AllowedChannelsAsync(userId, topic, [channel], cancellationToken)).Count > 0;

    public async Task<IReadOnlyList<NotificationChannel>> AllowedChannelsAsync(Guid userId, string topic, IReadOnlyList<NotificationChannel> channels,
        CancellationToken cancellationToken = default) =>
        (await AllowedChannelsAsync([userId], topic, channels, cancellationToken))[userId];

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<NotificationChannel>>> AllowedChannelsAsync(IReadOnlyCollection<Guid> userIds, string topic,
        IReadOnlyList<NotificationChannel> channels, CancellationToken cancellationToken = default)
    {
        var users = userIds.Distinct().ToList();
        if (PreferenceMatrix.CannotBeSwitchedOff(topic) || channels.Count == 0)
        {
            return users.ToDictionary(u => u, _ => channels);
        }

        // A patient who withdrew the notifications consent gets nothing outside the app.
        var withdrawn = new HashSet<Guid>();
        if (channels.Any(c => c != NotificationChannel.InApp))
        {
            var patients = new Dictionary<Guid, Guid>();
            foreach (var user in users)
            {
                if (await directory.FindPatientIdAsync(user, cancellationToken) is { } patientId)
                {
                    patients[patientId] = user;
                }
            }

            var withdrew = await consents.WithdrawnAmongAsync(patients.Keys, ConsentKinds.Notifications, cancellationToken);
            withdrawn = patients.Where(p => withdrew.Contains(p.Key)).Select(p => p.Value).ToHashSet();
        }

        var chosen = (await db.Preferences.AsNoTracking().Where(p => users.Contains(p.UserId) && p.Topic == topic && channels.Contains(p.Channel))
            .Select(p => new { p.UserId, p.Channel, p.Enabled }).ToListAsync(cancellationToken)).ToDictionary(p => (p.UserId, p.Channel), p => p.Enabled);
        return users.ToDictionary(u => u, u => (IReadOnlyList<NotificationChannel>)channels
            .Where(c => c == NotificationChannel.InApp || !withdrawn.Contains(u))
            .Where(c => PreferenceMatrix.Allows(topic, c, chosen.TryGetValue((u, c), out var enabled) ? enabled : null)).ToList());
    }

    /// <summary>
    /// Each of <paramref name="userIds"/>' in-app choices (topic → on), in one read: what <see cref="AllowsAsync"/> decides for the
    /// in-app channel (no consent is involved there) and which topics the centre hides (<see cref="InAppTopicsOffAsync"/>).
    /// </summary>
    public static async Task<Dictionary<Guid, Dictionary<string, bool>>> InAppChoicesAsync(NotificationsDbContext db, IReadOnlyCollection<Guid> userIds,
        CancellationToken ct)
    {
        var rows = await db.Preferences.AsNoTracking().Where(p => userIds.Contains(p.UserId) && p.Channel == NotificationChannel.InApp)
            .Select(p => new { p.UserId, p.Topic, p.Enabled }).ToListAsync(ct);
        return userIds.Distinct().ToDictionary(u => u, u => rows.Where(r => r.UserId == u).ToDictionary(r => r.Topic, r => r.Enabled));
    }

    /// <summary>The topics the user switched off in the notification centre.</summary>
    public static async Task<HashSet<string>> InAppTopicsOffAsync(NotificationsDbContext db, Guid userId, CancellationToken ct) =>
        (await db.Preferences.AsNoTracking().Where(p => p.UserId == userId && p.Channel == NotificationChannel.InApp && !p.Enabled)
            .Select(p => p.Topic).ToListAsync(ct)).ToHashSet();
}
