using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Slots;

/// <summary>
/// <see cref="IScheduleSlots"/>: the same generator as the booking search (<see cref="SlotGenerator"/>), with the taken time marking
/// slots busy instead of dropping them. Reads only doctor ids and time granules of the held time, never who holds it.
/// </summary>
internal sealed class ScheduleSlotsReader(SchedulingDbContext db, IDirectoryModule directory, ScheduleReader schedules, TimeProvider clock) : IScheduleSlots
{
    public const int MaxRangeDays = 62;

    /// <summary>The longest booking horizon a visit kind may have (<c>MaximumHorizonDays</c> is 1–365), with a day to spare.</summary>
    public const int LongestHorizonDays = 366;

    public async Task<IReadOnlyList<ScheduleSlot>> SlotsAsync(IReadOnlyCollection<Guid>? doctorIds, DateTime fromUtc, DateTime toUtc, int limit,
        CancellationToken cancellationToken = default)
    {
        // No slot starts before now or after the longest booking horizon, so the window is cut to that span first: the days around it
        // that the schedules are read for then stay far inside DateTime's range whatever instant a caller names (year 1, year 9999).
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var latest = now + Duration.FromDays(LongestHorizonDays);
        var from = Instant.Max(Instant.FromDateTimeUtc(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc)), now);
        if (from >= latest || limit <= 0)
        {
            return [];
        }

        var to = Instant.Min(Instant.Min(Instant.FromDateTimeUtc(DateTime.SpecifyKind(toUtc, DateTimeKind.Utc)), from + Duration.FromDays(MaxRangeDays)), latest);
        if (to <= from)
        {
            return [];
        }

        var doctors = (await directory.FindDoctorsAsync(new DoctorFilter(ActiveOnly: true), cancellationToken))
            .Where(d => doctorIds is null || doctorIds.Contains(d.DoctorId)).ToList();
        if (doctors.Count == 0)
        {
            return [];
        }

        var loaded = await schedules.LoadAsync(doctors, DateOnly.FromDateTime(from.ToDateTimeUtc()).AddDays(-1), DateOnly.FromDateTime(to.ToDateTimeUtc()).AddDays(1), cancellationToken);
        var taken = await TakenAsync([.. doctors.Select(d => d.DoctorId)], from - Duration.FromDays(1), to + Duration.FromDays(1), now, cancellationToken);
        var slots = new List<ScheduleSlot>();
        foreach (var doctor in loaded)
        {
            var busy = taken.TryGetValue(doctor.Doctor.DoctorId, out var set) ? set : [];
            foreach (var kind in Enum.GetValues<AppointmentKind>().Where(doctor.Types.ContainsKey))
            {
                slots.AddRange(doctor.Clinics.SelectMany(c => SlotGenerator.Generate(c, doctor.TypeOf(kind), from, to, now))
                    .DistinctBy(s => s.Start)
                    .Select(s => new ScheduleSlot(doctor.Doctor.DoctorId, s.ClinicId, kind, s.Start.ToDateTimeUtc(), s.End.ToDateTimeUtc(),
                        SlotGenerator.Granules(s.BlockedFrom, s.BlockedUntil).Any(busy.Contains))));
            }
        }

        return [.. slots.OrderBy(s => s.Start).ThenBy(s => s.DoctorId).ThenBy(s => s.Kind).Take(limit)];
    }

    private async Task<Dictionary<Guid, HashSet<DateTime>>> TakenAsync(List<Guid> doctorIds, Instant from, Instant to, Instant now, CancellationToken ct)
    {
        var (fromUtc, toUtc, nowUtc) = (from.ToDateTimeUtc(), to.ToDateTimeUtc(), now.ToDateTimeUtc());
        // Projected to (doctor, granule): the owner of a held time is never read.
        var rows = await db.TimeBlocks.AsNoTracking()
            .Where(b => doctorIds.Contains(b.DoctorId) && b.Granule >= fromUtc && b.Granule < toUtc && (b.ExpiresAt == null || b.ExpiresAt > nowUtc))
            .Select(b => new { b.DoctorId, b.Granule }).ToListAsync(ct);
        return rows.GroupBy(r => r.DoctorId).ToDictionary(g => g.Key, g => g.Select(r => r.Granule).ToHashSet());
    }
}
