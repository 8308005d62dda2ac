using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Labs.PartnerLabs;

namespace Telemed.Modules.Labs.Infrastructure;

internal sealed class LabsFacade(LabsDbContext db, TimeProvider clock) : ILabsModule
{
    public async Task<Guid> EnsurePartnerLabAsync(string name, string address, string fhirBaseUrl, CancellationToken cancellationToken = default)
    {
        if (await db.PartnerLabs.AsNoTracking().FirstOrDefaultAsync(l => l.Name == name, cancellationToken) is { } existing)
        {
            return existing.Id;
        }

        var lab = db.PartnerLabs.Add(PartnerLab.Create(null, name, address, fhirBaseUrl, true, clock.GetUtcNow().UtcDateTime)).Entity;
        await db.SaveChangesAsync(cancellationToken);
        return lab.Id;
    }
}
