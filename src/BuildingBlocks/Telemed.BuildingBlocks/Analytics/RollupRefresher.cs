using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;

namespace Telemed.BuildingBlocks.Analytics;

/// <summary>
/// Rebuilds a module's analytics roll-up for the UTC days marked as changed (<see cref="RollupMark"/>), a month of days per
/// transaction: the roll-up rows of those days are replaced by ones grouped from the source rows, and the marks read are
/// deleted in the same transaction. A mark written by a change that commits meanwhile stays for the next pass, and until
/// then the dashboard reads that day from the source, so the figures never lag. On PostgreSQL a transaction-scoped advisory
/// lock keeps one host rebuilding at a time; the others skip the pass. A module whose marks name a subject
/// (<see cref="RollupMark.Scope"/>) overrides <see cref="RebuildScopedAsync"/> to rebuild only those subjects' rows of a day, so a
/// pass costs what changed and not every row of every changed day.
/// </summary>
public abstract class RollupRefresher<TContext>(IServiceProvider services, FieldEncryption encryption, ILogger logger)
    : PeriodicWorker(services, encryption, logger) where TContext : DbContext
{
    private const int DaysPerTransaction = 31;

    private const int MarksPerRead = 5_000;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    /// <summary>The module's advisory lock key (any constant unique among the modules).</summary>
    protected abstract long LockKey { get; }

    /// <summary>Deletes the roll-up rows of <paramref name="days"/> and inserts ones grouped from the source rows of those UTC days, in the caller's transaction.</summary>
    protected abstract Task RebuildAsync(TContext db, IServiceProvider scope, IReadOnlyList<DateOnly> days, CancellationToken ct);

    /// <summary>
    /// Rebuilds what <paramref name="work"/> names, in the caller's transaction: by default every named day whole (the module's
    /// marks carry no scope). A module whose marks do may rebuild only the named subjects' rows of a day.
    /// </summary>
    protected virtual Task RebuildScopedAsync(TContext db, IServiceProvider scope, IReadOnlyList<RollupDay> work, CancellationToken ct) =>
        RebuildAsync(db, scope, work.Select(w => w.Day).ToList(), ct);

    protected override async Task RunPassAsync(IServiceProvider scope, CancellationToken ct)
    {
        var db = scope.GetRequiredService<TContext>();
        var more = true;
        while (more && !ct.IsCancellationRequested)
        {
            var marks = await db.Set<RollupMark>().AsNoTracking().OrderBy(m => m.Day).Take(MarksPerRead).ToListAsync(ct);
            if (marks.Count == 0)
            {
                return;
            }

            // Another round only for what this one could not take (a full read, or more days than one transaction rebuilds). Marks
            // written meanwhile wait for the next pass: under steady booking the loop used to start again at once, rebuilding each
            // busy doctor-day eight times a second instead of once per interval (about 6 % of the booking host's CPU at 1,000
            // bookings/s, with the same reads in PostgreSQL). ADR 0006: every 30 s.
            var distinctDays = marks.Select(m => m.Day).Distinct().ToList();
            more = marks.Count == MarksPerRead || distinctDays.Count > DaysPerTransaction;
            var days = distinctDays.Take(DaysPerTransaction).ToHashSet();
            var taken = marks.Where(m => days.Contains(m.Day)).ToList();
            var ids = taken.Select(m => m.Id).ToList();
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                if (db.Database.IsPostgres()
                    && !await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct))
                {
                    return;
                }

                await RebuildScopedAsync(db, scope, RollupDay.Of(taken), ct);
                await db.Set<RollupMark>().Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
                await transaction.CommitAsync(ct);
            }

            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The UTC [From, To) instants of <paramref name="days"/>, consecutive days joined into one range.</summary>
    protected static IReadOnlyList<(DateTime From, DateTime To)> RangesOf(IEnumerable<DateOnly> days)
    {
        var ranges = new List<(DateTime From, DateTime To)>();
        foreach (var day in days.Order())
        {
            var from = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var to = from.AddDays(1);
            if (ranges.Count > 0 && ranges[^1].To == from)
            {
                ranges[^1] = (ranges[^1].From, to);
            }
            else
            {
                ranges.Add((from, to));
            }
        }

        return ranges;
    }
}

/// <summary>
/// One UTC day to rebuild and the subjects whose rows of it changed (<see cref="RollupMark.Scope"/>), or null when the whole day
/// must be rebuilt (a mark without a scope: a module that does not scope, a clinic's time zone change, a migration).
/// </summary>
public sealed record RollupDay(DateOnly Day, IReadOnlyList<Guid>? Scopes)
{
    /// <summary>The days of <paramref name="marks"/> in order, each whole if any of its marks has no scope.</summary>
    public static IReadOnlyList<RollupDay> Of(IEnumerable<RollupMark> marks) =>
        marks.GroupBy(m => m.Day).OrderBy(g => g.Key)
            .Select(g => new RollupDay(g.Key, g.Any(m => m.Scope is null) ? null : g.Select(m => m.Scope!.Value).Distinct().ToList()))
            .ToList();
}
