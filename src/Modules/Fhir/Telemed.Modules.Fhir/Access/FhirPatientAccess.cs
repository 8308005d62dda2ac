using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Ids;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Fhir.Access;

/// <summary>
/// The same rules as the REST API for whose record a FHIR client may see: a patient their own and their dependants'
/// (a child on their account), a doctor a patient they have a care relationship with or a break-glass grant for (flagged in
/// the audit trail by <see cref="ICareAccess"/>), nobody else (front desk, admins, pharmacists, other patients). A token
/// scoped to one patient narrows all of that to that patient. Refusals are audited as <c>access.denied</c>.
/// </summary>
internal sealed class FhirPatientAccess(IDirectoryModule directory, ICareAccess care, AuditScope audit)
{
    /// <summary>Whether <paramref name="viewer"/> may see <paramref name="patientId"/>'s record; a refusal is audited.</summary>
    public async Task<bool> MaySeeAsync(FhirViewer viewer, Guid patientId, CancellationToken ct)
    {
        if (viewer.ScopedPatientId is { } scoped && scoped != patientId)
        {
            audit.RecordDenied("Patient", patientId, "outside the token's patient scope");
            return false;
        }

        if (viewer.IsPatient && (await directory.FindPatientIdAsync(viewer.UserId, ct) == patientId
            || await directory.IsGuardianOfAsync(viewer.UserId, patientId, ct)))
        {
            return true;
        }

        if (viewer.IsDoctor)
        {
            // Records its own denial (no care relationship) and flags break-glass access.
            return (await care.CheckAsync(new UserId(viewer.UserId), new PatientId(patientId), ct)).Allowed;
        }

        audit.RecordDenied("Patient", patientId, "not the patient or a treating doctor");
        return false;
    }

    /// <summary>
    /// The patients whose records a search without a <c>patient</c> parameter covers: the token's patient if scoped (when
    /// allowed), else the patient's own record, else the doctor's patients with a current care relationship; none for anyone else.
    /// </summary>
    public async Task<IReadOnlyCollection<Guid>> DefaultPatientsAsync(FhirViewer viewer, CancellationToken ct)
    {
        if (viewer.ScopedPatientId is { } scoped)
        {
            return await MaySeeAsync(viewer, scoped, ct) ? [scoped] : [];
        }

        if (viewer.IsPatient && await directory.FindPatientIdAsync(viewer.UserId, ct) is { } own)
        {
            return [own];
        }

        if (viewer.IsDoctor)
        {
            // Break-glass patients only when named (patient=...): that check flags the access in the trail, a blanket search would not.
            return (await care.PatientsOfAsync(new UserId(viewer.UserId), ct)).Where(r => r.Relationship != "break-glass").Select(r => r.PatientId).Distinct().ToList();
        }

        return [];
    }
}
