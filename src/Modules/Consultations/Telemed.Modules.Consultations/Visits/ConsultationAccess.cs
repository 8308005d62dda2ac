using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.OnCall;

namespace Telemed.Modules.Consultations.Visits;

internal enum ConsultationRole { None, Patient, Doctor, PoolDoctor }

/// <summary>
/// Who may see a consultation: its patient, its doctor, and, while an on-demand request waits unaccepted,
/// the on-duty doctors it is offered to. Everyone else is told it does not exist (the same answer as for an
/// unknown id), and the refusal of an existing record is recorded in the audit trail as denied.
/// </summary>
internal sealed class ConsultationAccess(ConsultationsDbContext db, ICurrentUser user, AuditScope audit)
{
    public const string RecordType = "Consultation";

    /// <summary>The consultation and the caller's role in it; (null, None) when it is unknown or not theirs (denial audited).</summary>
    public async Task<(Consultation? Consultation, ConsultationRole Role)> FindAsync(Guid id, CancellationToken ct, bool track = true)
    {
        var role = await RoleOfAsync(id, ct);
        if (role is null)
        {
            return (null, ConsultationRole.None);
        }

        if (role == ConsultationRole.None)
        {
            audit.RecordDenied(RecordType, id, "not a participant");
            return (null, ConsultationRole.None);
        }

        var query = track ? db.Consultations : db.Consultations.AsNoTracking();
        return (await query.FirstAsync(c => c.Id == id, ct), role.Value);
    }

    /// <summary>
    /// The consultation when the caller holds one of <paramref name="roles"/> in it; otherwise null, exactly as for an
    /// unknown id, with the refusal audited (a participant asking for what their role may not do is refused too).
    /// </summary>
    public async Task<(Consultation? Consultation, ConsultationRole Role)> FindAsAsync(Guid id, ConsultationRole[] roles, CancellationToken ct, bool track = true)
    {
        var role = await RoleOfAsync(id, ct);
        if (role is null)
        {
            return (null, ConsultationRole.None);
        }

        if (!roles.Contains(role.Value))
        {
            audit.RecordDenied(RecordType, id, role == ConsultationRole.None ? "not a participant" : "not allowed for this role");
            return (null, ConsultationRole.None);
        }

        var query = track ? db.Consultations : db.Consultations.AsNoTracking();
        return (await query.FirstAsync(c => c.Id == id, ct), role.Value);
    }

    /// <summary>Null when there is no such consultation. Decided on the identifying columns, so a stranger's request never loads the record.</summary>
    private async Task<ConsultationRole?> RoleOfAsync(Guid id, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var keys = await db.Consultations.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.PatientUserId, c.DoctorUserId, c.Status, c.Origin, c.Specialty, c.Escalated }).FirstOrDefaultAsync(ct);
        if (keys is null)
        {
            return null;
        }

        if (keys.PatientUserId == me && user.IsInRole(Roles.Patient))
        {
            return ConsultationRole.Patient;
        }

        if (user.IsInRole(Roles.Doctor) && keys.DoctorUserId == me)
        {
            return ConsultationRole.Doctor;
        }

        if (user.IsInRole(Roles.Doctor) && keys.DoctorUserId is null && keys.Status == ConsultationStatus.Waiting && keys.Origin == ConsultationOrigin.OnDemand)
        {
            var duty = await db.Duty.AsNoTracking().FirstOrDefaultAsync(d => d.DoctorUserId == me && d.OnDuty, ct);
            if (duty is not null && DutyStatus.CanTake(duty.SpecialtyList, keys.Specialty))
            {
                return ConsultationRole.PoolDoctor;
            }
        }

        return ConsultationRole.None;
    }
}
