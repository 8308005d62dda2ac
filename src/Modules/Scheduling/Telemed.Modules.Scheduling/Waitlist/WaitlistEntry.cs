using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Scheduling.Availability;

namespace Telemed.Modules.Scheduling.Waitlist;

internal enum WaitlistStatus { Waiting, Booked, Left }

internal enum OfferStatus { Offered, Accepted, Declined, Expired }

/// <summary>A patient waiting for a time with a doctor (or any doctor of a specialty) within a date range.</summary>
internal sealed class WaitlistEntry : IPhiRecord
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PatientId { get; init; }
    public Guid PatientUserId { get; init; }
    public Guid? DoctorId { get; init; }
    public string? Specialty { get; init; }
    public AppointmentKind Kind { get; init; }
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    public WaitlistStatus Status { get; set; } = WaitlistStatus.Waiting;
    public DateTime CreatedAt { get; init; }

    public string AuditRecordType => "WaitlistEntry";
    public Guid AuditRecordId => Id;
}

/// <summary>A freed slot held for one waitlisted patient until <see cref="ExpiresAt"/>; the hold's time blocks keep everyone else off it.</summary>
internal sealed class WaitlistOffer
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid EntryId { get; init; }
    public Guid DoctorId { get; init; }
    public Guid ClinicId { get; init; }
    public AppointmentKind Kind { get; init; }
    public DateTime Start { get; init; }
    public DateTime End { get; init; }
    public DateTime BlockedFrom { get; init; }
    public DateTime BlockedUntil { get; init; }
    public DateTime ExpiresAt { get; init; }
    public OfferStatus Status { get; set; } = OfferStatus.Offered;
    public Guid? AppointmentId { get; set; }
    public DateTime CreatedAt { get; init; }
}
