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

    /// <summary>
    /// The channels of <paramref name="channels"/> on which the user wants <paramref name="topic"/>, in the order given: the same
    /// decision as <see cref="AllowsAsync"/> for each, with one consent check and one read of the user's choices for all of them.
    /// </summary>
    Task<IReadOnlyList<NotificationChannel>> AllowedChannelsAsync(Guid userId, string topic, IReadOnlyList<NotificationChannel> channels,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="AllowedChannelsAsync(Guid, string, IReadOnlyList{NotificationChannel}, CancellationToken)"/> for several users (a
    /// batch of notices): every one of <paramref name="userIds"/> is a key; one consent read and one read of their choices in all.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<NotificationChannel>>> AllowedChannelsAsync(IReadOnlyCollection<Guid> userIds, string topic,
        IReadOnlyList<NotificationChannel> channels, CancellationToken cancellationToken = default);
}
