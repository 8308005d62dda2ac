using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Notifications.Preferences;

/// <summary>
/// One choice a user made: <see cref="Topic"/> (see <see cref="NotificationTopics"/>) on <see cref="Channel"/> on or off. Only
/// choices are stored; a topic and channel without a row is on (<see cref="PreferenceMatrix.IsOnByDefault"/>).
/// <see cref="UpdatedAt"/> is UTC.
/// </summary>
internal sealed class NotificationPreference
{
    public Guid UserId { get; private init; }
    public string Topic { get; private init; } = "";
    public NotificationChannel Channel { get; private init; }
    public bool Enabled { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>A first choice; the caller has checked with <see cref="PreferenceMatrix.MaySwitch"/> that it may be made.</summary>
    public static NotificationPreference Choose(Guid userId, string topic, NotificationChannel channel, bool enabled, DateTime now) =>
        new() { UserId = userId, Topic = topic, Channel = channel, Enabled = enabled, UpdatedAt = now };

    /// <summary>Changes an earlier choice; true when it changed.</summary>
    public bool Change(bool enabled, DateTime now)
    {
        if (Enabled == enabled)
        {
            return false;
        }

        Enabled = enabled;
        UpdatedAt = now;
        return true;
    }
}
