namespace Telemed.Modules.Notifications.Policy;

/// <summary>Bound from <c>Notifications</c>: settings that concern both channels.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>
    /// <c>Notifications:AllowOutboxOutsideDevelopment</c>. UNSAFE, for staging machines without mail or SMS only: lets the
    /// host start outside Development while a channel is still the development outbox. Messages are then kept unsent,
    /// with every link removed from the stored copy, and the outbox's admin routes still do not exist. Patients
    /// receive nothing (no verification, reset or reminder messages) while it is on.
    /// </summary>
    public bool AllowOutboxOutsideDevelopment { get; set; }
}
