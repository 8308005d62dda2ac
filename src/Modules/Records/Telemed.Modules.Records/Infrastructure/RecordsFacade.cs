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
}
