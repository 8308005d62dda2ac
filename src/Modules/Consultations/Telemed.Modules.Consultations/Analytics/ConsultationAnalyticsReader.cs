using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Analytics;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Time;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.Analytics;

/// <summary>
/// Waits and specialties for the clinic analytics: the days' roll-up (<see cref="ConsultationDayRollup"/>) for every day it is
/// current, and the consultations themselves for the days changed since it was rebuilt (<see cref="RollupPlan"/>), in one
/// snapshot on PostgreSQL. PostgreSQL sums the waits itself; SQLite (the embedded single-clinic default) cannot subtract its
/// text timestamps, so the two instants of each accepted consultation are read and summed here.
/// </summary>
internal sealed class ConsultationAnalyticsReader(ConsultationsDbContext db) : IConsultationAnalytics
{
    public async Task<WaitFigures> WaitsAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default)
    {
        await using var snapshot = await AnalyticsSnapshot.BeginAsync(db, cancellationToken);
        var plan = await RollupPlan.ForAsync(db, period, clinicId, cancellationToken);
        var accepted = AtClinic(db.Consultations.AsNoTracking(), clinicId)
            .Where(c => c.EnteredWaitingAt >= period.StartUtc && c.EnteredWaitingAt < period.EndUtc && c.StartedAt != null)
            .Where(plan.InRawRanges<Consultation>(c => c.EnteredWaitingAt));
        int count;
        double seconds;
        if (db.Database.IsPostgres())
        {
            var row = await accepted.GroupBy(c => 1)
                .Select(g => new { Count = g.Count(), Seconds = g.Sum(c => (c.StartedAt!.Value - c.EnteredWaitingAt!.Value).TotalSeconds) })
                .SingleOrDefaultAsync(cancellationToken);
            (count, seconds) = (row?.Count ?? 0, row?.Seconds ?? 0);
        }
        else
        {
            var waits = await accepted.Select(c => new { Entered = c.EnteredWaitingAt!.Value, Started = c.StartedAt!.Value }).ToListAsync(cancellationToken);
            (count, seconds) = (waits.Count, waits.Sum(w => (w.Started - w.Entered).TotalSeconds));
        }

        if (plan.UseRollup)
        {
            var rolledUp = await Rollups(clinicId, period, plan).GroupBy(r => 1)
                .Select(g => new { Accepted = g.Sum(r => r.Accepted), Seconds = g.Sum(r => r.WaitSeconds) })
                .SingleOrDefaultAsync(cancellationToken);
            (count, seconds) = (count + (rolledUp?.Accepted ?? 0), seconds + (rolledUp?.Seconds ?? 0));
        }

        return new WaitFigures(count, count == 0 ? null : (int)Math.Round(seconds / count, MidpointRounding.AwayFromZero));
    }

    public async Task<IReadOnlyList<SpecialtyConsultations>> BySpecialtyAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default)
    {
        await using var snapshot = await AnalyticsSnapshot.BeginAsync(db, cancellationToken);
        var plan = await RollupPlan.ForAsync(db, period, clinicId, cancellationToken);
        var consultations = AtClinic(db.Consultations.AsNoTracking(), clinicId);
        // Scheduled consultations count by their start, on-demand ones by when they were asked for: two range scans, not an OR.
        var scheduled = consultations
            .Where(c => c.ScheduledStart >= period.StartUtc && c.ScheduledStart < period.EndUtc)
            .Where(plan.InRawRanges<Consultation>(c => c.ScheduledStart));
        var onDemand = consultations
            .Where(c => c.ScheduledStart == null && c.CreatedAt >= period.StartUtc && c.CreatedAt < period.EndUtc)
            .Where(plan.InRawRanges<Consultation>(c => c.CreatedAt));
        var counts = new List<(string Specialty, int Completed, int Total)>();
        foreach (var source in new[] { scheduled, onDemand })
        {
            var rows = await source.GroupBy(c => new { c.Specialty, c.Status })
                .Select(g => new { g.Key.Specialty, g.Key.Status, Count = g.Count() })
                .ToListAsync(cancellationToken);
            counts.AddRange(rows.Select(r => (r.Specialty, r.Status == ConsultationStatus.Completed ? r.Count : 0, r.Count)));
        }

        if (plan.UseRollup)
        {
            var rolledUp = await Rollups(clinicId, period, plan).GroupBy(r => r.Specialty)
                .Select(g => new { Specialty = g.Key, Completed = g.Sum(r => r.Completed), Total = g.Sum(r => r.Total) })
                .ToListAsync(cancellationToken);
            counts.AddRange(rolledUp.Select(r => (r.Specialty, r.Completed, r.Total)));
        }

        return counts.GroupBy(c => c.Specialty)
            .Select(g => new SpecialtyConsultations(g.Key, g.Sum(c => c.Completed), g.Sum(c => c.Total)))
            .Where(s => s.Total > 0)
            .OrderByDescending(s => s.Completed).ThenBy(s => s.Specialty, StringComparer.Ordinal)
            .ToList();
    }

    private IQueryable<ConsultationDayRollup> Rollups(Guid? clinicId, AnalyticsPeriod period, RollupPlan plan) =>
        db.ConsultationDayRollups.AsNoTracking().Current(clinicId, period, plan);

    private static IQueryable<Consultation> AtClinic(IQueryable<Consultation> consultations, Guid? clinicId) =>
        clinicId is { } clinic ? consultations.Where(c => c.ClinicId == clinic) : consultations;
}
