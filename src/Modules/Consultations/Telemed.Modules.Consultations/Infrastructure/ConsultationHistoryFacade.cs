using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Consultations.Contracts;

namespace Telemed.Modules.Consultations.Infrastructure;

internal sealed class ConsultationHistoryFacade(ConsultationsDbContext db) : IConsultationHistory
{
    public async Task<IReadOnlyList<PatientHistoryItem>> HistoryOfAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        var consultations = await db.Consultations.AsNoTracking().Where(c => c.PatientId == patientId)
            .Select(c => new { c.Id, c.StartedAt, c.ScheduledStart, c.CreatedAt, c.Specialty, c.ComplaintSummary, c.ComplaintJson, c.Status }).ToListAsync(cancellationToken);
        var conversations = await db.Conversations.AsNoTracking().Where(c => c.PatientId == patientId)
            .Select(c => new { c.Id, c.CreatedAt, c.Subject, c.Kind }).ToListAsync(cancellationToken);
        // The complaint's summary in the reader's language (the record timeline's Accept-Language).
        var language = ReaderLanguage.Current;
        return
        [
            .. consultations.Select(c => new PatientHistoryItem("consultation", c.Id, c.StartedAt ?? c.ScheduledStart ?? c.CreatedAt, c.Specialty,
                ConsultationViews.SummaryOf(c.ComplaintSummary, c.ComplaintJson, language),
                System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.Status.ToString()))),
            .. conversations.Select(c => new PatientHistoryItem("conversation", c.Id, c.CreatedAt, c.Subject ?? "", null,
                System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.Kind.ToString()))),
        ];
    }
}
