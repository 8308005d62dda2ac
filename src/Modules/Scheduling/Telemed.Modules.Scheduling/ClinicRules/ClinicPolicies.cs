using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.ClinicRules;

/// <summary>A clinic's policy (or the default), served from the host's reference cache; the returned object is shared: read it only.</summary>
internal sealed class ClinicPolicies(SchedulingDbContext db)
{
    public Task<ClinicPolicy> ForAsync(Guid clinicId, CancellationToken ct) =>
        db.Reference.Policies.GetOrLoadAsync(clinicId, async () =>
            await db.ClinicPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.ClinicId == clinicId, ct) ?? ClinicPolicy.DefaultFor(clinicId));
}
