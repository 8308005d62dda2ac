using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Slots;

namespace Telemed.Modules.Scheduling.Availability.AffectedVisits;

/// <summary>What to do with the open visits a new day off would cover: move each to the doctor's next free time, or cancel it. Either way the patient gets a notice.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Telemed.BuildingBlocks.Http.NamedEnumConverter<AffectedVisitsChoice>))]
public enum AffectedVisitsChoice { Move, Cancel }

/// <summary>
/// A day off or new weekly hours over booked visits: finds the open visits the change would leave outside the doctor's
/// hours and settles them, so a visit is never left booked at a time the doctor does not work. Moving uses <see cref="RescheduleAppointment"/> (the patient's
/// "rescheduled" notice, which they may change again); cancelling uses <see cref="CancelAppointment"/> (the patient's
/// "cancelled" notice).
/// </summary>
internal sealed class VisitsOutsideHours(SchedulingDbContext db, ScheduleReader schedules, SlotFinder finder, RescheduleAppointment reschedule,
    CancelAppointment cancel)
{
    public static readonly Error VisitsAffected = Error.Conflict("scheduling.visits_affected",
        "Booked visits fall on this day. Choose to move them to the next free times or to cancel them; the patients are told either way.");
    public static readonly Error NoTimeToMoveTo = Error.Conflict("scheduling.no_time_to_move_to",
        "There is no free time in the next weeks to move a visit to. Cancel it instead, or add hours first.");

    /// <summary>The open (booked or confirmed) visits of the doctor at the clinic on the clinic's local <paramref name="date"/>, by start.</summary>
    public async Task<IReadOnlyList<Appointment>> FindAsync(Guid doctorId, Guid clinicId, DateOnly date, CancellationToken ct)
    {
        var clinics = await schedules.ClinicsAsync(ct);
        var zone = ScheduleReader.Zone(clinics.TryGetValue(clinicId, out var clinic) ? clinic.TimeZone : "UTC");
        var day = new LocalDate(date.Year, date.Month, date.Day);
        var from = day.AtStartOfDayInZone(zone).ToInstant().ToDateTimeUtc();
        var until = day.PlusDays(1).AtStartOfDayInZone(zone).ToInstant().ToDateTimeUtc();
        var visits = await db.Appointments.Where(a => a.DoctorId == doctorId && a.ClinicId == clinicId && a.Start >= from && a.Start < until
            && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Confirmed)).ToListAsync(ct);
        return visits.OrderBy(a => a.Start).ToList();
    }

    /// <summary>
    /// The open visits from now on that <paramref name="weekly"/> (proposed weekly hours: clinic, day, minutes after local
    /// midnight) would no longer cover, where no extra-hours exception covers them either; by start.
    /// </summary>
    public async Task<IReadOnlyList<Appointment>> OutsideHoursAsync(Guid doctorId, IReadOnlyList<WeeklyHours> weekly, DateTime now, CancellationToken ct)
    {
        var visits = await db.Appointments.Where(a => a.DoctorId == doctorId && a.Start > now
            && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Confirmed)).ToListAsync(ct);
        if (visits.Count == 0)
        {
            return [];
        }

        var clinics = await schedules.ClinicsAsync(ct);
        var extra = await db.Exceptions.AsNoTracking().Where(e => e.DoctorId == doctorId && e.Kind == ExceptionKind.ExtraHours).ToListAsync(ct);
        return visits.Where(v =>
        {
            var zone = ScheduleReader.Zone(clinics.TryGetValue(v.ClinicId, out var c) ? c.TimeZone : "UTC");
            var start = Instant.FromDateTimeUtc(DateTime.SpecifyKind(v.Start, DateTimeKind.Utc)).InZone(zone).LocalDateTime;
            var end = Instant.FromDateTimeUtc(DateTime.SpecifyKind(v.End, DateTimeKind.Utc)).InZone(zone).LocalDateTime;
            return !AVisitLiesWithinTheDoctorsHours(v.ClinicId, start, end, weekly, extra);
        }).OrderBy(v => v.Start).ToList();
    }

    /// <summary>
    /// A visit (clinic-local start and end, same day) lies within the doctor's hours when one weekly range of its clinic and
    /// weekday, or one extra-hours exception of its clinic and date, holds it whole.
    /// </summary>
    public static bool AVisitLiesWithinTheDoctorsHours(Guid clinicId, LocalDateTime start, LocalDateTime end, IReadOnlyList<WeeklyHours> weekly,
        IReadOnlyList<AvailabilityException> extra)
    {
        var from = start.Hour * 60 + start.Minute;
        var until = end.Date == start.Date ? end.Hour * 60 + end.Minute : 24 * 60;
        var day = NodaTime.Utility.BclConversions.ToDayOfWeek(start.DayOfWeek);
        var date = new DateOnly(start.Year, start.Month, start.Day);
        return weekly.Any(w => w.ClinicId == clinicId && w.DayOfWeek == day && w.StartMinute <= from && until <= w.EndMinute)
            || extra.Any(e => e.ClinicId == clinicId && e.Date == date && e.StartMinute <= from && until <= e.EndMinute);
    }

    /// <summary>
    /// Settles <paramref name="visits"/> as chosen; call after the day off is saved, so the moved visits cannot land on it.
    /// Returns the first failure (<see cref="NoTimeToMoveTo"/>, or a transition's own error); visits settled before it stay settled.
    /// </summary>
    public async Task<Result> SettleAsync(IReadOnlyList<Appointment> visits, AffectedVisitsChoice choice, CancellationToken ct)
    {
        foreach (var visit in visits)
        {
            if (choice == AffectedVisitsChoice.Cancel)
            {
                var cancelled = await cancel.RunAsync(visit, "", byPatient: false, ct, CancellationCodes.DoctorUnavailable);
                if (!cancelled.IsSuccess)
                {
                    return cancelled.Error!;
                }

                continue;
            }

            var moved = await MoveToTheNextFreeTimeAsync(visit, ct);
            if (!moved.IsSuccess)
            {
                return moved.Error!;
            }
        }

        return Result.Success;
    }

    /// <summary>The doctor's next free time of the same kind at the same clinic, up to four weeks after the visit's start (or now, if later).</summary>
    private async Task<Result> MoveToTheNextFreeTimeAsync(Appointment visit, CancellationToken ct)
    {
        if (await schedules.DoctorAsync(visit.DoctorId, ct) is not { } doctor)
        {
            return SchedulingErrors.DoctorNotFound;
        }

        var from = Instant.FromDateTimeUtc(DateTime.SpecifyKind(visit.Start, DateTimeKind.Utc));
        var to = from + Duration.FromDays(28);
        var fromDate = DateOnly.FromDateTime(visit.Start).AddDays(-1);
        var schedule = await schedules.LoadAsync([doctor], fromDate, fromDate.AddDays(30), ct);
        var free = await finder.FreeSlotsAsync(schedule, visit.Kind, visit.ClinicId, Instant.Max(from, finder.Now), to, perDoctor: 1, ct);
        if (!free.TryGetValue(doctor.DoctorId, out var slots) || slots.Count == 0)
        {
            return NoTimeToMoveTo;
        }

        var rescheduled = await reschedule.RunAsync(visit, slots[0].Start.ToDateTimeUtc(), ct);
        return rescheduled.IsSuccess ? Result.Success : rescheduled.Error!;
    }
}
