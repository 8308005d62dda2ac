using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Time;
using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Billing.Infrastructure;

namespace Telemed.Modules.Billing.Analytics;

/// <summary>
/// Sums the ledger's captures and refunds for the clinic analytics. PostgreSQL groups by local day with <c>AT TIME ZONE</c>;
/// SQLite (embedded, single clinic, no time-zone rules) returns the period's movements, grouped here by the same rule.
/// </summary>
internal sealed class RevenueAnalyticsReader(BillingDbContext db) : IRevenueAnalytics
{
    private const string Captured = "captured";
    private const string Refunded = "refunded";

    public async Task<IReadOnlyList<RevenueFigures>> RevenueAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default)
    {
        var movements = db.PaymentMovements.AsNoTracking()
            .Where(m => m.At >= period.StartUtc && m.At < period.EndUtc && (m.Type == Captured || m.Type == Refunded));
        if (clinicId is { } clinic)
        {
            movements = movements.Where(m => m.ClinicId == clinic);
        }

        List<Row> byClinic, byDoctor, byDay;
        if (db.Database.IsNpgsql())
        {
            byClinic = (await movements.GroupBy(m => new { m.Currency, m.ClinicId, m.Type })
                .Select(g => new { g.Key.Currency, g.Key.ClinicId, g.Key.Type, Sum = g.Sum(m => m.AmountMinor) }).ToListAsync(cancellationToken))
                .Select(r => new Row(r.Currency, r.ClinicId, default, r.Type, r.Sum)).ToList();
            byDoctor = (await movements.GroupBy(m => new { m.Currency, m.DoctorId, m.Type })
                .Select(g => new { g.Key.Currency, g.Key.DoctorId, g.Key.Type, Sum = g.Sum(m => m.AmountMinor) }).ToListAsync(cancellationToken))
                .Select(r => new Row(r.Currency, r.DoctorId ?? Guid.Empty, default, r.Type, r.Sum)).ToList();
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

        return byClinic.Select(r => r.Currency).Distinct().Order(StringComparer.Ordinal)
            .Select(currency => new RevenueFigures(currency,
                byClinic.Where(r => r.Currency == currency && r.Type == Captured).Sum(r => r.Minor),
                byClinic.Where(r => r.Currency == currency && r.Type == Refunded).Sum(r => r.Minor),
                Net(byClinic, currency, r => r.Id).Select(n => new ClinicRevenue(n.Key, n.Net)).ToList(),
                Net(byDoctor, currency, r => r.Id).Select(n => new DoctorRevenue(n.Key, n.Net)).ToList(),
                Net(byDay, currency, r => r.Day).OrderBy(n => n.Key).Select(n => new DailyRevenue(n.Key, n.Net)).ToList()))
            .ToList();
    }

    private static IEnumerable<(TKey Key, long Net)> Net<TKey>(IEnumerable<Row> rows, string currency, Func<Row, TKey> key) =>
        rows.Where(r => r.Currency == currency).GroupBy(key)
            .Select(g => (g.Key, g.Where(r => r.Type == Captured).Sum(r => r.Minor) - g.Where(r => r.Type == Refunded).Sum(r => r.Minor)));

    private sealed record Row(string Currency, Guid Id, DateOnly Day, string Type, long Minor);
}
