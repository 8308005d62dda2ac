using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Jurisdictions;

namespace Telemed.Modules.Clinical.Infrastructure;

internal sealed class ClinicalFacade(ClinicalDbContext db, TimeProvider clock) : IClinicalModule
{
    public async Task EnsureJurisdictionAsync(Guid clinicId, string jurisdictionCode, CancellationToken cancellationToken = default)
    {
        if (!JurisdictionPolicies.IsKnown(jurisdictionCode))
        {
            throw new ArgumentOutOfRangeException(nameof(jurisdictionCode), "Unknown jurisdiction code.");
        }

        if (await db.Jurisdictions.AnyAsync(j => j.ClinicId == clinicId, cancellationToken))
        {
            return;
        }

        db.Jurisdictions.Add(new ClinicJurisdiction { ClinicId = clinicId, Code = jurisdictionCode, UpdatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> JurisdictionsInUseAsync(CancellationToken cancellationToken = default) =>
        await db.Jurisdictions.AsNoTracking().Select(j => j.Code).Distinct().ToListAsync(cancellationToken);
}
