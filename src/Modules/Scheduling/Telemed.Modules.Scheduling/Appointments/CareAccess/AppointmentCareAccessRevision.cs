using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Ids;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Appointments.CareAccess;

/// <summary>
/// Works a doctor's access from appointments with one patient out again from the current state and sets it exactly
/// (<see cref="ICareAccess.SetUntilAsync"/>): until 30 days after the last of the pair's visits that still stands
/// (<see cref="AppointmentCareAccessRule"/>), ended now when none stands. Idempotent: the same state gives the same end.
/// </summary>
internal sealed class AppointmentCareAccessRevision(SchedulingDbContext db, ICareAccess care)
{
    /// <summary>Revises the <c>appointment</c> relationship of the doctor (user id) with the patient (directory patient id); other kinds are untouched.</summary>
    public async Task ReviseAsync(Guid doctorUserId, Guid patientId, CancellationToken cancellationToken)
    {
        var visits = await db.Appointments.AsNoTracking().Where(a => a.DoctorUserId == doctorUserId && a.PatientId == patientId)
            .Select(a => new { a.Status, a.End }).ToListAsync(cancellationToken);
        var until = AppointmentCareAccessRule.AccessLastsUntilThirtyDaysAfterTheLastStandingVisit(visits.Select(v => (v.Status, v.End)));
        await care.SetUntilAsync(new UserId(doctorUserId), new PatientId(patientId), CareRelationshipKind.Appointment, until, cancellationToken);
    }
}
