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
internal sealed class FhirPatientAccess(IDirectoryModule directory, IPatientRepresentation representation, ICareAccess care, AuditScope audit)
{
    /// <summary>Whether <paramref name="viewer"/> may see <paramref name="patientId"/>'s record; a refusal is audited.</summary>
    public async Task<bool> MaySeeAsync(FhirViewer viewer, Guid patientId, CancellationToken ct)
    {
        if (viewer.ScopedPatientId is { } scoped && scoped != patientId)
        {
            audit.RecordDenied("Patient", patientId, "outside the token's patient scope");
            return false;
        }

        if (viewer.IsPatient && await representation.ActsForAsync(viewer.UserId, patientId, ct))
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
    /// Records that staff who never see clinical data (front desk, admins, pharmacists) asked for patient data and got 403: the trail
    /// keeps every refused read, as on the REST API. <paramref name="ids"/> are the FHIR ids (or references) asked for; each one a FHIR id
    /// can be (at most 64 characters) is named, and a request that names none is recorded against <paramref name="recordType"/> alone.
    /// </summary>
    public void RecordStaffRefusal(string recordType, IEnumerable<string> ids)
    {
        var named = ids.Select(id => id[(id.LastIndexOf('/') + 1)..]).Where(id => id.Length is > 0 and <= MaxFhirIdLength).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count == 0)
        {
            audit.Record(AuditActions.AccessDenied, AuditOutcome.Denied, recordType, null, StaffRefusal);
        }

        foreach (var id in named)
        {
            audit.Record(AuditActions.AccessDenied, AuditOutcome.Denied, recordType, id, StaffRefusal);
        }
    }

    /// <summary>FHIR ids are 1–64 characters (R4 §2.24.0.1), which is also what the trail's record id holds.</summary>
    private const int MaxFhirIdLength = 64;

    private const string StaffRefusal = "staff without clinical access";

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
