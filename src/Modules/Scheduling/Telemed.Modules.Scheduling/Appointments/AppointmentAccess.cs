using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Appointments;

internal enum AppointmentRole { None, Patient, Doctor, FrontDesk }

/// <summary>Who may see or act on an appointment: its patient, its doctor, or the front desk. Anyone else is told it does not exist.</summary>
internal sealed class AppointmentAccess(SchedulingDbContext db, ICurrentUser user)
{
    public bool IsStaffViewer => user.IsInRole(Roles.FrontDesk) || user.IsInRole(Roles.Doctor);

    public AppointmentRole RoleIn(Appointment appointment)
    {
        var me = user.RequireUserId();
        if (user.IsInRole(Roles.Patient) && appointment.PatientUserId == me)
        {
            return AppointmentRole.Patient;
        }

        if (user.IsInRole(Roles.Doctor) && appointment.DoctorUserId == me)
        {
            return AppointmentRole.Doctor;
        }

        return user.IsInRole(Roles.FrontDesk) ? AppointmentRole.FrontDesk : AppointmentRole.None;
    }

    public async Task<(Appointment? Appointment, AppointmentRole Role)> FindAsync(Guid id, CancellationToken ct)
    {
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (appointment is null)
        {
            return (null, AppointmentRole.None);
        }

        var role = RoleIn(appointment);
        return role == AppointmentRole.None ? (null, role) : (appointment, role);
    }
}
