using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Scheduling.Reminders;

internal enum ReminderStatus { Pending, Sending, Sent, Skipped, Failed }

/// <summary>
/// One planned message (e-mail or SMS, so many hours before). The unique key (appointment, start, offset,
/// channel) means a plan is never made twice; the claim (Pending → Sending, a conditional update) means
/// two workers never send the same one.
/// </summary>
internal sealed class Reminder
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid AppointmentId { get; init; }
    public DateTime AppointmentStart { get; init; }
    public int OffsetHours { get; init; }
    public NotificationChannel Channel { get; init; }
    public DateTime DueAt { get; init; }
    public ReminderStatus Status { get; set; } = ReminderStatus.Pending;
    public int Attempts { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}

internal enum LinkAction { Confirm, Cancel }

/// <summary>A one-tap link's server side: only the SHA-256 of the token is stored; it is spent on first use.</summary>
internal sealed class ActionLink
{
    public required string TokenHash { get; init; }
    public Guid AppointmentId { get; init; }
    public LinkAction Action { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? UsedAt { get; set; }
}
