using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Analytics;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Billing.Analytics;

/// <summary>Rebuilds <see cref="RevenueDayRollup"/> and <see cref="RevenueDayTotal"/> rows for the UTC days with new ledger movements (see <see cref="RollupRefresher{TContext}"/>).</summary>
internal sealed class RevenueRollupRefresher(IServiceProvider services, FieldEncryption encryption, ILogger<RevenueRollupRefresher> logger)
    : RollupRefresher<BillingDbContext>(services, encryption, logger)
{
    protected override long LockKey => 0x7E1E_0005_0002;

    protected override async Task RebuildAsync(BillingDbContext db, IServiceProvider scope, IReadOnlyList<DateOnly> days, CancellationToken ct)
    {
        await db.RevenueDayRollups.Where(r => days.Contains(r.UtcDay)).ExecuteDeleteAsync(ct);
        await db.RevenueDayTotals.Where(r => days.Contains(r.UtcDay)).ExecuteDeleteAsync(ct);
        var zones = await ClinicZones.LoadAsync(scope.GetRequiredService<IDirectoryModule>(), ct);
        var movements = await db.PaymentMovements.AsNoTracking()
            .Where(RollupPlan.Within<PaymentMovement>(RangesOf(days), m => m.At))
            .Where(m => m.Type == RevenueAnalyticsReader.Captured || m.Type == RevenueAnalyticsReader.Refunded)
            .Select(m => new { m.Currency, m.ClinicId, m.DoctorId, m.At, m.Type, m.AmountMinor })
            .ToListAsync(ct);
        var rollups = movements
            .GroupBy(m => (m.Currency, m.ClinicId, DoctorId: m.DoctorId ?? Guid.Empty, UtcDay: DateOnly.FromDateTime(m.At),
                LocalDay: zones.LocalDate(m.ClinicId, m.At)))
            .Select(g => new RevenueDayRollup
            {
                Currency = g.Key.Currency,
                ClinicId = g.Key.ClinicId,
                DoctorId = g.Key.DoctorId,
                UtcDay = g.Key.UtcDay,
                LocalDay = g.Key.LocalDay,
                CapturedMinor = g.Where(m => m.Type == RevenueAnalyticsReader.Captured).Sum(m => m.AmountMinor),
                RefundedMinor = g.Where(m => m.Type == RevenueAnalyticsReader.Refunded).Sum(m => m.AmountMinor),
            })
            .ToList();
        await db.InsertRowsAsync(rollups, ct);
        await db.InsertRowsAsync(rollups.GroupBy(r => (r.Currency, r.ClinicId, r.UtcDay, r.LocalDay)).Select(g => new RevenueDayTotal
        {
            Currency = g.Key.Currency,
            ClinicId = g.Key.ClinicId,
            UtcDay = g.Key.UtcDay,
            LocalDay = g.Key.LocalDay,
            CapturedMinor = g.Sum(r => r.CapturedMinor),
            RefundedMinor = g.Sum(r => r.RefundedMinor),
        }).ToList(), ct);
    }
}
