using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Audit.Trail;

namespace Telemed.Modules.Audit.Viewing;

/// <summary>Entries about one patient, for the patient's access report (the privacy module's read of the trail).</summary>
internal sealed class PatientAccessLog(AuditDbContext db) : IPatientAccessLog
{
    public async Task<(IReadOnlyList<PatientAccessEntry> Items, int Total)> FindAsync(PatientAccessQuery query, int skip, int take, CancellationToken cancellationToken = default)
    {
        var patientId = query.PatientId;
        var patientRecordId = patientId.ToString();
        var actors = query.ActorIds.Select(a => (Guid?)a).ToList();
        var actions = query.Actions.ToList();
        var outcomes = query.Outcomes.ToList();
        // Each side of the OR has its own index: (SubjectPatientId, OccurredAt) and (RecordType, RecordId).
        var entries = db.Entries.AsNoTracking()
            .Where(e => e.SubjectPatientId == patientId || (e.RecordType == "Patient" && e.RecordId == patientRecordId))
            .Where(e => actors.Contains(e.ActorId) && actions.Contains(e.Action) && outcomes.Contains(e.Outcome));
        if (query.From is { } from) entries = entries.Where(e => e.OccurredAt >= from);
        if (query.To is { } to) entries = entries.Where(e => e.OccurredAt <= to);

        var total = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Skip(skip).Take(take)
            .Select(e => new PatientAccessEntry(e.Id, e.OccurredAt, e.ActorId!.Value, e.Action, e.RecordType, e.Outcome, e.BreakGlass))
            .ToListAsync(cancellationToken);
        return (page, total);
    }
}
