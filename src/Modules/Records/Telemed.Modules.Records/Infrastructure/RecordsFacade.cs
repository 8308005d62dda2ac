using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Records.Contracts;

namespace Telemed.Modules.Records.Infrastructure;

internal sealed class RecordsFacade(RecordsDbContext db) : IRecordsModule
{
    public async Task<IReadOnlyList<PatientDocumentSummary>> AvailableDocumentsOfAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        var documents = await db.Documents.AsNoTracking().Where(d => d.PatientId == patientId && d.Status == DocumentStatuses.Available).ToListAsync(cancellationToken);
        return [.. documents.OrderByDescending(d => d.DocumentDate).ThenByDescending(d => d.UploadedAt)
            .Select(d => new PatientDocumentSummary(d.Id, d.PatientId, d.Type, d.DocumentDate, d.Description, d.ContentType, d.Size, d.FileName, d.UploadedAt))];
    }

    public async Task<IReadOnlyList<PatientDocumentSummary>> DocumentsSharedWithDoctorAsync(Guid patientId, Guid doctorUserId, CancellationToken cancellationToken = default)
    {
        // The sharing filter runs in the database, so documents the doctor may not open are never loaded (nor audited as read).
        var documents = await db.Documents.AsNoTracking().Where(d => d.PatientId == patientId && d.Status == DocumentStatuses.Available
                && (d.Sharing == DocumentSharing.CareTeam || (d.Sharing == DocumentSharing.Doctor && d.SharedWithDoctorUserId == doctorUserId)))
            .ToListAsync(cancellationToken);
        return [.. documents.OrderByDescending(d => d.DocumentDate).ThenByDescending(d => d.UploadedAt)
            .Select(d => new PatientDocumentSummary(d.Id, d.PatientId, d.Type, d.DocumentDate, d.Description, d.ContentType, d.Size, d.FileName, d.UploadedAt))];
    }

    public async Task<PatientDocumentSummary?> AvailableDocumentAsync(Guid documentId, CancellationToken cancellationToken = default) =>
        await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.Status == DocumentStatuses.Available, cancellationToken) is { } d
            ? new PatientDocumentSummary(d.Id, d.PatientId, d.Type, d.DocumentDate, d.Description, d.ContentType, d.Size, d.FileName, d.UploadedAt)
            : null;
}
