namespace Telemed.Modules.Notifications.Contracts;

/// <summary>
/// The one check every sender asks before it sends anything to a person: whether they want <paramref name="topic"/> (see
/// <see cref="NotificationTopics"/>) on <paramref name="channel"/>. Security messages are always wanted; what a person never
/// chose is on.
/// </summary>
public interface INotificationPreferences
{
    /// <summary>True when the user has not switched this topic off on this channel (or cannot: security).</summary>
    Task<bool> AllowsAsync(Guid userId, string topic, NotificationChannel channel, CancellationToken cancellationToken = default);
}
