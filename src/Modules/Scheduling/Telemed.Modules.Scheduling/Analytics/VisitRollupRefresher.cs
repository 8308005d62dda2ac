using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Analytics;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Analytics;

/// <summary>Rebuilds <see cref="VisitDayRollup"/> and <see cref="VisitDayTotal"/> rows for the UTC days whose appointments changed (see <see cref="RollupRefresher{TContext}"/>).</summary>
internal sealed class VisitRollupRefresher(IServiceProvider services, FieldEncryption encryption, ILogger<VisitRollupRefresher> logger)
    : RollupRefresher<SchedulingDbContext>(services, encryption, logger)
{
    protected override long LockKey => 0x7E1E_0005_0001;

    protected override async Task RebuildAsync(SchedulingDbContext db, IServiceProvider scope, IReadOnlyList<DateOnly> days, CancellationToken ct)
    {
        await db.VisitDayRollups.Where(r => days.Contains(r.UtcDay)).ExecuteDeleteAsync(ct);
        await db.VisitDayTotals.Where(r => days.Contains(r.UtcDay)).ExecuteDeleteAsync(ct);
        var zones = await ClinicZones.LoadAsync(scope.GetRequiredService<IDirectoryModule>(), ct);
        var visits = await db.Appointments.AsNoTracking()
            .Where(RollupPlan.Within<Appointment>(RangesOf(days), a => a.Start))
            .Select(a => new { a.ClinicId, a.DoctorId, a.Start, a.End, a.Status })
            .ToListAsync(ct);
        var rollups = visits
            .GroupBy(v => (v.ClinicId, v.DoctorId, UtcDay: DateOnly.FromDateTime(v.Start),
                LocalDay: zones.LocalDate(v.ClinicId, v.Start)))
            .Select(g => new VisitDayRollup
            {
                ClinicId = g.Key.ClinicId,
                DoctorId = g.Key.DoctorId,
                UtcDay = g.Key.UtcDay,
                LocalDay = g.Key.LocalDay,
                Upcoming = g.Count(v => VisitAnalyticsReader.IsUpcoming(v.Status)),
                Completed = g.Count(v => v.Status == AppointmentStatus.Completed),
                Cancelled = g.Count(v => v.Status == AppointmentStatus.Cancelled),
                NoShows = g.Count(v => v.Status == AppointmentStatus.NoShow),
                BookedSeconds = g.Where(v => v.Status != AppointmentStatus.Cancelled).Sum(v => (long)(v.End - v.Start).TotalSeconds),
            })
            .ToList();
        await db.InsertRowsAsync(rollups, ct);
        await db.InsertRowsAsync(rollups.GroupBy(r => (r.ClinicId, r.UtcDay, r.LocalDay)).Select(g => new VisitDayTotal
        {
            ClinicId = g.Key.ClinicId,
            UtcDay = g.Key.UtcDay,
            LocalDay = g.Key.LocalDay,
            Upcoming = g.Sum(r => r.Upcoming),
            Completed = g.Sum(r => r.Completed),
            Cancelled = g.Sum(r => r.Cancelled),
            NoShows = g.Sum(r => r.NoShows),
        }).ToList(), ct);
    }
}
