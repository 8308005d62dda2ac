using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Privacy.Contracts;

namespace Telemed.Modules.Privacy.Infrastructure;

/// <summary><see cref="IConsentRecords"/>: the latest decision per kind against the current text version. Each decision row loaded is an audited PHI read.</summary>
internal sealed class ConsentRecordsFacade(PrivacyDbContext db) : IConsentRecords
{
    public async Task<IReadOnlyList<ConsentRecord>> ConsentsOfAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        var decisions = await db.ConsentDecisions.AsNoTracking().Where(d => d.PatientId == patientId).ToListAsync(cancellationToken);
        if (decisions.Count == 0)
        {
            return [];
        }

        var current = (await db.ConsentTexts.AsNoTracking().Select(t => new { t.Kind, t.Version }).ToListAsync(cancellationToken))
            .GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.Max(t => t.Version));
        return [.. ConsentKinds.All.Where(k => decisions.Any(d => d.Kind == k)).Select(kind =>
        {
            var ofKind = decisions.Where(d => d.Kind == kind).OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id).ToList();
            var latest = ofKind[0];
            return new ConsentRecord(patientId, kind, latest.Given, latest.Version, current.GetValueOrDefault(kind, latest.Version), latest.DecidedAt,
                ofKind.Where(d => d.Given).Select(d => (DateTime?)d.DecidedAt).LastOrDefault());
        })];
    }
}
