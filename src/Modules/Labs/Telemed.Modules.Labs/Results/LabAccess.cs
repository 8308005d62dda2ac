using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Ids;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Labs.Orders;

namespace Telemed.Modules.Labs.Results;

/// <summary>
/// Who may see a lab order or report. The ordering doctor always; another doctor only with care access to the patient
/// (a break-glass grant flags the audit entries); the patient (or their guardian) only a released report, and their own
/// orders; everyone else — front desk, admins, pharmacists, other patients — is told 404 <c>labs.not_found</c>, and the
/// refusal is audited. Allowed reads are audited as PHI reads.
/// </summary>
internal sealed class LabAccess(ICurrentUser user, ICareAccess care, IPatientRepresentation representation, AuditScope audit)
{
    /// <summary>Whether the signed-in doctor may see <paramref name="patientId"/>'s labs ordered by <paramref name="orderingDoctorUserId"/>.</summary>
    public async Task<bool> DoctorMaySeeAsync(Guid orderingDoctorUserId, Guid patientId, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Doctor))
        {
            return false;
        }

        var me = user.RequireUserId();
        if (me == orderingDoctorUserId)
        {
            return true;
        }

        var decision = await care.CheckAsync(new UserId(me), new PatientId(patientId), ct);
        if (decision is { Allowed: true, ViaBreakGlass: true, BreakGlassReason: { } reason })
        {
            audit.MarkBreakGlass(reason);
        }

        return decision.Allowed;
    }

    /// <summary>Whether the signed-in user is the patient (or the patient's guardian).</summary>
    public async Task<bool> IsThePatientAsync(Guid patientId, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Patient))
        {
            return false;
        }

        var me = user.RequireUserId();
        return await representation.ActsForAsync(me, patientId, ct);
    }

    /// <summary>A report for a doctor: allowed → audited read and true; otherwise audited refusal and false.</summary>
    public async Task<bool> DoctorReadsAsync(LabReport report, CancellationToken ct)
    {
        if (await DoctorMaySeeAsync(report.DoctorUserId, report.PatientId, ct))
        {
            audit.RecordPhiAccess(AuditActions.PhiRead, LabReport.AuditType, report.Id);
            return true;
        }

        audit.RecordDenied(LabReport.AuditType, report.Id, "no care access");
        return false;
    }

    /// <summary>An order for its patient: allowed → audited read; otherwise audited refusal.</summary>
    public async Task<bool> PatientReadsOrderAsync(LabOrder order, CancellationToken ct)
    {
        if (await IsThePatientAsync(order.PatientId, ct))
        {
            audit.RecordPhiAccess(AuditActions.PhiRead, LabOrder.AuditType, order.Id);
            return true;
        }

        audit.RecordDenied(LabOrder.AuditType, order.Id, "not the patient's order");
        return false;
    }

    public void Denied(string recordType, Guid id, string why) => audit.RecordDenied(recordType, id, why);

    public void Read(string recordType, Guid id) => audit.RecordPhiAccess(AuditActions.PhiRead, recordType, id);
}
