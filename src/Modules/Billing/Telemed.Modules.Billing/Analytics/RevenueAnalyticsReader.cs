using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Analytics;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Time;
using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments;

namespace Telemed.Modules.Billing.Analytics;

/// <summary>
/// Sums the ledger's captures and refunds for the clinic analytics: the days' roll-up (<see cref="RevenueDayRollup"/>) for every
/// day it is current, and the movements themselves for days with movements since it was rebuilt (<see cref="RollupPlan"/>), in
/// one snapshot on PostgreSQL. Those movements are grouped by PostgreSQL (local day with <c>AT TIME ZONE</c>); SQLite (embedded,
/// single clinic, no time-zone rules) returns them, grouped here by the same rule.
/// </summary>
internal sealed class RevenueAnalyticsReader(BillingDbContext db) : IRevenueAnalytics
{
    internal const string Captured = "captured";
    internal const string Refunded = "refunded";

    public async Task<IReadOnlyList<RevenueFigures>> RevenueAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default)
    {
        await using var snapshot = await AnalyticsSnapshot.BeginAsync(db, cancellationToken);
        var plan = await RollupPlan.ForAsync(db, period, clinicId, cancellationToken);
        var movements = db.PaymentMovements.AsNoTracking()
            .Where(m => m.At >= period.StartUtc && m.At < period.EndUtc && (m.Type == Captured || m.Type == Refunded))
            .Where(plan.InRawRanges<PaymentMovement>(m => m.At));
        if (clinicId is { } clinic)
        {
            movements = movements.Where(m => m.ClinicId == clinic);
        }

        List<Row> byClinic = [], byDoctor = [], byDay = [];
        if (plan.RawRanges.Count == 0)
        {
            // Every day of the period is in the roll-up: no movement to read.
        }
        else if (db.Database.IsPostgres())
        {
            // A doctor works at one clinic or a few, so (clinic, doctor) groups are few and give both breakdowns in one scan.
            var byClinicAndDoctor = await movements.GroupBy(m => new { m.Currency, m.ClinicId, m.DoctorId, m.Type })
                .Select(g => new { g.Key.Currency, g.Key.ClinicId, g.Key.DoctorId, g.Key.Type, Sum = g.Sum(m => m.AmountMinor) }).ToListAsync(cancellationToken);
            byClinic = byClinicAndDoctor.Select(r => new Row(r.Currency, r.ClinicId, default, r.Type, r.Sum)).ToList();
            byDoctor = byClinicAndDoctor.Select(r => new Row(r.Currency, r.DoctorId ?? Guid.Empty, default, r.Type, r.Sum)).ToList();
            byDay = (await movements.GroupBy(m => new { m.Currency, Day = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(m.At, period.TimeZone).Date, m.Type })
                .Select(g => new { g.Key.Currency, g.Key.Day, g.Key.Type, Sum = g.Sum(m => m.AmountMinor) }).ToListAsync(cancellationToken))
                .Select(r => new Row(r.Currency, Guid.Empty, DateOnly.FromDateTime(r.Day), r.Type, r.Sum)).ToList();
        }
        else
        {
            var rows = await movements.Select(m => new { m.Currency, m.ClinicId, m.DoctorId, m.Type, m.AmountMinor, m.At }).ToListAsync(cancellationToken);
            byClinic = rows.Select(r => new Row(r.Currency, r.ClinicId, default, r.Type, r.AmountMinor)).ToList();
            byDoctor = rows.Select(r => new Row(r.Currency, r.DoctorId ?? Guid.Empty, default, r.Type, r.AmountMinor)).ToList();
            byDay = rows.Select(r => new Row(r.Currency, Guid.Empty, period.LocalDateOf(r.At), r.Type, r.AmountMinor)).ToList();
        }

        if (plan.UseRollup)
        {
            await AddRolledUpAsync(clinicId, period, plan, byClinic, byDoctor, byDay, cancellationToken);
        }

        return byClinic.Select(r => r.Currency).Distinct().Order(StringComparer.Ordinal)
            .Select(currency => new RevenueFigures(currency,
                byClinic.Where(r => r.Currency == currency && r.Type == Captured).Sum(r => r.Minor),
                byClinic.Where(r => r.Currency == currency && r.Type == Refunded).Sum(r => r.Minor),
                Net(byClinic, currency, r => r.Id).Select(n => new ClinicRevenue(n.Key, n.Net)).ToList(),
                Net(byDoctor, currency, r => r.Id).Select(n => new DoctorRevenue(n.Key, n.Net)).ToList(),
                Net(byDay, currency, r => r.Day).OrderBy(n => n.Key).Select(n => new DailyRevenue(n.Key, n.Net)).ToList()))
            .ToList();
    }

    /// <summary>
    /// Adds the roll-up's sums of the period's current days to the three groupings: by UTC day for all clinics (a UTC period),
    /// by local day at one clinic (a period in the clinic's zone, the zone its local days were built in).
    /// </summary>
    private async Task AddRolledUpAsync(Guid? clinicId, AnalyticsPeriod period, RollupPlan plan, List<Row> byClinic, List<Row> byDoctor, List<Row> byDay, CancellationToken ct)
    {
        var rows = db.RevenueDayRollups.AsNoTracking().Current(clinicId, period, plan);

        static IEnumerable<Row> Both(string currency, Guid id, DateOnly day, long captured, long refunded) =>
            [new Row(currency, id, day, Captured, captured), new Row(currency, id, day, Refunded, refunded)];

        var byClinicAndDoctor = await rows.GroupBy(r => new { r.Currency, r.ClinicId, r.DoctorId })
            .Select(g => new { g.Key.Currency, g.Key.ClinicId, g.Key.DoctorId, Captured = g.Sum(r => r.CapturedMinor), Refunded = g.Sum(r => r.RefundedMinor) })
            .ToListAsync(ct);
        byClinic.AddRange(byClinicAndDoctor.SelectMany(r => Both(r.Currency, r.ClinicId, default, r.Captured, r.Refunded)));
        byDoctor.AddRange(byClinicAndDoctor.SelectMany(r => Both(r.Currency, r.DoctorId, default, r.Captured, r.Refunded)));
        var totals = db.RevenueDayTotals.AsNoTracking().Current(clinicId, period, plan);
        var days = clinicId is null
            ? await totals.GroupBy(r => new { r.Currency, Day = r.UtcDay })
                .Select(g => new { g.Key.Currency, g.Key.Day, Captured = g.Sum(r => r.CapturedMinor), Refunded = g.Sum(r => r.RefundedMinor) }).ToListAsync(ct)
            : await totals.GroupBy(r => new { r.Currency, Day = r.LocalDay })
                .Select(g => new { g.Key.Currency, g.Key.Day, Captured = g.Sum(r => r.CapturedMinor), Refunded = g.Sum(r => r.RefundedMinor) }).ToListAsync(ct);
        byDay.AddRange(days.SelectMany(r => Both(r.Currency, Guid.Empty, r.Day, r.Captured, r.Refunded)));
    }

    private static IEnumerable<(TKey Key, long Net)> Net<TKey>(IEnumerable<Row> rows, string currency, Func<Row, TKey> key) =>
        rows.Where(r => r.Currency == currency).GroupBy(key)
            .Select(g => (g.Key, g.Where(r => r.Type == Captured).Sum(r => r.Minor) - g.Where(r => r.Type == Refunded).Sum(r => r.Minor)));

    private sealed record Row(string Currency, Guid Id, DateOnly Day, string Type, long Minor);
}
