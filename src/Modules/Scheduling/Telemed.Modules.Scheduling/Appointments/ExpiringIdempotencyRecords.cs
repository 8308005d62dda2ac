using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>Bookings' <see cref="IdempotencyRecord"/>s leave with the other request keys, a week after their request (CreateRequestKeyRetention).</summary>
internal sealed class ExpiringIdempotencyRecords : IExpiringRequestKeys
{
    public async Task<int> DeleteOlderThanAsync(IServiceProvider scope, DateTime before, int batchSize, CancellationToken ct)
    {
        var records = scope.GetRequiredService<SchedulingDbContext>().IdempotencyRecords;
        var batch = records.Where(r => r.CreatedAt < before).OrderBy(r => r.CreatedAt).Take(batchSize);
        return await records.Where(r => batch.Any(b => b.UserId == r.UserId && b.Key == r.Key)).ExecuteDeleteAsync(ct);
    }
}
