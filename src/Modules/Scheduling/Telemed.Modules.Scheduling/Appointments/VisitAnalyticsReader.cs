using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telemed.BuildingBlocks.Time;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Slots;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// Visit counts and minutes for the clinic analytics. On PostgreSQL the database groups (by local day with <c>AT TIME ZONE</c>,
/// by doctor and status), so a year of a large clinic returns a few thousand rows; SQLite, the embedded single-clinic default,
/// has no time-zone rules, so its rows (id, status and times only) are grouped here with the same rules.
/// </summary>
internal sealed class VisitAnalyticsReader(SchedulingDbContext db, IDirectoryModule directory, ScheduleReader schedules) : IVisitAnalytics
{
    public async Task<IReadOnlyList<DailyVisitCounts>> CountVisitsByDayAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default)
    {
        var visits = InPeriod(clinicId, period);
        List<(DateOnly Day, AppointmentStatus Status, int Count)> counts;
        if (db.Database.IsNpgsql())
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

        return counts.GroupBy(c => c.Day).OrderBy(g => g.Key)
            .Select(g => new DailyVisitCounts(g.Key,
                Upcoming: g.Where(c => IsUpcoming(c.Status)).Sum(c => c.Count),
                Completed: g.Where(c => c.Status == AppointmentStatus.Completed).Sum(c => c.Count),
                Cancelled: g.Where(c => c.Status == AppointmentStatus.Cancelled).Sum(c => c.Count),
                NoShows: g.Where(c => c.Status == AppointmentStatus.NoShow).Sum(c => c.Count)))
            .ToList();
    }

    public async Task<IReadOnlyList<DoctorVisitFigures>> VisitsByDoctorAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default)
    {
        var visits = InPeriod(clinicId, period);
        List<(Guid DoctorId, AppointmentStatus Status, int Count, double Minutes)> counts;
        if (db.Database.IsNpgsql())
        {
            var rows = await visits
                .GroupBy(a => new { a.DoctorId, a.Status })
                .Select(g => new { g.Key.DoctorId, g.Key.Status, Count = g.Count(), Minutes = g.Sum(a => (a.End - a.Start).TotalMinutes) })
                .ToListAsync(cancellationToken);
            counts = rows.Select(r => (r.DoctorId, r.Status, r.Count, r.Minutes)).ToList();
        }
        else
        {
            var rows = await visits.Select(a => new { a.DoctorId, a.Status, a.Start, a.End }).ToListAsync(cancellationToken);
            counts = rows.GroupBy(r => (r.DoctorId, r.Status)).Select(g => (g.Key.DoctorId, g.Key.Status, g.Count(), g.Sum(r => (r.End - r.Start).TotalMinutes))).ToList();
        }

        var working = await WorkingMinutesAsync(clinicId, period, cancellationToken);
        var byDoctor = counts.ToLookup(c => c.DoctorId);
        return counts.Select(c => c.DoctorId).Concat(working.Keys).Distinct()
            .Select(doctorId =>
            {
                var own = byDoctor[doctorId].ToList();
                return new DoctorVisitFigures(doctorId,
                    Upcoming: own.Where(c => IsUpcoming(c.Status)).Sum(c => c.Count),
                    Completed: own.Where(c => c.Status == AppointmentStatus.Completed).Sum(c => c.Count),
                    Cancelled: own.Where(c => c.Status == AppointmentStatus.Cancelled).Sum(c => c.Count),
                    NoShows: own.Where(c => c.Status == AppointmentStatus.NoShow).Sum(c => c.Count),
                    BookedMinutes: (int)Math.Round(own.Where(c => c.Status != AppointmentStatus.Cancelled).Sum(c => c.Minutes)),
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

    private static bool IsUpcoming(AppointmentStatus status) =>
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
