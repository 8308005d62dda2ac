using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Time;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.OnCall;

/// <summary>
/// Waits and specialties for the clinic analytics. PostgreSQL averages the waits itself; SQLite (the embedded single-clinic
/// default) cannot subtract its text timestamps, so the two instants of each accepted consultation are read and averaged here.
/// </summary>
internal sealed class ConsultationAnalyticsReader(ConsultationsDbContext db) : IConsultationAnalytics
{
    public async Task<WaitFigures> WaitsAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default)
    {
        var accepted = AtClinic(db.Consultations.AsNoTracking(), clinicId)
            .Where(c => c.EnteredWaitingAt >= period.StartUtc && c.EnteredWaitingAt < period.EndUtc && c.StartedAt != null);
        int count;
        double? average;
        if (db.Database.IsNpgsql())
        {
            var row = await accepted.GroupBy(c => 1)
                .Select(g => new { Count = g.Count(), Average = g.Average(c => (c.StartedAt!.Value - c.EnteredWaitingAt!.Value).TotalSeconds) })
                .SingleOrDefaultAsync(cancellationToken);
            (count, average) = (row?.Count ?? 0, row?.Average);
        }
        else
        {
            var waits = await accepted.Select(c => new { Entered = c.EnteredWaitingAt!.Value, Started = c.StartedAt!.Value }).ToListAsync(cancellationToken);
            (count, average) = (waits.Count, waits.Count == 0 ? null : waits.Average(w => (w.Started - w.Entered).TotalSeconds));
        }

        return new WaitFigures(count, count == 0 || average is null ? null : (int)Math.Round(average.Value, MidpointRounding.AwayFromZero));
    }

    public async Task<IReadOnlyList<SpecialtyConsultations>> BySpecialtyAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default)
    {
        var rows = await AtClinic(db.Consultations.AsNoTracking(), clinicId)
            .Where(c => (c.ScheduledStart >= period.StartUtc && c.ScheduledStart < period.EndUtc)
                || (c.ScheduledStart == null && c.CreatedAt >= period.StartUtc && c.CreatedAt < period.EndUtc))
            .GroupBy(c => new { c.Specialty, c.Status })
            .Select(g => new { g.Key.Specialty, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Specialty)
            .Select(g => new SpecialtyConsultations(g.Key, g.Where(r => r.Status == ConsultationStatus.Completed).Sum(r => r.Count), g.Sum(r => r.Count)))
            .OrderByDescending(s => s.Completed).ThenBy(s => s.Specialty, StringComparer.Ordinal)
            .ToList();
    }

    private static IQueryable<Consultation> AtClinic(IQueryable<Consultation> consultations, Guid? clinicId) =>
        clinicId is { } clinic ? consultations.Where(c => c.ClinicId == clinic) : consultations;
}
