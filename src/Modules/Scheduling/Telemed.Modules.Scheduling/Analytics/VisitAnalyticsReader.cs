using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telemed.BuildingBlocks.Analytics;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Time;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Slots;

namespace Telemed.Modules.Scheduling.Analytics;

/// <summary>
/// Visit counts and minutes for the clinic analytics: the days' roll-ups (<see cref="VisitDayTotal"/> per clinic and day for the
/// series, <see cref="VisitDayRollup"/> per doctor, clinic and day for the doctors) for every day they are current, and the appointments themselves for the days changed since it was rebuilt
/// (<see cref="RollupPlan"/>), read in one snapshot on PostgreSQL so the two never overlap. The appointments of changed days
/// are grouped by PostgreSQL (by local day with <c>AT TIME ZONE</c>); SQLite, the embedded single-clinic default, has no
/// time-zone rules, so its rows (status and times only) are grouped here with the same rules.
/// </summary>
internal sealed class VisitAnalyticsReader(SchedulingDbContext db, IDirectoryModule directory, ScheduleReader schedules) : IVisitAnalytics
{
    public async Task<IReadOnlyList<DailyVisitCounts>> CountVisitsByDayAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default)
    {
        await using var snapshot = await SnapshotAsync(cancellationToken);
        var plan = await PlanAsync(clinicId, period, cancellationToken);
        var visits = InPeriod(clinicId, period).Where(plan.InRawRanges<Appointment>(a => a.Start));
        List<(DateOnly Day, AppointmentStatus Status, int Count)> counts = [];
        if (plan.RawRanges.Count == 0)
        {
            // Every day of the period is in the roll-up: no source row to read.
        }
        else if (db.Database.IsPostgres())
        {
            var rows = await visits
                .GroupBy(a => new { Day = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(a.Start, period.TimeZone).Date, a.Status })
                .Select(g => new { g.Key.Day, g.Key.Status, Count = g.Count() })
                .ToListAsync(cancellationToken);
            counts = rows.Select(r => (DateOnly.FromDateTime(r.Day), r.Status, r.Count)).ToList();
        }
        else
        {
            var rows = await visits.Select(a => new { a.Start, a.Status }).ToListAsync(cancellationToken);
            counts = rows.GroupBy(r => (Day: period.LocalDateOf(r.Start), r.Status))
                .Select(g => (g.Key.Day, g.Key.Status, g.Count())).ToList();
        }

        var fromSource = counts.GroupBy(c => c.Day)
            .Select(g => new DailyVisitCounts(g.Key,
                Upcoming: g.Where(c => IsUpcoming(c.Status)).Sum(c => c.Count),
                Completed: g.Where(c => c.Status == AppointmentStatus.Completed).Sum(c => c.Count),
                Cancelled: g.Where(c => c.Status == AppointmentStatus.Cancelled).Sum(c => c.Count),
                NoShows: g.Where(c => c.Status == AppointmentStatus.NoShow).Sum(c => c.Count)));
        var totals = db.VisitDayTotals.AsNoTracking().Current(clinicId, period, plan);
        var rolledUp = !plan.UseRollup ? [] : clinicId is null
            ? await totals.GroupBy(r => r.UtcDay)
                .Select(g => new DailyVisitCounts(g.Key, g.Sum(r => r.Upcoming), g.Sum(r => r.Completed), g.Sum(r => r.Cancelled), g.Sum(r => r.NoShows)))
                .ToListAsync(cancellationToken)
            : await totals.GroupBy(r => r.LocalDay)
                .Select(g => new DailyVisitCounts(g.Key, g.Sum(r => r.Upcoming), g.Sum(r => r.Completed), g.Sum(r => r.Cancelled), g.Sum(r => r.NoShows)))
                .ToListAsync(cancellationToken);

        return fromSource.Concat(rolledUp).GroupBy(d => d.Day).OrderBy(g => g.Key)
            .Select(g => new DailyVisitCounts(g.Key, g.Sum(d => d.Upcoming), g.Sum(d => d.Completed), g.Sum(d => d.Cancelled), g.Sum(d => d.NoShows)))
            .ToList();
    }

    public async Task<IReadOnlyList<DoctorVisitFigures>> VisitsByDoctorAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default)
    {
        List<(Guid DoctorId, int Upcoming, int Completed, int Cancelled, int NoShows, double Seconds)> counts;
        await using (var snapshot = await SnapshotAsync(cancellationToken))
        {
            var plan = await PlanAsync(clinicId, period, cancellationToken);
            var visits = InPeriod(clinicId, period).Where(plan.InRawRanges<Appointment>(a => a.Start));
            List<(Guid DoctorId, AppointmentStatus Status, int Count, double Seconds)> bySource = [];
            if (plan.RawRanges.Count == 0)
            {
                // Every day of the period is in the roll-up: no source row to read.
            }
            else if (db.Database.IsPostgres())
            {
                var rows = await visits
                    .GroupBy(a => new { a.DoctorId, a.Status })
                    .Select(g => new { g.Key.DoctorId, g.Key.Status, Count = g.Count(), Seconds = g.Sum(a => (a.End - a.Start).TotalSeconds) })
                    .ToListAsync(cancellationToken);
                bySource = rows.Select(r => (r.DoctorId, r.Status, r.Count, r.Seconds)).ToList();
            }
            else
            {
                var rows = await visits.Select(a => new { a.DoctorId, a.Status, a.Start, a.End }).ToListAsync(cancellationToken);
                bySource = rows.GroupBy(r => (r.DoctorId, r.Status)).Select(g => (g.Key.DoctorId, g.Key.Status, g.Count(), g.Sum(r => (r.End - r.Start).TotalSeconds))).ToList();
            }

            counts = bySource.Select(c => (c.DoctorId,
                IsUpcoming(c.Status) ? c.Count : 0,
                c.Status == AppointmentStatus.Completed ? c.Count : 0,
                c.Status == AppointmentStatus.Cancelled ? c.Count : 0,
                c.Status == AppointmentStatus.NoShow ? c.Count : 0,
                c.Status == AppointmentStatus.Cancelled ? 0 : c.Seconds)).ToList();
            if (plan.UseRollup)
            {
                var rolledUp = await Rollups(clinicId, period, plan).GroupBy(r => r.DoctorId)
                    .Select(g => new { DoctorId = g.Key, Upcoming = g.Sum(r => r.Upcoming), Completed = g.Sum(r => r.Completed),
                        Cancelled = g.Sum(r => r.Cancelled), NoShows = g.Sum(r => r.NoShows), Seconds = g.Sum(r => r.BookedSeconds) })
                    .ToListAsync(cancellationToken);
                counts.AddRange(rolledUp.Select(r => (r.DoctorId, r.Upcoming, r.Completed, r.Cancelled, r.NoShows, (double)r.Seconds)));
            }
        }

        var working = await WorkingMinutesAsync(clinicId, period, cancellationToken);
        var byDoctor = counts.ToLookup(c => c.DoctorId);
        return counts.Select(c => c.DoctorId).Concat(working.Keys).Distinct()
            .Select(doctorId =>
            {
                var own = byDoctor[doctorId].ToList();
                return new DoctorVisitFigures(doctorId,
                    Upcoming: own.Sum(c => c.Upcoming),
                    Completed: own.Sum(c => c.Completed),
                    Cancelled: own.Sum(c => c.Cancelled),
                    NoShows: own.Sum(c => c.NoShows),
                    BookedMinutes: (int)Math.Round(own.Sum(c => c.Seconds) / 60),
                    WorkingMinutes: working.GetValueOrDefault(doctorId));
            })
            .Where(d => d.Upcoming + d.Completed + d.Cancelled + d.NoShows > 0 || d.WorkingMinutes > 0)
            .ToList();
    }

    private IQueryable<Appointment> InPeriod(Guid? clinicId, AnalyticsPeriod period)
    {
        var query = db.Appointments.AsNoTracking().Where(a => a.Start >= period.StartUtc && a.Start < period.EndUtc);
        return clinicId is { } clinic ? query.Where(a => a.ClinicId == clinic) : query;
    }

    private IQueryable<VisitDayRollup> Rollups(Guid? clinicId, AnalyticsPeriod period, RollupPlan plan) =>
        db.VisitDayRollups.AsNoTracking().Current(clinicId, period, plan);

    private Task<RollupPlan> PlanAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken ct) => RollupPlan.ForAsync(db, period, clinicId, ct);

    private Task<IAsyncDisposable> SnapshotAsync(CancellationToken ct) => AnalyticsSnapshot.BeginAsync(db, ct);

    internal static bool IsUpcoming(AppointmentStatus status) =>
        status is AppointmentStatus.Booked or AppointmentStatus.Confirmed or AppointmentStatus.CheckedIn;

    /// <summary>
    /// Working minutes per doctor over the period's dates, taken as local dates at each clinic. A weekday's minutes are worked out
    /// once per clinic schedule and only dates with an exception are resolved one by one, so 1,000 doctors over two years stay cheap.
    /// </summary>
    private async Task<Dictionary<Guid, int>> WorkingMinutesAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken ct)
    {
        var doctors = await directory.FindDoctorsAsync(new DoctorFilter(ClinicId: clinicId, ActiveOnly: false), ct);
        var loaded = await schedules.LoadAsync(doctors, period.From, period.To, ct);
        var days = period.To.DayNumber - period.From.DayNumber + 1;
        var result = new Dictionary<Guid, int>();
        foreach (var schedule in loaded)
        {
            var minutes = 0;
            foreach (var clinic in schedule.Clinics.Where(c => clinicId is null || c.ClinicId == clinicId))
            {
                var exceptionDates = clinic.Exceptions.Select(e => e.Date).Where(d => d >= period.From && d <= period.To).ToHashSet();
                var byWeekday = new int[7];
                for (var i = 0; i < 7; i++)
                {
                    var weekday = (DayOfWeek)i;
                    byWeekday[i] = SlotGenerator.WorkingRanges(clinic with { Exceptions = [] }, NextDate(period.From, weekday)).Sum(r => r.End - r.Start);
                }

                for (var d = 0; d < days; d++)
                {
                    var date = period.From.AddDays(d);
                    minutes += exceptionDates.Contains(date)
                        ? SlotGenerator.WorkingMinutes(clinic, new LocalDate(date.Year, date.Month, date.Day))
                        : byWeekday[(int)date.DayOfWeek];
                }
            }

            if (minutes > 0)
            {
                result[schedule.Doctor.DoctorId] = minutes;
            }
        }

        return result;
    }

    private static LocalDate NextDate(DateOnly from, DayOfWeek weekday)
    {
        var date = from.AddDays(((int)weekday - (int)from.DayOfWeek + 7) % 7);
        return new LocalDate(date.Year, date.Month, date.Day);
    }
}
