using Telemed.Modules.Scheduling.Contracts;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Availability;

namespace Telemed.Modules.Scheduling.Waitlist;

internal enum WaitlistStatus { Waiting, Booked, Left }

internal enum OfferStatus { Offered, Accepted, Declined, Expired, Withdrawn }

/// <summary>How a booking relates to a waitlist entry of the same patient (see <see cref="WaitlistEntry.Match"/>).</summary>
internal enum WaitlistMatch { Unrelated, Satisfied, DifferentKind, EarlierThanWanted, LaterThanWanted }

/// <summary>The facts of a booking a waitlist entry is compared with: the doctor, their specialties, the kind and the clinic-local date.</summary>
internal sealed record WaitlistBooking(Guid DoctorId, IReadOnlyCollection<string> Specialties, AppointmentKind Kind, DateOnly Date);

/// <summary>Time freed for the waitlist (UTC instants; the blocked range includes buffers).</summary>
internal sealed record FreedTime(Guid DoctorId, Guid ClinicId, AppointmentKind Kind, DateTime Start, DateTime End, DateTime BlockedFrom, DateTime BlockedUntil);

/// <summary>
/// A patient waiting for a time with a doctor (or any doctor of a specialty) within a date range (clinic-local dates).
/// Waiting → booked (closed by the appointment that satisfied it) or left.
/// </summary>
internal sealed class WaitlistEntry : IPhiRecord
{
    public static readonly Error NotWaiting = Error.Conflict("scheduling.waitlist_closed", "This waitlist entry is no longer waiting.");
    public static readonly Error Duplicate = Error.Conflict("scheduling.waitlist_duplicate",
        "You are already waiting for this doctor (or specialty) and kind of visit on some of these dates.");

    /// <summary>
    /// A patient waits once for the same doctor (or specialty) and kind on any date: a new wish that overlaps a waiting entry's
    /// dates would only put them in line twice. True when <paramref name="other"/> (still waiting) is such an entry.
    /// </summary>
    public bool DuplicatesAWaitingEntry(WaitlistEntry other) =>
        other.Status == WaitlistStatus.Waiting && other.PatientId == PatientId && other.Kind == Kind && other.DoctorId == DoctorId
        && string.Equals(other.Specialty, Specialty, StringComparison.OrdinalIgnoreCase) && other.From <= To && From <= other.To;

    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PatientId { get; init; }
    public Guid PatientUserId { get; init; }
    public Guid? DoctorId { get; init; }
    public string? Specialty { get; init; }
    public AppointmentKind Kind { get; init; }
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    public WaitlistStatus Status { get; private set; } = WaitlistStatus.Waiting;
    public DateTime CreatedAt { get; init; }

    /// <summary>The appointment that satisfied the entry and so closed it.</summary>
    public Guid? ClosedByAppointmentId { get; private set; }

    public string AuditRecordType => "WaitlistEntry";
    public Guid AuditRecordId => Id;
    public Guid? AuditPatientId => PatientId;

    /// <summary>
    /// Whether <paramref name="booking"/> is what the entry waits for: the same doctor (or a doctor of the entry's specialty),
    /// the same kind, on a date within the range. A related booking that differs in kind or date leaves the patient's
    /// wish open to doubt: the entry stays and the booking's answer says why.
    /// </summary>
    public WaitlistMatch Match(WaitlistBooking booking)
    {
        var related = DoctorId is { } doctor
            ? doctor == booking.DoctorId
            : Specialty is { } specialty && booking.Specialties.Contains(specialty, StringComparer.OrdinalIgnoreCase);
        return !related ? WaitlistMatch.Unrelated
            : booking.Kind != Kind ? WaitlistMatch.DifferentKind
            : booking.Date < From ? WaitlistMatch.EarlierThanWanted
            : booking.Date > To ? WaitlistMatch.LaterThanWanted
            : WaitlistMatch.Satisfied;
    }

