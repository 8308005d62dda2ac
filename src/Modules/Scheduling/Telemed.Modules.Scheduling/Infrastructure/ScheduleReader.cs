using Telemed.Modules.Scheduling.Contracts;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Slots;

namespace Telemed.Modules.Scheduling.Infrastructure;

/// <summary>A doctor's complete booking rules: hours and exceptions per clinic, and the settings of each kind of appointment.</summary>
internal sealed record DoctorSchedule(DoctorSummary Doctor, IReadOnlyList<ClinicSchedule> Clinics, IReadOnlyDictionary<AppointmentKind, AppointmentTypeSettings> Types)
{
    public AppointmentTypeSettings TypeOf(AppointmentKind kind) => Types[kind];
}

/// <summary>Loads doctors' rules in a few queries, however many doctors are asked for.</summary>
internal sealed class ScheduleReader(SchedulingDbContext db, IDirectoryModule directory)
{
    private IReadOnlyDictionary<Guid, ClinicSummary>? _clinics;

    public async Task<IReadOnlyDictionary<Guid, ClinicSummary>> ClinicsAsync(CancellationToken ct) =>
        _clinics ??= (await directory.GetClinicsAsync(ct)).ToDictionary(c => c.ClinicId);

    public async Task<DoctorSummary?> DoctorAsync(Guid doctorId, CancellationToken ct) =>
        (await directory.FindDoctorsAsync(new DoctorFilter(DoctorId: doctorId, ActiveOnly: false), ct)).SingleOrDefault();

    public async Task<IReadOnlyList<DoctorSchedule>> LoadAsync(IReadOnlyList<DoctorSummary> doctors, DateOnly fromDate, DateOnly toDate, CancellationToken ct)
    {
        var ids = doctors.Select(d => d.DoctorId).ToList();
        var clinics = await ClinicsAsync(ct);
        var weekly = await db.WeeklyHours.AsNoTracking().Where(w => ids.Contains(w.DoctorId)).ToListAsync(ct);
        var exceptions = await db.Exceptions.AsNoTracking()
            .Where(e => ids.Contains(e.DoctorId) && e.Date >= fromDate.AddDays(-1) && e.Date <= toDate.AddDays(1)).ToListAsync(ct);
        var types = await db.AppointmentTypes.AsNoTracking().Where(t => ids.Contains(t.DoctorId)).ToListAsync(ct);

        return doctors.Select(d => new DoctorSchedule(d,
            d.ClinicIds.Where(clinics.ContainsKey).Select(c => new ClinicSchedule(c, Zone(clinics[c].TimeZone),
                weekly.Where(w => w.DoctorId == d.DoctorId && w.ClinicId == c).ToList(),
                exceptions.Where(e => e.DoctorId == d.DoctorId && e.ClinicId == c).ToList())).ToList(),
            Enum.GetValues<AppointmentKind>().ToDictionary(k => k,
                k => types.SingleOrDefault(t => t.DoctorId == d.DoctorId && t.Kind == k) ?? AppointmentTypeSettings.DefaultFor(d.DoctorId, k)))).ToList();
    }

    public static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? DateTimeZone.Utc;
}
