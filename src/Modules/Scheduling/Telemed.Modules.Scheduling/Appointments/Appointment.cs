using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Scheduling.Appointments;

public enum AppointmentStatus { Booked, Confirmed, CheckedIn, Completed, Cancelled, NoShow }

/// <summary>The time blocks an appointment held (UTC, granule-aligned, including buffers); empty when it held none.</summary>
internal readonly record struct BlockedRange(DateTime From, DateTime Until);

/// <summary>
/// A booked visit. Its life: booked → confirmed → checked in → completed, with cancelled and no-show
/// as the other endings. Reschedule returns an open appointment to booked at a new time. Who a patient
/// sees and when is itself protected information, so reads and writes are audited.
/// <para>The appointment guards its own transitions (<see cref="AppointmentRules"/>), counts its own
/// <see cref="Version"/> (every change bumps it; it is the concurrency token and the calendar SEQUENCE), and raises
/// <see cref="AppointmentBooked"/>, <see cref="AppointmentRescheduled"/>, <see cref="AppointmentCancelled"/> and
/// <see cref="AppointmentTimeFreed"/>, which the module's DbContext puts in the outbox with the change.</para>
/// </summary>
internal sealed class Appointment : AggregateRoot, IPhiRecord
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid DoctorId { get; init; }
    public Guid DoctorUserId { get; init; }
    public Guid PatientId { get; init; }
    public Guid PatientUserId { get; init; }
    public Guid ClinicId { get; init; }
    public AppointmentKind Kind { get; init; }
    public DateTime Start { get; private set; }
    public DateTime End { get; private set; }
    public AppointmentStatus Status { get; private set; } = AppointmentStatus.Booked;
    public Guid BookedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ConfirmedAt { get; private set; }
    public DateTime? CheckedInAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public DateTime? CancelledAt { get; private set; }
    /// <summary>The reason a person gave for cancelling (free text, encrypted); null when the system cancelled with a <see cref="CancellationCode"/>.</summary>
    public string? CancellationReason { get; private set; }

    /// <summary>A reason the system gave (<see cref="CancellationCodes"/>), worded in the reader's language when shown; null for a person's cancellation.</summary>
    public string? CancellationCode { get; private set; }
    public bool LateCancellation { get; private set; }
    public int Version { get; private set; }

    public string AuditRecordType => "Appointment";
    public Guid AuditRecordId => Id;
    public Guid? AuditPatientId => PatientId;

    public static Error InvalidTransition(AppointmentStatus from, string action) =>
        Error.Conflict("scheduling.invalid_transition", $"A {Describe(from)} appointment cannot be {action}.");

    public bool IsOpen => Status is AppointmentStatus.Booked or AppointmentStatus.Confirmed;

    private string KindName => AppointmentViews.KindName(Kind);

    /// <summary>Books <paramref name="start"/>..<paramref name="end"/> (UTC) and raises <see cref="AppointmentBooked"/>. Errors: <c>scheduling.in_the_past</c>, <c>scheduling.empty_time</c>.</summary>
    public static Result<Appointment> Book(Guid doctorId, Guid doctorUserId, Guid patientId, Guid patientUserId, Guid clinicId, AppointmentKind kind,
        DateTime start, DateTime end, Guid bookedBy, DateTime now)
    {
        if ((AppointmentRules.AppointmentCannotBeBookedInThePast(start, now) ?? AppointmentRules.AppointmentMustEndAfterItStarts(start, end)) is { } broken)
        {
            return broken;
        }

        var appointment = new Appointment
        {
            DoctorId = doctorId, DoctorUserId = doctorUserId, PatientId = patientId, PatientUserId = patientUserId, ClinicId = clinicId, Kind = kind,
            Start = start, End = end, BookedBy = bookedBy, CreatedAt = now,
        };
        appointment.Raise(new AppointmentBooked(appointment.Id, doctorId, doctorUserId, patientId, clinicId, kind, start, end));
        return appointment;
    }

    /// <summary>
    /// Demo seeding only (<see cref="ISchedulingModule.SeedDemoVisitAsync"/>): an appointment at any time, past included, already in
    /// <paramref name="status"/> (booked, checked in or completed). It deliberately skips the "not in the past" rule and raises no
    /// events, so nobody is notified of visits that never happened.
    /// </summary>
    internal static Appointment SeededForDemo(Guid doctorId, Guid doctorUserId, Guid patientId, Guid patientUserId, Guid clinicId, AppointmentKind kind,
        DateTime start, DateTime end, AppointmentStatus status, Guid bookedBy, DateTime createdAt) => new()
    {
        DoctorId = doctorId, DoctorUserId = doctorUserId, PatientId = patientId, PatientUserId = patientUserId, ClinicId = clinicId, Kind = kind,
        Start = start, End = end, BookedBy = bookedBy, CreatedAt = createdAt, Status = status,
        ConfirmedAt = status == AppointmentStatus.Booked ? null : createdAt,
        CheckedInAt = status is AppointmentStatus.CheckedIn or AppointmentStatus.Completed ? start : null,
        CompletedAt = status == AppointmentStatus.Completed ? end : null,
    };

    /// <summary>Confirming twice is harmless (a second tap on a link); anything but a booked appointment is refused.</summary>
    public Result Confirm(DateTime now)
    {
        if (Status == AppointmentStatus.Confirmed)
        {
            return Result.Success;
        }

        if (Status != AppointmentStatus.Booked)
        {
            return InvalidTransition(Status, "confirmed");
        }

        Status = AppointmentStatus.Confirmed;
        ConfirmedAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>
    /// Moves an open appointment to a new time (UTC), back to booked (the patient confirms again), and raises
    /// <see cref="AppointmentTimeFreed"/> for the time it gave up (<paramref name="freed"/>) and <see cref="AppointmentRescheduled"/>.
    /// </summary>
    public Result Reschedule(DateTime start, DateTime end, DateTime now, BlockedRange freed)
    {
        if ((AppointmentRules.OnlyAnOpenAppointmentCanChange(Status, "rescheduled") ?? AppointmentRules.AppointmentCannotBeBookedInThePast(start, now)
            ?? AppointmentRules.AppointmentMustEndAfterItStarts(start, end)) is { } broken)
        {
            return broken;
        }

        var previous = (Start, End);
        Start = start;
        End = end;
        Status = AppointmentStatus.Booked;
        ConfirmedAt = null;
        Version++;
        Raise(new AppointmentTimeFreed(Id, DoctorId, ClinicId, Kind, previous.Start, previous.End, freed.From, freed.Until));
        Raise(new AppointmentRescheduled(Id, DoctorId, PatientId, ClinicId, Kind, previous.Start, Start, End, Version));
        return Result.Success;
    }

    /// <summary>
    /// Cancels an open appointment; inside the clinic's cutoff the cancellation is recorded as late, unless it comes within
    /// <see cref="AppointmentRules.CancellationGraceAfterBooking"/> of the booking. Raises
    /// <see cref="AppointmentTimeFreed"/> (for the waitlist) and <see cref="AppointmentCancelled"/> (for the patient's notice).
    /// The ground is a person's <paramref name="reason"/> or, when the system cancels, a <paramref name="code"/> from
    /// <see cref="CancellationCodes"/> (then the reason is not stored).
    /// </summary>
    public Result Cancel(string reason, DateTime now, TimeSpan cutoff, BlockedRange freed = default, bool byPatient = false, string? code = null)
    {
        if (AppointmentRules.OnlyAnOpenAppointmentCanChange(Status, "cancelled") is { } broken)
        {
            return broken;
        }

        Status = AppointmentStatus.Cancelled;
        CancelledAt = now;
        CancellationReason = code is null ? reason.Trim() : null;
        CancellationCode = code;
        LateCancellation = AppointmentRules.CancellationIsLate(Start, CreatedAt, now, cutoff);
        Version++;
        Raise(new AppointmentTimeFreed(Id, DoctorId, ClinicId, Kind, Start, End, freed.From, freed.Until));
        Raise(new AppointmentCancelled(Id, DoctorId, PatientId, ClinicId, Kind, Start, End, byPatient, LateCancellation, Version));
        return Result.Success;
    }

    public Result CheckIn(DateTime now)
    {
        if (AppointmentRules.OnlyAnOpenAppointmentCanChange(Status, "checked in") is { } broken)
        {
            return broken;
        }

        Status = AppointmentStatus.CheckedIn;
        CheckedInAt = now;
        Version++;
        return Result.Success;
    }

    public Result Complete(DateTime now)
    {
        if (Status != AppointmentStatus.CheckedIn)
        {
            return InvalidTransition(Status, "completed");
        }

        Status = AppointmentStatus.Completed;
        CompletedAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>A no-show can only be recorded once the appointment has begun; raises <see cref="AppointmentMarkedNoShow"/> (care access).</summary>
    public Result MarkNoShow(DateTime now)
    {
        if ((AppointmentRules.OnlyAnOpenAppointmentCanChange(Status, "marked as a no-show") ?? AppointmentRules.NoShowCanOnlyBeRecordedAfterTheStart(Start, now)) is { } broken)
        {
            return broken;
        }

        Status = AppointmentStatus.NoShow;
        Version++;
        Raise(new AppointmentMarkedNoShow(Id, DoctorId, PatientId, ClinicId, Start, Version));
        return Result.Success;
    }

    /// <summary>Not checked in ten minutes after the start.</summary>
    public bool IsLate(DateTime now) => IsOpen && AppointmentRules.PatientIsLateTenMinutesAfterTheStart(Start, now);

    private static string Describe(AppointmentStatus status) => status switch
    {
        AppointmentStatus.CheckedIn => "checked-in",
        AppointmentStatus.NoShow => "no-show",
        _ => status.ToString().ToLowerInvariant(),
    };
}