    /// <summary>Holds freed time for this patient until <paramref name="expiresAt"/> (UTC). Error: <c>scheduling.waitlist_closed</c>.</summary>
    public Result<WaitlistOffer> Offer(FreedTime time, DateTime expiresAt, DateTime now) =>
        Status != WaitlistStatus.Waiting ? NotWaiting : new WaitlistOffer
        {
            EntryId = Id, DoctorId = time.DoctorId, ClinicId = time.ClinicId, Kind = time.Kind, Start = time.Start, End = time.End,
            BlockedFrom = time.BlockedFrom, BlockedUntil = time.BlockedUntil, ExpiresAt = expiresAt, CreatedAt = now,
        };

    /// <summary>The patient booked what they waited for: the entry stops taking offers. Error: <c>scheduling.waitlist_closed</c>.</summary>
    public Result Close(Guid appointmentId)
    {
        if (Status != WaitlistStatus.Waiting)
        {
            return NotWaiting;
        }

        Status = WaitlistStatus.Booked;
        ClosedByAppointmentId = appointmentId;
        return Result.Success;
    }

    /// <summary>The patient stops waiting; leaving twice is harmless.</summary>
    public void Leave() => Status = WaitlistStatus.Left;
}

/// <summary>
/// A freed slot held for one waitlisted patient until <see cref="ExpiresAt"/>; the hold's time blocks keep everyone else off it.
/// Offered → accepted, declined, expired or withdrawn (its patient booked elsewhere). <see cref="Status"/> is the concurrency
/// token, so two workers, or a worker and a patient, cannot both end the same offer.
/// </summary>
internal sealed class WaitlistOffer : AggregateRoot
{
    public static Error Ended => SchedulingErrors.OfferExpired;

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
    public OfferStatus Status { get; private set; } = OfferStatus.Offered;
    public Guid? AppointmentId { get; private set; }
    public DateTime CreatedAt { get; init; }

    public FreedTime Time => new(DoctorId, ClinicId, Kind, Start, End, BlockedFrom, BlockedUntil);

    /// <summary>An offer can be taken only while it is held: offered and not yet expired.</summary>
    public bool IsHeld(DateTime now) => Status == OfferStatus.Offered && ExpiresAt > now;

    public Result Accept(Guid appointmentId, DateTime now) => Finish(IsHeld(now), OfferStatus.Accepted, appointmentId);

    public Result Decline() => Finish(Status == OfferStatus.Offered, OfferStatus.Declined);

    /// <summary>Only a hold whose time has run out expires.</summary>
    public Result Expire(DateTime now) => Finish(Status == OfferStatus.Offered && ExpiresAt <= now, OfferStatus.Expired);

    /// <summary>Its patient booked what they waited for elsewhere: the time passes on at once (through the outbox).</summary>
    public Result Withdraw()
    {
        var ended = Finish(Status == OfferStatus.Offered, OfferStatus.Withdrawn);
        if (ended.IsSuccess)
        {
            Raise(new WaitlistOfferWithdrawn(Id, DoctorId, ClinicId, AppointmentViews.KindName(Kind), Start, End, BlockedFrom, BlockedUntil));
        }

        return ended;
    }

    private Result Finish(bool allowed, OfferStatus ending, Guid? appointmentId = null)
    {
        if (!allowed)
        {
            return Ended;
        }

        Status = ending;
        AppointmentId = appointmentId ?? AppointmentId;
        return Result.Success;
    }
}

/// <summary>A held offer was withdrawn (module-internal): its time goes to the next patient in line, after the withdrawing transaction commits.</summary>
internal sealed record WaitlistOfferWithdrawn(Guid OfferId, Guid DoctorId, Guid ClinicId, string Kind, DateTime Start, DateTime End, DateTime BlockedFrom,
    DateTime BlockedUntil) : IntegrationEvent, IDomainEvent;
