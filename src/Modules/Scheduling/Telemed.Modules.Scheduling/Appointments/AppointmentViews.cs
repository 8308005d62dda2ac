using Telemed.Modules.Scheduling.Contracts;
using NodaTime;
using NodaTime.Text;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Waitlist;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>An appointment as its participants see it. <c>Waitlist</c> is set only in a booking's answer: what became of the patient's related waitlist entries.</summary>
public sealed record AppointmentView(Guid Id, Guid DoctorId, string DoctorName, Guid PatientId, string? PatientName, Guid ClinicId, string ClinicName,
    string ClinicTimeZone, string Kind, DateTime Start, DateTime End, string ClinicLocal, string Status, bool LateCancellation, string? CancellationReason,
    DateTime? ConfirmedAt, DateTime? CheckedInAt, bool Late, IReadOnlyList<WaitlistNote>? Waitlist = null);

/// <summary>Builds appointment views with the names the directory holds; patient names only for staff who may see schedules.</summary>
internal sealed class AppointmentViews(IDirectoryModule directory, ScheduleReader schedules, TimeProvider clock)
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

    public async Task<AppointmentView> OneAsync(Appointment appointment, bool withPatientName, CancellationToken ct) =>
        (await ManyAsync([appointment], withPatientName, ct)).Single();

    public async Task<IReadOnlyList<AppointmentView>> ManyAsync(IReadOnlyList<Appointment> appointments, bool withPatientNames, CancellationToken ct)
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
        return appointments.Select(a =>
        {
            var clinic = clinics.TryGetValue(a.ClinicId, out var c) ? c : new ClinicSummary(a.ClinicId, "", "", "UTC");
            return new AppointmentView(a.Id, a.DoctorId, doctors.TryGetValue(a.DoctorId, out var d) ? d.DisplayName : "", a.PatientId,
                withPatientNames ? patients.GetValueOrDefault(a.PatientId) : null, a.ClinicId, clinic.Name, clinic.TimeZone, KindName(a.Kind),
                a.Start, a.End, Local(a.Start, clinic.TimeZone), StatusName(a.Status), a.LateCancellation, a.CancellationReason, a.ConfirmedAt,
                a.CheckedInAt, a.IsLate(now));
        }).ToList();
    }
}
