using Telemed.BuildingBlocks.Time;

namespace Telemed.BuildingBlocks.Analytics;

/// <summary>A row of a module's day roll-up: its clinic (<see cref="Guid.Empty"/> for none), UTC date and date in the clinic's zone.</summary>
public interface IDayRollup
{
    Guid ClinicId { get; }
    DateOnly UtcDay { get; }
    DateOnly LocalDay { get; }
}

/// <summary>Filters a day roll-up to what a <see cref="RollupPlan"/> reads from it.</summary>
public static class DayRollupQueries
{
    /// <summary>
    /// The rows of <paramref name="period"/>'s days that are current: by UTC day for all clinics (a UTC period), by local day at
    /// one clinic (a period in the clinic's zone, the zone its local days were built in); rows of marked UTC days are left out.
    /// </summary>
    public static IQueryable<T> Current<T>(this IQueryable<T> rows, Guid? clinicId, AnalyticsPeriod period, RollupPlan plan) where T : class, IDayRollup
    {
        var dirty = plan.DirtyDays.ToList();
        rows = clinicId is { } clinic
            ? rows.Where(r => r.ClinicId == clinic && r.LocalDay >= period.From && r.LocalDay <= period.To)
            : rows.Where(r => r.UtcDay >= period.From && r.UtcDay <= period.To);
        return dirty.Count == 0 ? rows : rows.Where(r => !dirty.Contains(r.UtcDay));
    }
}
