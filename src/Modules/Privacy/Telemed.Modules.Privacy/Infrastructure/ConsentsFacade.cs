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
}
