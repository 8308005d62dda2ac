using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telemed.BuildingBlocks.Security;

namespace Telemed.Host.Platform;

public sealed class ReadinessCheck(SecurityDbContext db, FieldEncryption encryption) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!encryption.IsReady)
        {
            return HealthCheckResult.Unhealthy("Encryption keys are not loaded.");
        }

        return await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database is unreachable.");
    }
}
