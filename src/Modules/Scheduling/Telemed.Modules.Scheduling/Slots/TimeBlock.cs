namespace Telemed.Modules.Scheduling.Slots;

internal enum TimeBlockOwner { Appointment, Hold }

/// <summary>
/// One 5-minute granule of a doctor's time, taken by an appointment or a waitlist hold. The primary
/// key (doctor, granule) is what makes a double booking impossible on every database: two
/// transactions that want overlapping time both insert the shared granule, and only one commits.
/// A hold's rows carry their expiry; an expired hold is cleared by whoever needs the time next.
/// </summary>
internal sealed class TimeBlock
{
    public Guid DoctorId { get; init; }
    public DateTime Granule { get; init; }
    public TimeBlockOwner OwnerKind { get; set; }
    public Guid OwnerId { get; set; }
    public DateTime? ExpiresAt { get; set; }
}
