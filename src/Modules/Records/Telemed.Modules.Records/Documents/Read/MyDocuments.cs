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
/// and changing or withdrawing its sharing. Another patient's document id answers records.document_not_found (audited).
/// </summary>
internal static class MyDocuments
{
    /// <summary>GET /me/record/documents: every document of the signed-in patient, with its scan status and sharing.</summary>
    public static async Task<Ok<IReadOnlyList<DocumentView>>> ListAsync(ICurrentUser user, RecordsDbContext db, IDirectoryModule directory, CancellationToken ct)
    {
        if (await directory.FindPatientIdAsync(user.RequireUserId(), ct) is not { } patientId)
        {
            return TypedResults.Ok<IReadOnlyList<DocumentView>>([]);
        }

        var documents = await db.Documents.AsNoTracking().Where(d => d.PatientId == patientId).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<DocumentView>>([.. documents.OrderByDescending(d => d.DocumentDate).ThenByDescending(d => d.UploadedAt).Select(DocumentView.ForPatient)]);
    }

    /// <summary>GET /me/record/documents/{id}/content: the file; 409 records.document_pending_scan, 410 records.document_rejected, 404 records.document_not_found.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ContentAsync(Guid id, ICurrentUser user, RecordsDbContext db, IDirectoryModule directory,
        IFileStore files, AuditScope audit, CancellationToken ct)
    {
        var document = await FindOwnAsync(id, user, db, directory, audit, track: false, ct);
        if (document is null)
        {
            return Problems.From(DocumentErrors.NotFound);
        }

        return await DocumentFiles.ServeAsync(document, files, ct);
    }

    /// <summary>PUT /me/record/documents/{id}/sharing: share with the care team, one doctor, or nobody. Errors: records.invalid_sharing, records.document_not_found.</summary>
    public static async Task<Results<Ok<DocumentView>, ProblemHttpResult>> ChangeSharingAsync(Guid id, ChangeSharingRequest body, ICurrentUser user, RecordsDbContext db,
        IDirectoryModule directory, AuditScope audit, CancellationToken ct)
    {
        var share = await SharingRules.ResolveAsync(body.Sharing, body.DoctorUserId, directory, ct);
        if (share is null)
        {
            return Problems.From(DocumentErrors.InvalidSharing);
        }

        var document = await FindOwnAsync(id, user, db, directory, audit, track: true, ct);
        if (document is null)
        {
            return Problems.From(DocumentErrors.NotFound);
        }

        document.ShareAs(share);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(DocumentView.ForPatient(document));
    }

    private static async Task<PatientDocument?> FindOwnAsync(Guid id, ICurrentUser user, RecordsDbContext db, IDirectoryModule directory, AuditScope audit, bool track, CancellationToken ct)
    {
        var patientId = await directory.FindPatientIdAsync(user.RequireUserId(), ct);
        // The owner is checked before the row is loaded, so a refused read never materialises (and never audits as a read).
        var owner = await db.Documents.AsNoTracking().Where(d => d.Id == id).Select(d => (Guid?)d.PatientId).FirstOrDefaultAsync(ct);
        if (owner is null)
        {
            return null;
        }

        if (owner != patientId)
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
