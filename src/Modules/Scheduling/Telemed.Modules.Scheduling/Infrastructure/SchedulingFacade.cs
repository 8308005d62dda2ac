using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Scheduling.Infrastructure;

internal sealed class SchedulingFacade(SchedulingDbContext db, ChangeAppointmentStatus appointments) : ISchedulingModule
{
    public async Task<AppointmentInfo?> GetAppointmentAsync(Guid appointmentId, CancellationToken cancellationToken = default)
    {
        var a = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == appointmentId, cancellationToken);
        return a is null ? null : new AppointmentInfo(a.Id, a.DoctorId, a.DoctorUserId, a.PatientId, a.PatientUserId, a.ClinicId,
            AppointmentViews.KindName(a.Kind), AppointmentViews.StatusName(a.Status), a.Start, a.End, LastChange(a));
    }

    public async Task<(IReadOnlyList<AppointmentInfo> Items, int Total)> ListAppointmentsAsync(AppointmentQuery query, int skip, int take,
        CancellationToken cancellationToken = default)
    {
        if (query.PatientIds is null && query.DoctorUserId is null)
        {
            throw new ArgumentException("Name the patients or the doctor whose appointments to list.", nameof(query));
        }

        var q = db.Appointments.AsNoTracking();
        if (query.PatientIds is { } patients)
        {
            var ids = patients.ToList();
            q = q.Where(a => ids.Contains(a.PatientId));
        }

        if (query.DoctorUserId is { } doctor)
        {
            q = q.Where(a => a.DoctorUserId == doctor);
        }

        if (query.FromUtc is { } from)
        {
            q = q.Where(a => a.Start >= from);
        }

        if (query.UntilUtc is { } until)
        {
            q = q.Where(a => a.Start < until);
        }

        var total = await q.CountAsync(cancellationToken);
        var page = await q.OrderBy(a => a.Start).ThenBy(a => a.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (page.Select(a => new AppointmentInfo(a.Id, a.DoctorId, a.DoctorUserId, a.PatientId, a.PatientUserId, a.ClinicId,
            AppointmentViews.KindName(a.Kind), AppointmentViews.StatusName(a.Status), a.Start, a.End, LastChange(a))).ToList(), total);
    }

    public Task<bool> HasCompletedInPersonVisitAsync(Guid patientId, DateTime beforeUtc, CancellationToken cancellationToken = default) =>
        db.Appointments.AsNoTracking().AnyAsync(a => a.PatientId == patientId && a.Kind == AppointmentKind.InPerson
            && a.Status == AppointmentStatus.Completed && a.Start < beforeUtc, cancellationToken);

    public Task CheckInAsync(Guid appointmentId, CancellationToken cancellationToken = default) =>
        TransitionIfPossibleAsync(appointmentId, a => a.Status is AppointmentStatus.Booked or AppointmentStatus.Confirmed, (a, now) => a.CheckIn(now), cancellationToken);

    public Task CompleteAsync(Guid appointmentId, CancellationToken cancellationToken = default) =>
        TransitionIfPossibleAsync(appointmentId, a => a.Status == AppointmentStatus.CheckedIn, (a, now) => a.Complete(now), cancellationToken);

    private async Task TransitionIfPossibleAsync(Guid appointmentId, Func<Appointment, bool> applies, Func<Appointment, DateTime, Telemed.BuildingBlocks.Results.Result> transition, CancellationToken ct)
    {
        var appointment = await db.Appointments.FirstOrDefaultAsync(a => a.Id == appointmentId, ct);
        if (appointment is not null && applies(appointment))
        {
            await appointments.RunAsync(appointment, transition, ct);
        }
    }

    public async Task EnsureWeeklyHoursAsync(Guid doctorId, Guid clinicId, IReadOnlyList<WeeklyRange> ranges, CancellationToken cancellationToken = default)
    {
        if (await db.WeeklyHours.AnyAsync(w => w.DoctorId == doctorId && w.ClinicId == clinicId, cancellationToken))
        {
            return;
        }

        db.WeeklyHours.AddRange(ranges.Select(r => new WeeklyHours
        {
            DoctorId = doctorId, ClinicId = clinicId, DayOfWeek = r.Day, StartMinute = r.Start.Hour * 60 + r.Start.Minute,
            EndMinute = r.End == TimeOnly.MaxValue ? 24 * 60 : r.End.Hour * 60 + r.End.Minute,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Guid> SeedDemoVisitAsync(DemoVisit visit, CancellationToken cancellationToken = default)
    {
        var status = visit.Status switch
        {
            "booked" => AppointmentStatus.Booked,
            "checkedIn" => AppointmentStatus.CheckedIn,
            "completed" => AppointmentStatus.Completed,
            _ => throw new ArgumentException("A demo visit is booked, checkedIn or completed.", nameof(visit)),
        };
        var createdAt = visit.Start.AddDays(-7);
        var appointment = Appointment.SeededForDemo(visit.DoctorId, visit.DoctorUserId, visit.PatientId, visit.PatientUserId, visit.ClinicId, visit.Kind,
            visit.Start, visit.End, status, visit.BookedBy, createdAt);
        db.Appointments.Add(appointment);
        // Its time is taken, as a real booking's is, so the slot is not offered again; a granule already held by anything else is left alone.
        var granules = Slots.SlotGenerator.Granules(NodaTime.Instant.FromDateTimeUtc(visit.Start), NodaTime.Instant.FromDateTimeUtc(visit.End)).ToList();
        var held = await db.TimeBlocks.Where(b => b.DoctorId == visit.DoctorId && granules.Contains(b.Granule)).Select(b => b.Granule).ToListAsync(cancellationToken);
        db.TimeBlocks.AddRange(granules.Except(held).Select(g => new Slots.TimeBlock
        {
            DoctorId = visit.DoctorId, Granule = g, OwnerKind = Slots.TimeBlockOwner.Appointment, OwnerId = appointment.Id,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return appointment.Id;
    }

    public Task<int> CountAppointmentsAsync(DateTime fromUtc, DateTime untilUtc, bool completedOnly = false, CancellationToken cancellationToken = default) =>
        db.Appointments.AsNoTracking().CountAsync(a => a.Start >= fromUtc && a.Start < untilUtc && (!completedOnly || a.Status == AppointmentStatus.Completed), cancellationToken);

    private static DateTime LastChange(Appointments.Appointment a) =>
        new[] { a.ConfirmedAt, a.CheckedInAt, a.CompletedAt, a.CancelledAt }.Where(t => t is not null).Select(t => t!.Value).Append(a.CreatedAt).Max();
}
