using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.Availability;

namespace Telemed.Modules.Scheduling.Appointments;

public enum AppointmentStatus { Booked, Confirmed, CheckedIn, Completed, Cancelled, NoShow }

/// <summary>
/// A booked visit. Its life: booked → confirmed → checked in → completed, with cancelled and no-show
/// as the other endings. Reschedule returns an open appointment to booked at a new time. Who a patient
/// sees and when is itself protected information, so reads and writes are audited.
/// </summary>
internal sealed class Appointment : IPhiRecord
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
    public string? CancellationReason { get; private set; }
    public bool LateCancellation { get; private set; }
    public int Version { get; set; }

    public string AuditRecordType => "Appointment";
    public Guid AuditRecordId => Id;

    public static Error InvalidTransition(AppointmentStatus from, string action) =>
        Error.Conflict("scheduling.invalid_transition", $"A {Describe(from)} appointment cannot be {action}.");

    public bool IsOpen => Status is AppointmentStatus.Booked or AppointmentStatus.Confirmed;

    public static Appointment Book(Guid doctorId, Guid doctorUserId, Guid patientId, Guid patientUserId, Guid clinicId, AppointmentKind kind,
        DateTime start, DateTime end, Guid bookedBy, DateTime now) => new()
    {
        DoctorId = doctorId, DoctorUserId = doctorUserId, PatientId = patientId, PatientUserId = patientUserId, ClinicId = clinicId, Kind = kind,
        Start = start, End = end, BookedBy = bookedBy, CreatedAt = now,
    };

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
        return Result.Success;
    }

    public Result Reschedule(DateTime start, DateTime end)
    {
        if (!IsOpen)
        {
            return InvalidTransition(Status, "rescheduled");
        }

        Start = start;
        End = end;
        Status = AppointmentStatus.Booked;
        ConfirmedAt = null;
        return Result.Success;
    }

    /// <summary>Cancels; inside the clinic's cutoff the cancellation is recorded as late (it counts, like a no-show, in the clinic's statistics).</summary>
    public Result Cancel(string reason, DateTime now, TimeSpan cutoff)
    {
        if (!IsOpen)
        {
            return InvalidTransition(Status, "cancelled");
        }

        Status = AppointmentStatus.Cancelled;
        CancelledAt = now;
        CancellationReason = reason.Trim();
        LateCancellation = Start - now < cutoff;
        return Result.Success;
    }

    public Result CheckIn(DateTime now)
    {
        if (!IsOpen)
        {
            return InvalidTransition(Status, "checked in");
        }

        Status = AppointmentStatus.CheckedIn;
        CheckedInAt = now;
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
        return Result.Success;
    }

    /// <summary>A no-show can only be recorded once the appointment has begun.</summary>
    public Result MarkNoShow(DateTime now)
    {
        if (!IsOpen)
        {
            return InvalidTransition(Status, "marked as a no-show");
        }

        if (now < Start)
        {
            return Error.Conflict("scheduling.not_started", "A no-show can be recorded only after the appointment's start time.");
        }

        Status = AppointmentStatus.NoShow;
        return Result.Success;
    }

    /// <summary>Not checked in ten minutes after the start.</summary>
    public bool IsLate(DateTime now) => IsOpen && now > Start.AddMinutes(10);

    private static string Describe(AppointmentStatus status) => status switch
    {
        AppointmentStatus.CheckedIn => "checked-in",
        AppointmentStatus.NoShow => "no-show",
        _ => status.ToString().ToLowerInvariant(),
    };
}
