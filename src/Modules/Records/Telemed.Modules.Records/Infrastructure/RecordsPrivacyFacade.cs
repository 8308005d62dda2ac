using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Storage;
using Telemed.Modules.Records.Contracts;

namespace Telemed.Modules.Records.Infrastructure;

/// <summary><see cref="IRecordsPrivacy"/>: the patient's document files for their export, and the erasure of their uploads.</summary>
internal sealed class RecordsPrivacyFacade(RecordsDbContext db, IFileStore files) : IRecordsPrivacy
{
    public async Task<IReadOnlyList<PatientDocumentFile>> AvailableDocumentFilesOfAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        var documents = await db.Documents.AsNoTracking().Where(d => d.PatientId == patientId && d.Status == DocumentStatuses.Available).ToListAsync(cancellationToken);
        var found = new List<PatientDocumentFile>();
        foreach (var document in documents.OrderBy(d => d.DocumentDate).ThenBy(d => d.UploadedAt))
        {
            if (await files.ReadAsync(document.StorageKey, cancellationToken) is { } content)
            {
                found.Add(new PatientDocumentFile(document.Id, document.FileName, document.ContentType, document.DocumentDate, content));
            }
        }

        return found;
    }

    public async Task<int> EraseUploadedDocumentsAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        var documents = await db.Documents.Where(d => d.PatientId == patientId).ToListAsync(cancellationToken);
        foreach (var document in documents)
        {
            // The file first: a crash between the two leaves a row whose file is gone (served as not found), and the retry removes the row.
            await files.DeleteAsync(document.StorageKey, cancellationToken);
            db.Documents.Remove(document);
        }

        await db.SaveChangesAsync(cancellationToken);
        return documents.Count;
    }
}
