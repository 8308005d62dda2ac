using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Privacy.Consents;
using Telemed.Modules.Privacy.Contracts;

namespace Telemed.Modules.Privacy.Infrastructure;

/// <summary><see cref="IConsents"/> for other modules: the latest decision against the current text version.</summary>
internal sealed class ConsentsFacade(PrivacyDbContext db) : IConsents
{
    public async Task<bool> HasConsentAsync(Guid patientId, string kind, CancellationToken cancellationToken = default)
    {
        if (!ConsentKinds.IsKnown(kind))
        {
            return false;
        }

        var current = await ConsentEndpoints.CurrentTextAsync(db, kind, cancellationToken);
        if (current is null)
        {
            return false;
        }

        var latest = await db.ConsentDecisions.AsNoTracking().Where(d => d.PatientId == patientId && d.Kind == kind)
            .OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        return ConsentStatusRules.CountsAsConsent(latest, current.Version);
    }

    public async Task<bool> HasWithdrawnAsync(Guid patientId, string kind, CancellationToken cancellationToken = default) =>
        ConsentKinds.IsKnown(kind)
        && await db.ConsentDecisions.AsNoTracking().Where(d => d.PatientId == patientId && d.Kind == kind)
            .OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id).Select(d => (bool?)d.Given).FirstOrDefaultAsync(cancellationToken) == false;

    public async Task<IReadOnlySet<Guid>> WithdrawnAmongAsync(IReadOnlyCollection<Guid> patientIds, string kind, CancellationToken cancellationToken = default)
    {
        if (!ConsentKinds.IsKnown(kind) || patientIds.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var ids = patientIds.Distinct().ToList();
        // Each patient's latest answer, ordered as HasWithdrawnAsync orders them (by the database: decision time, then id).
        var withdrawn = await db.ConsentDecisions.AsNoTracking()
            .Where(d => ids.Contains(d.PatientId) && d.Kind == kind && !d.Given
                && d.Id == db.ConsentDecisions.Where(x => x.PatientId == d.PatientId && x.Kind == kind)
                    .OrderByDescending(x => x.DecidedAt).ThenByDescending(x => x.Id).Select(x => x.Id).First())
            .Select(d => d.PatientId).ToListAsync(cancellationToken);
        return withdrawn.ToHashSet();
    }
}
