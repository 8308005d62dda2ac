using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Storage;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Records.Infrastructure;

namespace Telemed.Modules.Records.Documents.Read;

/// <summary>
/// The patient's own documents: the list (every status, newest document date first), the file of one that passed the scan,
/// and changing or withdrawing its sharing. Each takes an optional <c>?patientId=</c>: absent, the caller's own record; a
/// dependant's id, that record, for the child's guardian (<see cref="RecordSubject"/>). A patient the caller does not act for is
/// refused as an unknown one (audited), and a document of any record but the one asked for answers records.document_not_found
/// (audited): a guardian names the child to open the child's document. Every document row read is a phi.read by the caller.
/// </summary>
internal static class MyDocuments
{
    /// <summary>
    /// GET /me/record/documents?patientId=: every document of the record, with its scan status and sharing; empty for an account
    /// without a patient record that names none; 404 records.patient_not_found for a patient the caller does not act for.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<DocumentView>>, ProblemHttpResult>> ListAsync(Guid? patientId, ICurrentUser user, RecordsDbContext db,
        IPatientRepresentation representation, CancellationToken ct)
    {
        if (await representation.ActingForAsync(user.RequireUserId(), patientId, ct) is not { } subject)
        {
            return patientId is null ? TypedResults.Ok<IReadOnlyList<DocumentView>>([]) : Problems.From(RecordSubject.PatientNotFound);
        }

        var documents = await db.Documents.AsNoTracking().Where(d => d.PatientId == subject).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<DocumentView>>([.. documents.OrderByDescending(d => d.DocumentDate).ThenByDescending(d => d.UploadedAt).Select(DocumentView.ForPatient)]);
    }

    /// <summary>
    /// GET /me/record/documents/{id}/content?patientId=: the file; 409 records.document_pending_scan, 410 records.document_rejected,
    /// 404 records.document_not_found (also for a patient the caller does not act for).
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ContentAsync(Guid id, Guid? patientId, ICurrentUser user, RecordsDbContext db,
        IPatientRepresentation representation, IFileStore files, AuditScope audit, CancellationToken ct)
    {
        var document = await FindOwnAsync(id, patientId, user, db, representation, audit, track: false, ct);
        if (document is null)
        {
            return Problems.From(DocumentErrors.NotFound);
        }

        return await DocumentFiles.ServeAsync(document, files, ct);
    }

    /// <summary>
    /// PUT /me/record/documents/{id}/sharing?patientId=: share with the care team, one doctor, or nobody. Errors: records.invalid_sharing,
    /// records.document_not_found (also for a patient the caller does not act for).
    /// </summary>
    public static async Task<Results<Ok<DocumentView>, ProblemHttpResult>> ChangeSharingAsync(Guid id, Guid? patientId, ChangeSharingRequest body, ICurrentUser user,
        RecordsDbContext db, IDirectoryModule directory, IPatientRepresentation representation, AuditScope audit, CancellationToken ct)
    {
        var share = await SharingRules.ResolveAsync(body.Sharing, body.DoctorUserId, directory, ct);
        if (share is null)
        {
            return Problems.From(DocumentErrors.InvalidSharing);
        }

        var document = await FindOwnAsync(id, patientId, user, db, representation, audit, track: true, ct);
        if (document is null)
        {
            return Problems.From(DocumentErrors.NotFound);
        }

        document.ShareAs(share);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(DocumentView.ForPatient(document));
    }

    /// <summary>
    /// The document <paramref name="id"/> when it belongs to the record asked for (<paramref name="patientId"/>, or the caller's own);
    /// null otherwise. Who is asking is checked on every call: a refused patient is audited by the directory, another record's
    /// document here.
    /// </summary>
    private static async Task<PatientDocument?> FindOwnAsync(Guid id, Guid? patientId, ICurrentUser user, RecordsDbContext db, IPatientRepresentation representation,
        AuditScope audit, bool track, CancellationToken ct)
    {
        var subject = await representation.ActingForAsync(user.RequireUserId(), patientId, ct);
        if (subject is null && patientId is not null)
        {
            return null;
        }

        // The owner is checked before the row is loaded, so a refused read never materialises (and never audits as a read).
        var owner = await db.Documents.AsNoTracking().Where(d => d.Id == id).Select(d => (Guid?)d.PatientId).FirstOrDefaultAsync(ct);
        if (owner is null)
        {
            return null;
        }

        if (owner != subject)
        {
            audit.RecordDenied(PatientDocument.RecordType, id, "not the patient's document");
            return null;
        }

        var query = track ? db.Documents : db.Documents.AsNoTracking();
        return await query.FirstAsync(d => d.Id == id, ct);
    }
}

/// <summary>Serving a document's bytes: only once the scanner said clean.</summary>
internal static class DocumentFiles
{
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ServeAsync(PatientDocument document, IFileStore files, CancellationToken ct)
    {
        if (document.Status == Contracts.DocumentStatuses.PendingScan)
        {
            return Problems.From(DocumentErrors.PendingScan);
        }

        if (!document.IsReadable)
        {
            return Problems.From(DocumentErrors.Rejected);
        }

        var content = await files.ReadAsync(document.StorageKey, ct);
        return content is null ? Problems.From(DocumentErrors.NotFound) : TypedResults.File(content, document.ContentType, document.FileName);
    }
}
