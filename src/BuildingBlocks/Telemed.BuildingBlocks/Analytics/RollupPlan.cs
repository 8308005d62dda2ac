using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Time;

namespace Telemed.BuildingBlocks.Analytics;

/// <summary>
/// How one dashboard query reads a period: the roll-up for every UTC day not marked as changed (<see cref="DirtyDays"/> are left
/// out of it), and the source rows of the marked days inside the period (<see cref="RawRanges"/>, UTC [From, To) instants).
/// The figures are exact either way; the roll-up only makes long periods cheap. When too many days are marked (a fresh
/// migration, a bulk import not yet rolled up) <see cref="UseRollup"/> is false and the whole period is read from the source.
/// </summary>
public sealed record RollupPlan(bool UseRollup, IReadOnlyList<DateOnly> DirtyDays, IReadOnlyList<(DateTime From, DateTime To)> RawRanges)
{
    /// <summary>More marked days than this inside a period and the roll-up is not worth a long OR of ranges.</summary>
    public const int MaxRawRanges = 40;

    /// <summary>
    /// The plan for <paramref name="period"/> at one clinic (or all, when null) from the module's marks. A roll-up has a UTC day
    /// (the all-clinics view, whose periods are in UTC) and a local day in the clinic's own zone (the one-clinic view, whose
    /// periods are in that zone); a period in any other zone is read wholly from the source.
    /// </summary>
    public static async Task<RollupPlan> ForAsync(DbContext db, AnalyticsPeriod period, Guid? clinicId, CancellationToken ct)
    {
        var everything = new RollupPlan(false, [], [(period.StartUtc, period.EndUtc)]);
        if (clinicId is null && period.TimeZone != TimeZoneInfo.Utc.Id)
        {
            return everything;
        }

        var first = DateOnly.FromDateTime(period.StartUtc);
        var last = DateOnly.FromDateTime(period.EndUtc);
        var dirty = await db.Set<RollupMark>().AsNoTracking().Where(m => m.Day >= first && m.Day <= last).Select(m => m.Day).Distinct().OrderBy(d => d).ToListAsync(ct);
        return Of(period, dirty);
    }

    /// <summary>
    /// The plan for <paramref name="period"/> given the marked UTC days: the marked days clipped to the period and joined when
    /// consecutive; more than <see cref="MaxRawRanges"/> ranges and the whole period is read from the source instead.
    /// </summary>
    public static RollupPlan Of(AnalyticsPeriod period, IReadOnlyList<DateOnly> dirty)
    {
        var ranges = new List<(DateTime From, DateTime To)>();
        foreach (var day in dirty.Distinct().Order())
        {
            var from = Max(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), period.StartUtc);
            var to = Min(day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), period.EndUtc);
            if (from >= to)
            {
                continue;
            }

            if (ranges.Count > 0 && ranges[^1].To == from)
            {
                ranges[^1] = (ranges[^1].From, to);
            }
            else
            {
                ranges.Add((from, to));
            }
        }

        return ranges.Count > MaxRawRanges ? new RollupPlan(false, [], [(period.StartUtc, period.EndUtc)]) : new RollupPlan(true, dirty, ranges);
    }

    /// <summary>
    /// A predicate true when <paramref name="instant"/> falls in one of <see cref="RawRanges"/> (false when there is none), for the
    /// source rows the roll-up does not cover. Translated to SQL as an OR of half-open ranges, each served by the instant's index.
    /// </summary>
    public Expression<Func<T, bool>> InRawRanges<T>(Expression<Func<T, DateTime?>> instant) => Within(RawRanges, instant);

    /// <summary>A predicate true when <paramref name="instant"/> falls in one of the UTC [From, To) <paramref name="ranges"/> (false for none).</summary>
    public static Expression<Func<T, bool>> Within<T>(IEnumerable<(DateTime From, DateTime To)> ranges, Expression<Func<T, DateTime?>> instant)
    {
        var parameter = instant.Parameters[0];
        Expression body = Expression.Constant(false);
        foreach (var (from, to) in ranges)
        {
            // Bounds go in as captured values (SQL parameters), so EF caches one query per number of ranges, not per date.
            var range = Expression.AndAlso(
                Expression.GreaterThanOrEqual(instant.Body, Bound.Of(from)),
                Expression.LessThan(instant.Body, Bound.Of(to)));
            body = body is ConstantExpression ? range : Expression.OrElse(body, range);
        }

        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    private sealed class Bound
    {
        public DateTime? Value;

        public static MemberExpression Of(DateTime value) =>
            Expression.Field(Expression.Constant(new Bound { Value = value }), nameof(Value));
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
