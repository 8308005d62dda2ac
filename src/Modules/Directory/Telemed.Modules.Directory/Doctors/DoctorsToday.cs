using Telemed.Modules.Directory.Contracts;
using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Doctors;

/// <summary>
/// The calendar day a doctor's licence is judged on: the earliest local date among the time zones of the doctor's clinics (UTC when
/// they have none). A licence whose last day is D has therefore expired only once D has ended at every clinic where the doctor
/// works, which matches bookings: a visit on D in any clinic's local time is still covered (<c>DoctorPractisesOnlyWhileLicensed</c>).
/// </summary>
internal static class DoctorsToday
{
    /// <summary>The earliest local date of <paramref name="utcNow"/> in <paramref name="timeZones"/> (stored IANA ids; an unknown one throws, <see cref="ClinicTimeZone.Find"/>).</summary>
    public static DateOnly Of(IEnumerable<string> timeZones, DateTime utcNow)
    {
        var utc = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);
        var dates = timeZones.Select(id => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, ClinicTimeZone.Find(id)))).ToList();
        return dates.Count == 0 ? DateOnly.FromDateTime(utc) : dates.Min();
    }

    /// <summary>Today for <paramref name="doctor"/>: one read of its clinics' zones.</summary>
    public static async Task<DateOnly> OfAsync(DirectoryDbContext db, DoctorProfile doctor, TimeProvider clock, CancellationToken ct)
    {
        var ids = doctor.Clinics.Select(c => c.ClinicId).ToList();
        var zones = ids.Count == 0 ? [] : await db.Clinics.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.TimeZone).ToListAsync(ct);
        return Of(zones, clock.GetUtcNow().UtcDateTime);
    }
}
