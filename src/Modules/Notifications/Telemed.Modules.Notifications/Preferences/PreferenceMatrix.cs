using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Notifications.Preferences;

/// <summary>
/// Which topics a person can switch on which channels, and the rules that decide what they get. Only what some sender sends
/// today is offered: chat and clinic messages (in-app, e-mail), booking changes and waitlist offers (in-app, e-mail, SMS),
/// reminders (e-mail, SMS) and security messages (e-mail, always on). Everything is on until the person switches it off.
/// </summary>
internal static class PreferenceMatrix
{
    /// <summary>The topics in the order the settings page shows them, each with its channels.</summary>
    public static readonly IReadOnlyList<(string Topic, IReadOnlyList<NotificationChannel> Channels)> Offered =
    [
        (NotificationTopics.Messages, [NotificationChannel.InApp, NotificationChannel.Email]),
        (NotificationTopics.Bookings, [NotificationChannel.InApp, NotificationChannel.Email, NotificationChannel.Sms]),
        (NotificationTopics.Reminders, [NotificationChannel.Email, NotificationChannel.Sms]),
        (NotificationTopics.Security, [NotificationChannel.Email]),
    ];

    /// <summary>Whether the settings page offers this topic on this channel at all.</summary>
    public static bool IsOffered(string topic, NotificationChannel channel) => Offered.Any(o => o.Topic == topic && o.Channels.Contains(channel));

    /// <summary>Security messages (password reset, e-mail verification, sign-in and MFA changes) always go: they protect the account.</summary>
    public static bool CannotBeSwitchedOff(string topic) => topic == NotificationTopics.Security;

    /// <summary>Sensible defaults: everything a clinic sends is wanted until the person says otherwise.</summary>
    public static bool IsOnByDefault(string topic, NotificationChannel channel) => true;

    /// <summary>Whether a person may set this topic on this channel to <paramref name="enabled"/>: it must be offered, and a locked one only stays on.</summary>
    public static bool MaySwitch(string topic, NotificationChannel channel, bool enabled) =>
        IsOffered(topic, channel) && (enabled || !CannotBeSwitchedOff(topic));

    /// <summary>The decision: locked topics always go; otherwise the person's choice, or the default when they made none.</summary>
    public static bool Allows(string topic, NotificationChannel channel, bool? chosen) =>
        CannotBeSwitchedOff(topic) || (chosen ?? IsOnByDefault(topic, channel));

    /// <summary>The wire name of a channel: <c>in_app</c>, <c>email</c> or <c>sms</c>.</summary>
    public static string NameOf(NotificationChannel channel) => channel switch
    {
        NotificationChannel.InApp => "in_app",
        NotificationChannel.Sms => "sms",
        _ => "email",
    };

    /// <summary>The channel a wire name stands for; null for anything else.</summary>
    public static NotificationChannel? ChannelNamed(string? name) => name switch
    {
        "in_app" => NotificationChannel.InApp,
        "email" => NotificationChannel.Email,
        "sms" => NotificationChannel.Sms,
        _ => null,
    };
}
