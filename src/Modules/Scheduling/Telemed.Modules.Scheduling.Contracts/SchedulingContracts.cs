using Telemed.BuildingBlocks.Events;

namespace Telemed.Modules.Scheduling.Contracts;

/// <summary>A patient has an appointment with a doctor (the doctor thereby has a care relationship with the patient). Raised by the appointment itself.</summary>
public sealed record AppointmentBooked(Guid AppointmentId, Guid DoctorId, Guid DoctorUserId, Guid PatientId, Guid ClinicId, AppointmentKind Kind,
    DateTime Start, DateTime End) : IntegrationEvent, IDomainEvent
{
    /// <summary>Its handlers (notices, inbox, payment, care access) act on this appointment alone: kept in order per appointment.</summary>
    public override Guid? OrderingKey => AppointmentId;
}

/// <summary>An appointment's time was given up (cancelled or moved away from): the waitlist may offer it. Instants in UTC.</summary>
public sealed record AppointmentTimeFreed(Guid AppointmentId, Guid DoctorId, Guid ClinicId, AppointmentKind Kind, DateTime Start, DateTime End,
    DateTime BlockedFrom, DateTime BlockedUntil) : IntegrationEvent, IDomainEvent;

/// <summary>An open appointment moved from <c>PreviousStart</c> to <c>Start</c>..<c>End</c> (UTC); <c>Version</c> is the appointment's version after the move.</summary>
public sealed record AppointmentRescheduled(Guid AppointmentId, Guid DoctorId, Guid PatientId, Guid ClinicId, AppointmentKind Kind, DateTime PreviousStart,
    DateTime Start, DateTime End, int Version) : IntegrationEvent, IDomainEvent
{
    /// <summary>Its handlers (notices, inbox, payment, care access) act on this appointment alone: kept in order per appointment.</summary>
    public override Guid? OrderingKey => AppointmentId;
}

/// <summary>An open appointment was cancelled, by its patient (<c>ByPatient</c>) or by the clinic (front desk, doctor); <c>Late</c> when inside the clinic's cutoff.</summary>
public sealed record AppointmentCancelled(Guid AppointmentId, Guid DoctorId, Guid PatientId, Guid ClinicId, AppointmentKind Kind, DateTime Start, DateTime End,
    bool ByPatient, bool Late, int Version) : IntegrationEvent, IDomainEvent
{
    /// <summary>Its handlers (notices, inbox, payment, care access) act on this appointment alone: kept in order per appointment.</summary>
    public override Guid? OrderingKey => AppointmentId;
}

/// <summary>An open appointment's patient did not come: the visit did not take place (recorded by the front desk or the doctor after its start).</summary>
public sealed record AppointmentMarkedNoShow(Guid AppointmentId, Guid DoctorId, Guid PatientId, Guid ClinicId, DateTime Start, int Version) : IntegrationEvent, IDomainEvent
{
    /// <summary>Its handlers (care access) act on this appointment alone: kept in order per appointment.</summary>
    public override Guid? OrderingKey => AppointmentId;
}

public sealed record WeeklyRange(DayOfWeek Day, TimeOnly Start, TimeOnly End);

/// <summary>
/// An appointment as other modules see it (consultations start from it). <paramref name="UpdatedAt"/> is the latest recorded change
/// (UTC: booking, confirmation, check-in, completion or cancellation; a reschedule keeps no time of its own), when known.
/// </summary>
public sealed record AppointmentInfo(Guid AppointmentId, Guid DoctorId, Guid DoctorUserId, Guid PatientId, Guid PatientUserId, Guid ClinicId,
    string Kind, string Status, DateTime Start, DateTime End, DateTime? UpdatedAt = null);

/// <summary>
/// A demo visit to seed (host demo only): who, where, how, UTC <c>Start</c>..<c>End</c> (any time, past included) and the state it is
/// already in: <c>"booked"</c>, <c>"checkedIn"</c> or <c>"completed"</c>; <c>BookedBy</c> is the user id recorded as the booker.
/// </summary>
public sealed record DemoVisit(Guid DoctorId, Guid DoctorUserId, Guid PatientId, Guid PatientUserId, Guid ClinicId, AppointmentKind Kind,
    DateTime Start, DateTime End, string Status, Guid BookedBy);

/// <summary>
/// Which appointments to list (FHIR search): of any of <paramref name="PatientIds"/> (null: any patient) and/or of the doctor with user id
/// <paramref name="DoctorUserId"/>, starting in [<paramref name="FromUtc"/>, <paramref name="UntilUtc"/>) when given. At least one of the
/// patients or the doctor must be given.
/// </summary>
public sealed record AppointmentQuery(IReadOnlyCollection<Guid>? PatientIds, Guid? DoctorUserId, DateTime? FromUtc = null, DateTime? UntilUtc = null);

/// <summary>The scheduling module's facade for the host (demo seeding) and, later, consultations.</summary>
public interface ISchedulingModule
{
    /// <summary>Gives a doctor weekly hours at a clinic, unless they already have some there.</summary>
    Task EnsureWeeklyHoursAsync(Guid doctorId, Guid clinicId, IReadOnlyList<WeeklyRange> ranges, CancellationToken cancellationToken = default);

    Task<AppointmentInfo?> GetAppointmentAsync(Guid appointmentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the appointments matching <paramref name="query"/>, by start then id, and how many match in all. No access check: the
    /// caller narrows the query to what the asker may see. Each appointment loaded is audited as a PHI read. Throws
    /// <see cref="ArgumentException"/> when the query names neither patients nor a doctor.
    /// </summary>
    Task<(IReadOnlyList<AppointmentInfo> Items, int Total)> ListAppointmentsAsync(AppointmentQuery query, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the patient (profile id) has a completed in-person visit starting before <paramref name="beforeUtc"/> with any doctor
    /// of this installation — the "prior in-person visit" that Russian telemedicine rules (323-FZ art. 36.2) ask for.
    /// </summary>
    Task<bool> HasCompletedInPersonVisitAsync(Guid patientId, DateTime beforeUtc, CancellationToken cancellationToken = default);

    /// <summary>The patient has entered the online waiting room: the front desk sees them checked in.</summary>
    Task CheckInAsync(Guid appointmentId, CancellationToken cancellationToken = default);

    /// <summary>The online consultation ended: the appointment is completed.</summary>
    Task CompleteAsync(Guid appointmentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Demo seeding only, never reachable over HTTP: stores <paramref name="visit"/> as it is, deliberately bypassing the "not in the past"
    /// rule and the slot checks, and raising no events (no notices for visits that never happened); its free time is blocked as a booking's is.
    /// Returns the appointment id. Throws <see cref="ArgumentException"/> for an unknown status name.
    /// </summary>
    Task<Guid> SeedDemoVisitAsync(DemoVisit visit, CancellationToken cancellationToken = default);

    /// <summary>How many appointments start in <paramref name="fromUtc"/>..<paramref name="untilUtc"/> (UTC, end exclusive); only completed ones when <paramref name="completedOnly"/>.</summary>
    Task<int> CountAppointmentsAsync(DateTime fromUtc, DateTime untilUtc, bool completedOnly = false, CancellationToken cancellationToken = default);
}
