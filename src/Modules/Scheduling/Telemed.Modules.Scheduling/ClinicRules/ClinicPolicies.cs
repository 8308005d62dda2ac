using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.ClinicRules;

internal sealed class ClinicPolicies(SchedulingDbContext db)
{
    public async Task<ClinicPolicy> ForAsync(Guid clinicId, CancellationToken ct) =>
        await db.ClinicPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.ClinicId == clinicId, ct) ?? ClinicPolicy.DefaultFor(clinicId);
}
