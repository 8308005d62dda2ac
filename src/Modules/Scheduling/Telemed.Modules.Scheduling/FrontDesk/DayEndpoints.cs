using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Slots;

using Telemed.Modules.Scheduling.Calendars;

namespace Telemed.Modules.Scheduling.FrontDesk;

public sealed record ClinicDayView(Guid ClinicId, string ClinicName, string TimeZone, DateOnly Date, IReadOnlyList<AppointmentView> Appointments);
public sealed record CalendarDayView(DateOnly Date, int WorkingMinutes, int BookedMinutes, IReadOnlyList<AppointmentView> Appointments);
/// <summary>A doctor's days in their zone (<c>TimeZone</c>, the first clinic's); <c>Today</c> is the server's today in that zone, so a page need not trust the browser's clock.</summary>
public sealed record DoctorCalendarView(Guid DoctorId, string TimeZone, IReadOnlyList<CalendarDayView> Days, DateOnly Today);

/// <summary>The front desk's day per clinic and a doctor's week with each day's load.</summary>
internal static class DayEndpoints
{
    public static void MapDayEndpoints(this IEndpointRouteBuilder scheduling)
    {
        scheduling.MapGet("/clinics/{clinicId:guid}/day", ClinicDayAsync).RequireAuthorization(Policies.FrontDesk).WithTags("Front desk").WithName("GetClinicDay");
        scheduling.MapGet("/doctors/{doctorId:guid}/calendar", DoctorCalendarAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Doctor, Roles.FrontDesk).RequireClaim("telemed:stage", "full")).WithTags("Calendars").WithName("GetDoctorCalendar");
    }

    private static async Task<Results<Ok<ClinicDayView>, ProblemHttpResult>> ClinicDayAsync(Guid clinicId, DateOnly? date, ScheduleReader schedules,
        SchedulingDbContext db, AppointmentViews views, TimeProvider clock, CancellationToken ct)
    {
        if (!ServiceYears.Contain(date))
        {
            return Problems.From(ServiceYears.OutsideFor("date"));
        }

        var clinics = await schedules.ClinicsAsync(ct);
        if (!clinics.TryGetValue(clinicId, out var clinic))
        {
            return Problems.From(Error.NotFound());
        }

        var zone = ScheduleReader.Zone(clinic.TimeZone);
        var day = date is { } d ? new LocalDate(d.Year, d.Month, d.Day) : Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;
        var from = day.AtStartOfDayInZone(zone).ToInstant().ToDateTimeUtc();
        var until = day.PlusDays(1).AtStartOfDayInZone(zone).ToInstant().ToDateTimeUtc();
        var appointments = await db.Appointments.AsNoTracking().Where(a => a.ClinicId == clinicId && a.Start >= from && a.Start < until)
            .OrderBy(a => a.Start).ToListAsync(ct);
        return TypedResults.Ok(new ClinicDayView(clinicId, clinic.Name, clinic.TimeZone, new DateOnly(day.Year, day.Month, day.Day),
            await views.ManyAsync(appointments, withPatientNames: true, ct, Appointments.AppointmentRole.FrontDesk)));
    }

    private static async Task<Results<Ok<DoctorCalendarView>, ProblemHttpResult>> DoctorCalendarAsync(Guid doctorId, DateOnly? from, DateOnly? to,
        ICurrentUser user, ScheduleReader schedules, SchedulingDbContext db, AppointmentViews views, TimeProvider clock, AuditScope audit, CancellationToken ct)
    {
        if (!ServiceYears.Contain(from, to))
        {
            return Problems.From(ServiceYears.OutsideFor(ServiceYears.Contain(from) ? "to" : "from"));
        }

        var doctor = await Availability.AvailabilityEndpoints.EditableDoctorAsync(doctorId, user, schedules, ct);
        if (doctor is null)
        {
            // Another doctor's calendar names their patients: the refusal is audited, the answer is the same as for an unknown doctor.
            if (await schedules.DoctorAsync(doctorId, ct) is not null)
            {
                audit.RecordDenied("DoctorCalendar", doctorId, "not the doctor's own calendar");
            }

            return Problems.From(SchedulingErrors.DoctorNotFound);
        }

        var clinics = await schedules.ClinicsAsync(ct);
        var zoneId = doctor.ClinicIds.Where(clinics.ContainsKey).Select(c => clinics[c].TimeZone).FirstOrDefault() ?? "UTC";
        var zone = ScheduleReader.Zone(zoneId);
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;
        var first = from is { } f ? new LocalDate(f.Year, f.Month, f.Day) : today.PlusDays(1 - (int)today.DayOfWeek);
        var last = to is { } t ? new LocalDate(t.Year, t.Month, t.Day) : first.PlusDays(6);
        if (last < first || Period.Between(first, last, PeriodUnits.Days).Days > 31)
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]> { ["to"] = ["Choose at most 31 days, ending on or after the start."] }));
        }

        var schedule = (await schedules.LoadAsync([doctor], new DateOnly(first.Year, first.Month, first.Day), new DateOnly(last.Year, last.Month, last.Day), ct)).Single();
        var fromUtc = first.AtStartOfDayInZone(zone).ToInstant().ToDateTimeUtc();
        var untilUtc = last.PlusDays(1).AtStartOfDayInZone(zone).ToInstant().ToDateTimeUtc();
        var appointments = await db.Appointments.AsNoTracking().Where(a => a.DoctorId == doctorId && a.Start >= fromUtc && a.Start < untilUtc)
            .OrderBy(a => a.Start).ToListAsync(ct);
        var all = await views.ManyAsync(appointments, withPatientNames: true, ct,
            doctor.UserId == user.UserId ? Appointments.AppointmentRole.Doctor : Appointments.AppointmentRole.FrontDesk);
        var days = new List<CalendarDayView>();
        for (var day = first; day <= last; day = day.PlusDays(1))
        {
            var dayStart = day.AtStartOfDayInZone(zone).ToInstant().ToDateTimeUtc();
            var dayEnd = day.PlusDays(1).AtStartOfDayInZone(zone).ToInstant().ToDateTimeUtc();
            var ofDay = all.Where(a => a.Start >= dayStart && a.Start < dayEnd).ToList();
            days.Add(new CalendarDayView(new DateOnly(day.Year, day.Month, day.Day), schedule.Clinics.Sum(c => SlotGenerator.WorkingMinutes(c, day)),
                (int)ofDay.Where(a => a.Status is not "cancelled" and not "noShow").Sum(a => (a.End - a.Start).TotalMinutes), ofDay));
        }

        return TypedResults.Ok(new DoctorCalendarView(doctorId, zoneId, days, new DateOnly(today.Year, today.Month, today.Day)));
    }
}
