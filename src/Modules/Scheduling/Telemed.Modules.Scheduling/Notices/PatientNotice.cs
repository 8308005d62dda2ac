using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Scheduling.Notices;

/// <summary>
/// One notice to a patient about an appointment change, by one channel. The key (event, channel) is the outbox consumer's
/// memory: a redelivered event finds its row and sends nothing again. The row is written (claimed) before the message goes
/// out and removed if sending fails, so a failed channel is retried with the event and a sent one never is.
/// </summary>
internal sealed class PatientNotice
{
    public Guid EventId { get; init; }
    public NotificationChannel Channel { get; init; }
    public Guid AppointmentId { get; init; }
    public DateTime ClaimedAt { get; init; }
    public DateTime? SentAt { get; set; }
}
