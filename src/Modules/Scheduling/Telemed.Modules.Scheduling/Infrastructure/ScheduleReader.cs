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

/// <summary>
/// Loads doctors' rules: from the host's reference cache (<see cref="SchedulingReferenceData"/>), and for the doctors not cached
/// in three queries however many they are. Doctors and clinics come from the directory's facade, which caches them itself.
/// </summary>
internal sealed class ScheduleReader(SchedulingDbContext db, IDirectoryModule directory, TimeProvider clock)
{
    private IReadOnlyDictionary<Guid, ClinicSummary>? _clinics;

    public async Task<IReadOnlyDictionary<Guid, ClinicSummary>> ClinicsAsync(CancellationToken ct) =>
        _clinics ??= (await directory.GetClinicsAsync(ct)).ToDictionary(c => c.ClinicId);

    public async Task<DoctorSummary?> DoctorAsync(Guid doctorId, CancellationToken ct) =>
        (await directory.FindDoctorsAsync(new DoctorFilter(DoctorId: doctorId, ActiveOnly: false), ct)).SingleOrDefault();

    /// <summary>Each doctor's schedule for local dates <paramref name="fromDate"/>..<paramref name="toDate"/>, in the order given.</summary>
    public async Task<IReadOnlyList<DoctorSchedule>> LoadAsync(IReadOnlyList<DoctorSummary> doctors, DateOnly fromDate, DateOnly toDate, CancellationToken ct)
    {
        var clinics = await ClinicsAsync(ct);
        var rules = await RulesAsync(doctors.Select(d => d.DoctorId).Distinct().ToList(), fromDate.AddDays(-1), ct);
        var until = toDate.AddDays(1);

        return doctors.Select(d =>
        {
            var own = rules[d.DoctorId];
            return new DoctorSchedule(d,
                d.ClinicIds.Where(clinics.ContainsKey).Select(c => new ClinicSchedule(c, Zone(clinics[c].TimeZone),
                    own.Weekly.Where(w => w.ClinicId == c).ToList(),
                    own.Exceptions.Where(e => e.ClinicId == c && e.Date >= fromDate.AddDays(-1) && e.Date <= until).ToList(), d.LicenceExpiresOn)).ToList(),
                Enum.GetValues<AppointmentKind>().ToDictionary(k => k,
                    k => own.Types.SingleOrDefault(t => t.Kind == k) ?? AppointmentTypeSettings.DefaultFor(d.DoctorId, k)));
        }).ToList();
    }

    /// <summary>The rules of each doctor with the exceptions from <paramref name="from"/> on: cached ones as they are, the rest loaded together and cached.</summary>
    private async Task<Dictionary<Guid, DoctorRules>> RulesAsync(IReadOnlyList<Guid> doctorIds, DateOnly from, CancellationToken ct)
    {
        var cache = db.Reference.Doctors;
        var found = new Dictionary<Guid, DoctorRules>(doctorIds.Count);
        var missing = new List<Guid>();
        foreach (var id in doctorIds)
        {
            if (cache.TryGet(id, out var cached) && cached.ExceptionsFrom <= from)
            {
                found[id] = cached;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        // Cached entries hold every exception from two days before today on, so later searches of any future range are served.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var exceptionsFrom = from < today.AddDays(-2) ? from : today.AddDays(-2);
        var generation = cache.Generation;
        var weekly = await db.WeeklyHours.AsNoTracking().Where(w => missing.Contains(w.DoctorId)).ToListAsync(ct);
        var exceptions = await db.Exceptions.AsNoTracking().Where(e => missing.Contains(e.DoctorId) && e.Date >= exceptionsFrom).ToListAsync(ct);
        var types = await db.AppointmentTypes.AsNoTracking().Where(t => missing.Contains(t.DoctorId)).ToListAsync(ct);
        foreach (var id in missing)
        {
            var rules = new DoctorRules(weekly.Where(w => w.DoctorId == id).ToList(), types.Where(t => t.DoctorId == id).ToList(),
                exceptions.Where(e => e.DoctorId == id).ToList(), exceptionsFrom);
            cache.Set(id, rules, generation);
            found[id] = rules;
        }

        return found;
    }

    /// <summary>
    /// The zone of a stored clinic zone id (in any letter case). An unknown one throws rather than reading as UTC, which shifted a
    /// clinic's hours and slots silently (<see cref="ClinicTimeZone.NodaZone"/>).
    /// </summary>
    public static DateTimeZone Zone(string id) => ClinicTimeZone.NodaZone(id);
}
