using Telemed.Modules.Scheduling.Contracts;
using NodaTime;
using NodaTime.Text;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.Modules.Scheduling.Waitlist;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// An appointment as its participants see it. <c>AllowedActions</c>: what the asking participant can do now (see
/// <see cref="AppointmentActions"/>; empty for a one-tap link or a calendar). <c>Waitlist</c> is set only in a booking's answer:
/// what became of the patient's related waitlist entries. A cancelled one has <c>CancellationReason</c> (what a person typed) or
/// <c>CancellationCode</c> (a reason the system gave, from <see cref="CancellationCodes"/>, for the reader's language).
/// </summary>
public sealed record AppointmentView(Guid Id, Guid DoctorId, string DoctorName, Guid PatientId, string? PatientName, Guid ClinicId, string ClinicName,
    string ClinicTimeZone, string Kind, DateTime Start, DateTime End, string ClinicLocal, string Status, bool LateCancellation, string? CancellationReason,
    string? CancellationCode, DateTime? ConfirmedAt, DateTime? CheckedInAt, bool Late, IReadOnlyList<string> AllowedActions, IReadOnlyList<WaitlistNote>? Waitlist = null);

/// <summary>Builds appointment views with the names the directory holds; patient names only for staff who may see schedules.</summary>
internal sealed class AppointmentViews(IDirectoryModule directory, ScheduleReader schedules, SchedulingDbContext db, TimeProvider clock)
{
    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    public static string KindName(AppointmentKind kind) => kind switch
    {
        AppointmentKind.InPerson => "inPerson",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string StatusName(AppointmentStatus status) => char.ToLowerInvariant(status.ToString()[0]) + status.ToString()[1..];

    public static string Local(DateTime utc, string timeZone) =>
        LocalPattern.Format(Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(ScheduleReader.Zone(timeZone)).LocalDateTime);

    /// <summary>
    /// One appointment as <paramref name="viewer"/> sees it (<see cref="AppointmentRole.None"/>: no actions). <paramref name="justBooked"/>:
    /// no reminder can have gone out yet, so the reminders are not read (a booking stays a few statements).
    /// </summary>
    public async Task<AppointmentView> OneAsync(Appointment appointment, bool withPatientName, CancellationToken ct, AppointmentRole viewer = AppointmentRole.None,
        bool justBooked = false) =>
        (await ManyAsync([appointment], withPatientName, ct, viewer, justBooked)).Single();

    /// <summary>Appointments in the given order, as <paramref name="viewer"/> sees them.</summary>
    public async Task<IReadOnlyList<AppointmentView>> ManyAsync(IReadOnlyList<Appointment> appointments, bool withPatientNames, CancellationToken ct,
        AppointmentRole viewer = AppointmentRole.None, bool justBooked = false)
    {
        var clinics = await schedules.ClinicsAsync(ct);
        var doctorIds = appointments.Select(a => a.DoctorId).Distinct().ToList();
        var doctors = doctorIds.Count == 1
            ? (await directory.FindDoctorsAsync(new DoctorFilter(DoctorId: doctorIds[0], ActiveOnly: false), ct)).ToDictionary(d => d.DoctorId)
            : (await directory.FindDoctorsAsync(new DoctorFilter(ActiveOnly: false), ct)).Where(d => doctorIds.Contains(d.DoctorId)).ToDictionary(d => d.DoctorId);
        var patients = withPatientNames
            ? await directory.GetPatientNamesAsync(appointments.Select(a => a.PatientId).Distinct().ToList(), ct)
            : new Dictionary<Guid, string>();
        var now = clock.GetUtcNow().UtcDateTime;
        var reminded = justBooked ? [] : await RemindedAsync(appointments, viewer, ct);
        return appointments.Select(a =>
        {
            var clinic = clinics.TryGetValue(a.ClinicId, out var c) ? c : new ClinicSummary(a.ClinicId, "", "", "UTC");
            var (cancellationCode, cancellationReason) = CancellationCodes.AsRead(a.CancellationCode, a.CancellationReason);
            return new AppointmentView(a.Id, a.DoctorId, doctors.TryGetValue(a.DoctorId, out var d) ? d.DisplayName : "", a.PatientId,
                withPatientNames ? patients.GetValueOrDefault(a.PatientId) : null, a.ClinicId, clinic.Name, clinic.TimeZone, KindName(a.Kind),
                a.Start, a.End, Local(a.Start, clinic.TimeZone), StatusName(a.Status), a.LateCancellation, cancellationReason, cancellationCode, a.ConfirmedAt,
                a.CheckedInAt, a.IsLate(now), viewer == AppointmentRole.None ? [] : AppointmentActions.For(a, viewer, now, reminded.Contains((a.Id, a.Start))));
        }).ToList();
    }

    /// <summary>Whether a reminder has gone out for <paramref name="appointment"/>'s current time (what asks the patient to confirm).</summary>
    public async Task<bool> ReminderSentAsync(Appointment appointment, AppointmentRole viewer, CancellationToken ct) =>
        (await RemindedAsync([appointment], viewer, ct)).Contains((appointment.Id, appointment.Start));

    /// <summary>The (appointment, start) pairs whose reminder has gone out: only booked ones matter, and only when someone asks for actions.</summary>
    private async Task<HashSet<(Guid, DateTime)>> RemindedAsync(IReadOnlyList<Appointment> appointments, AppointmentRole viewer, CancellationToken ct)
    {
        var booked = appointments.Where(a => a.Status == AppointmentStatus.Booked).Select(a => a.Id).ToList();
        if (viewer == AppointmentRole.None || booked.Count == 0)
        {
            return [];
        }

        var sent = await db.Reminders.AsNoTracking().Where(r => booked.Contains(r.AppointmentId) && r.Status == ReminderStatus.Sent)
            .Select(r => new { r.AppointmentId, r.AppointmentStart }).ToListAsync(ct);
        return sent.Select(r => (r.AppointmentId, r.AppointmentStart)).ToHashSet();
    }
}
