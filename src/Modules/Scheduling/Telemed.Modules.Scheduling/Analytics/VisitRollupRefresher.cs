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

/// <summary>
/// Rebuilds <see cref="VisitDayRollup"/> and <see cref="VisitDayTotal"/> rows for the UTC days whose appointments changed (see
/// <see cref="RollupRefresher{TContext}"/>). A booking, cancellation or status change marks its doctor's day, and only that
/// doctor's rows of the day are rebuilt from the appointments (read by the doctor-and-start index); the day's clinic totals are then
/// summed again from the roll-up rows in SQL. A day marked without a doctor is rebuilt whole.
/// </summary>
internal sealed class VisitRollupRefresher(IServiceProvider services, FieldEncryption encryption, ILogger<VisitRollupRefresher> logger)
    : RollupRefresher<SchedulingDbContext>(services, encryption, logger)
{
    protected override long LockKey => 0x7E1E_0005_0001;

    protected override Task RebuildAsync(SchedulingDbContext db, IServiceProvider scope, IReadOnlyList<DateOnly> days, CancellationToken ct) =>
        RebuildScopedAsync(db, scope, days.Select(day => new RollupDay(day, Scopes: null)).ToList(), ct);

    protected override async Task RebuildScopedAsync(SchedulingDbContext db, IServiceProvider scope, IReadOnlyList<RollupDay> work, CancellationToken ct)
    {
        var zones = await ClinicZones.LoadAsync(scope.GetRequiredService<IDirectoryModule>(), ct);
        var visits = new List<Visit>();
        var whole = work.Where(w => w.Scopes is null).Select(w => w.Day).ToList();
        if (whole.Count > 0)
        {
            await db.VisitDayRollups.Where(r => whole.Contains(r.UtcDay)).ExecuteDeleteAsync(ct);
            visits.AddRange(await db.Appointments.AsNoTracking()
                .Where(RollupPlan.Within<Appointment>(RangesOf(whole), a => a.Start))
                .Select(a => new Visit(a.ClinicId, a.DoctorId, a.Start, a.End, a.Status))
                .ToListAsync(ct));
        }

        foreach (var (day, scopes) in work.Where(w => w.Scopes is not null))
        {
            var doctors = scopes!.ToList();
            var from = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var to = from.AddDays(1);
            await db.VisitDayRollups.Where(r => r.UtcDay == day && doctors.Contains(r.DoctorId)).ExecuteDeleteAsync(ct);
            visits.AddRange(await db.Appointments.AsNoTracking()
                .Where(a => doctors.Contains(a.DoctorId) && a.Start >= from && a.Start < to)
                .Select(a => new Visit(a.ClinicId, a.DoctorId, a.Start, a.End, a.Status))
                .ToListAsync(ct));
        }

        await db.InsertRowsAsync(RollupsOf(visits, zones), ct);

        // The day's totals summed from its roll-up rows (every doctor, rebuilt or not), in the database.
        var days = work.Select(w => w.Day).ToList();
        await db.VisitDayTotals.Where(r => days.Contains(r.UtcDay)).ExecuteDeleteAsync(ct);
        var totals = await db.VisitDayRollups.AsNoTracking()
            .Where(r => days.Contains(r.UtcDay))
            .GroupBy(r => new { r.ClinicId, r.UtcDay, r.LocalDay })
            .Select(g => new VisitDayTotal
            {
                ClinicId = g.Key.ClinicId,
                UtcDay = g.Key.UtcDay,
                LocalDay = g.Key.LocalDay,
                Upcoming = g.Sum(r => r.Upcoming),
                Completed = g.Sum(r => r.Completed),
                Cancelled = g.Sum(r => r.Cancelled),
                NoShows = g.Sum(r => r.NoShows),
            })
            .ToListAsync(ct);
        await db.InsertRowsAsync(totals, ct);
    }

    private static List<VisitDayRollup> RollupsOf(IEnumerable<Visit> visits, ClinicZones zones) => visits
        .GroupBy(v => (v.ClinicId, v.DoctorId, UtcDay: DateOnly.FromDateTime(v.Start), LocalDay: zones.LocalDate(v.ClinicId, v.Start)))
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

    private sealed record Visit(Guid ClinicId, Guid DoctorId, DateTime Start, DateTime End, AppointmentStatus Status);
}
