using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Ids;
using Telemed.BuildingBlocks.Results;
using Telemed.BuildingBlocks.Storage;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Records.Contracts;
using Telemed.Modules.Records.Infrastructure;

namespace Telemed.Modules.Records.Documents.Read;

/// <summary>
/// A patient's shared documents for a doctor, before and during the visit (the consultation page calls this): those shared with
/// the care team when the doctor has a care relationship (or break-glass, flagged in the audit), and those shared with the
/// doctor by name. Only documents that passed the scan. Anyone else (another patient, front desk, admin, an unrelated doctor)
/// gets 404 records.patient_not_found / records.document_not_found and the refusal is audited.
/// </summary>
internal static class PatientDocumentsForDoctor
{
    private static readonly Error PatientNotFound = new("records.patient_not_found", "There is no such patient.", ErrorKind.NotFound);
    private const string PatientRecordType = "PatientRecord";

    /// <summary>GET /patients/{patientId}/record/documents.</summary>
    public static async Task<Results<Ok<IReadOnlyList<DocumentView>>, ProblemHttpResult>> ListAsync(Guid patientId, ICurrentUser user, RecordsDbContext db,
        ICareAccess care, AuditScope audit, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Doctor))
        {
            audit.RecordDenied(PatientRecordType, patientId, "not a doctor");
            return Problems.From(PatientNotFound);
        }

        var me = user.RequireUserId();
        var access = await care.CheckAsync(new UserId(me), new PatientId(patientId), ct);
        var candidates = await db.Documents.AsNoTracking().Where(d => d.PatientId == patientId && d.Status == DocumentStatuses.Available
                && ((d.Sharing == DocumentSharing.Doctor && d.SharedWithDoctorUserId == me) || (access.Allowed && d.Sharing == DocumentSharing.CareTeam)))
            .ToListAsync(ct);
        if (!access.Allowed && candidates.Count == 0)
        {
            audit.RecordDenied(PatientRecordType, patientId, "no care relationship");
            return Problems.From(PatientNotFound);
        }

        return TypedResults.Ok<IReadOnlyList<DocumentView>>([.. candidates.OrderByDescending(d => d.DocumentDate).ThenByDescending(d => d.UploadedAt).Select(DocumentView.ForDoctor)]);
    }

    /// <summary>GET /patients/{patientId}/record/documents/{id}/content.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ContentAsync(Guid patientId, Guid id, ICurrentUser user, RecordsDbContext db,
        ICareAccess care, IFileStore files, AuditScope audit, CancellationToken ct)
    {
        var keys = await db.Documents.AsNoTracking().Where(d => d.Id == id && d.PatientId == patientId)
            .Select(d => new { d.Status, d.Sharing, d.SharedWithDoctorUserId }).FirstOrDefaultAsync(ct);
        if (keys is null)
        {
            return Problems.From(DocumentErrors.NotFound);
        }

        var me = user.RequireUserId();
        var namedDoctor = keys.Sharing == DocumentSharing.Doctor && keys.SharedWithDoctorUserId == me;
        var careTeam = keys.Sharing == DocumentSharing.CareTeam && (await care.CheckAsync(new UserId(me), new PatientId(patientId), ct)).Allowed;
        // Quarantined and rejected files are not shared with anyone but the patient: they read as unknown.
        if (!user.IsInRole(Roles.Doctor) || keys.Status != DocumentStatuses.Available || !(namedDoctor || careTeam))
        {
            audit.RecordDenied(PatientDocument.RecordType, id, "not shared with this user");
            return Problems.From(DocumentErrors.NotFound);
        }

        var document = await db.Documents.AsNoTracking().FirstAsync(d => d.Id == id, ct);
        return await DocumentFiles.ServeAsync(document, files, ct);
    }
}
