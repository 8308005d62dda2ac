using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Visits;

internal enum ConsultationRole { None, Patient, Doctor, PoolDoctor }

/// <summary>
/// Who may see a consultation: its patient, its doctor, and, while an on-demand request waits unaccepted,
/// the on-duty doctors it is offered to. Everyone else is told it does not exist.
/// </summary>
internal sealed class ConsultationAccess(ConsultationsDbContext db, ICurrentUser user)
{
    public async Task<(Consultation? Consultation, ConsultationRole Role)> FindAsync(Guid id, CancellationToken ct, bool track = true)
    {
        var me = user.RequireUserId();
        var query = track ? db.Consultations : db.Consultations.AsNoTracking();
        // Decide on the identifying columns first, so a stranger's request never loads (and audits) the record.
        var keys = await db.Consultations.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.PatientUserId, c.DoctorUserId, c.Status, c.Origin, c.Specialty, c.Escalated }).FirstOrDefaultAsync(ct);
        if (keys is null)
        {
            return (null, ConsultationRole.None);
        }

        var role = ConsultationRole.None;
        if (keys.PatientUserId == me && user.IsInRole(Roles.Patient))
        {
            role = ConsultationRole.Patient;
        }
        else if (user.IsInRole(Roles.Doctor) && keys.DoctorUserId == me)
        {
            role = ConsultationRole.Doctor;
        }
        else if (user.IsInRole(Roles.Doctor) && keys.DoctorUserId is null && keys.Status == ConsultationStatus.Waiting && keys.Origin == ConsultationOrigin.OnDemand)
        {
            var duty = await db.Duty.AsNoTracking().FirstOrDefaultAsync(d => d.DoctorUserId == me && d.OnDuty, ct);
            if (duty is not null && (keys.Escalated || duty.SpecialtyList.Contains(keys.Specialty, StringComparer.OrdinalIgnoreCase)))
            {
                role = ConsultationRole.PoolDoctor;
            }
        }

        return role == ConsultationRole.None ? (null, role) : (await query.FirstAsync(c => c.Id == id, ct), role);
    }

    /// <summary>For a doctor's late click: the on-demand request exists but another doctor has it now.</summary>
    public async Task<bool> WasTakenByAnotherDoctorAsync(Guid id, CancellationToken ct)
    {
        var me = user.RequireUserId();
        return user.IsInRole(Roles.Doctor) && await db.Consultations.AsNoTracking()
            .AnyAsync(c => c.Id == id && c.Origin == ConsultationOrigin.OnDemand && c.DoctorUserId != null && c.DoctorUserId != me, ct);
    }
}
