namespace Telemed.Modules.Notifications.Contracts;

/// <summary>
/// What a notification is about, as a person switches it on or off per channel (see <see cref="INotificationPreferences"/>).
/// Stored and sent as these lower-case strings.
/// </summary>
public static class NotificationTopics
{
    /// <summary>Chat messages from the care team or the patient, messages from the clinic, review requests.</summary>
    public const string Messages = "messages";

    /// <summary>A visit booked, moved or cancelled; a waitlist offer.</summary>
    public const string Bookings = "bookings";

    /// <summary>Reminders before a visit (48 and 2 hours ahead).</summary>
    public const string Reminders = "reminders";

    public const string Results = "results";

    public const string Prescriptions = "prescriptions";

    /// <summary>Sign-in links, password reset, e-mail verification, invitations, MFA changes: always sent, cannot be switched off.</summary>
    public const string Security = "security";
}
