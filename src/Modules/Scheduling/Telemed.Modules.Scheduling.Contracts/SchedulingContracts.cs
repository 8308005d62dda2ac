using Telemed.BuildingBlocks.Events;

namespace Telemed.Modules.Scheduling.Contracts;

/// <summary>A patient has an appointment with a doctor (the doctor thereby has a care relationship with the patient).</summary>
public sealed record AppointmentBooked(Guid AppointmentId, Guid DoctorId, Guid DoctorUserId, Guid PatientId, Guid ClinicId, string Kind,
    DateTime Start, DateTime End) : IntegrationEvent;

/// <summary>An appointment's time was given up (cancelled or moved away from): the waitlist may offer it.</summary>
public sealed record AppointmentTimeFreed(Guid AppointmentId, Guid DoctorId, Guid ClinicId, string Kind, DateTime Start, DateTime End,
    DateTime BlockedFrom, DateTime BlockedUntil) : IntegrationEvent;

public sealed record WeeklyRange(DayOfWeek Day, TimeOnly Start, TimeOnly End);

/// <summary>An appointment as other modules see it (consultations start from it).</summary>
public sealed record AppointmentInfo(Guid AppointmentId, Guid DoctorId, Guid DoctorUserId, Guid PatientId, Guid PatientUserId, Guid ClinicId,
    string Kind, string Status, DateTime Start, DateTime End);

/// <summary>The scheduling module's facade for the host (demo seeding) and, later, consultations.</summary>
public interface ISchedulingModule
{
    /// <summary>Gives a doctor weekly hours at a clinic, unless they already have some there.</summary>
    Task EnsureWeeklyHoursAsync(Guid doctorId, Guid clinicId, IReadOnlyList<WeeklyRange> ranges, CancellationToken cancellationToken = default);

    Task<AppointmentInfo?> GetAppointmentAsync(Guid appointmentId, CancellationToken cancellationToken = default);

    /// <summary>The patient has entered the online waiting room: the front desk sees them checked in.</summary>
    Task CheckInAsync(Guid appointmentId, CancellationToken cancellationToken = default);

    /// <summary>The online consultation ended: the appointment is completed.</summary>
    Task CompleteAsync(Guid appointmentId, CancellationToken cancellationToken = default);
}
