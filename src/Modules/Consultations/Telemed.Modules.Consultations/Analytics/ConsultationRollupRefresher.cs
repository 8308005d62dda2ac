using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Analytics;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Analytics;

/// <summary>Rebuilds <see cref="ConsultationDayRollup"/> rows for the UTC days whose consultations changed (see <see cref="RollupRefresher{TContext}"/>).</summary>
internal sealed class ConsultationRollupRefresher(IServiceProvider services, FieldEncryption encryption, ILogger<ConsultationRollupRefresher> logger)
    : RollupRefresher<ConsultationsDbContext>(services, encryption, logger)
{
    protected override long LockKey => 0x7E1E_0005_0003;

    protected override async Task RebuildAsync(ConsultationsDbContext db, IServiceProvider scope, IReadOnlyList<DateOnly> days, CancellationToken ct)
    {
        await db.ConsultationDayRollups.Where(r => days.Contains(r.UtcDay)).ExecuteDeleteAsync(ct);
        var zones = await ClinicZones.LoadAsync(scope.GetRequiredService<IDirectoryModule>(), ct);
        var ranges = RangesOf(days);
        var consultations = db.Consultations.AsNoTracking();
        var scheduled = await consultations.Where(RollupPlan.Within<Consultation>(ranges, c => c.ScheduledStart))
            .Select(c => new { c.ClinicId, c.Specialty, At = c.ScheduledStart!.Value, c.Status }).ToListAsync(ct);
        var onDemand = await consultations.Where(c => c.ScheduledStart == null).Where(RollupPlan.Within<Consultation>(ranges, c => c.CreatedAt))
            .Select(c => new { c.ClinicId, c.Specialty, At = c.CreatedAt, c.Status }).ToListAsync(ct);
        var waits = await consultations.Where(c => c.StartedAt != null).Where(RollupPlan.Within<Consultation>(ranges, c => c.EnteredWaitingAt))
            .Select(c => new { c.ClinicId, c.Specialty, Entered = c.EnteredWaitingAt!.Value, Started = c.StartedAt!.Value }).ToListAsync(ct);

        var facts = scheduled.Concat(onDemand)
            .Select(c => (c.ClinicId, c.Specialty, c.At, Total: 1, Completed: c.Status == ConsultationStatus.Completed ? 1 : 0, Accepted: 0, Wait: 0.0))
            .Concat(waits.Select(w => (w.ClinicId, w.Specialty, At: w.Entered, Total: 0, Completed: 0, Accepted: 1, Wait: (w.Started - w.Entered).TotalSeconds)));
        await db.InsertRowsAsync(facts
            .GroupBy(f => (ClinicId: f.ClinicId ?? Guid.Empty, f.Specialty, UtcDay: DateOnly.FromDateTime(f.At),
                LocalDay: zones.LocalDate(f.ClinicId, f.At)))
            .Select(g => new ConsultationDayRollup
            {
                ClinicId = g.Key.ClinicId,
                Specialty = g.Key.Specialty,
                UtcDay = g.Key.UtcDay,
                LocalDay = g.Key.LocalDay,
                Total = g.Sum(f => f.Total),
                Completed = g.Sum(f => f.Completed),
                Accepted = g.Sum(f => f.Accepted),
                WaitSeconds = g.Sum(f => f.Wait),
            }).ToList(), ct);
    }
}
