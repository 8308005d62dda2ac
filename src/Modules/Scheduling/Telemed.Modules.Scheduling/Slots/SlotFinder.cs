using Telemed.Modules.Scheduling.Contracts;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Slots;

/// <summary>Free slots: what the rules generate, minus the time already held by appointments and unexpired waitlist holds.</summary>
internal sealed class SlotFinder(SchedulingDbContext db, TimeProvider clock)
{
    public Instant Now => Instant.FromDateTimeOffset(clock.GetUtcNow());

    /// <summary>
    /// Free slots per doctor. When only the first few are wanted (search results), the taken time of the
    /// first two days is read first, and the whole range only for doctors that have not enough there.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, List<CandidateSlot>>> FreeSlotsAsync(IReadOnlyList<DoctorSchedule> doctors, AppointmentKind kind,
        Guid? clinicId, Instant from, Instant to, int? perDoctor, CancellationToken ct)
    {
        var firstWindow = from + Duration.FromDays(2);
        if (perDoctor is null || firstWindow >= to)
        {
            return await FreeSlotsInAsync(doctors, kind, clinicId, from, to, perDoctor, ct);
        }

        var result = await FreeSlotsInAsync(doctors, kind, clinicId, from, firstWindow, perDoctor, ct);
        var shortOfSlots = doctors.Where(d => result[d.Doctor.DoctorId].Count < perDoctor).ToList();
        if (shortOfSlots.Count > 0)
        {
            foreach (var (doctorId, slots) in await FreeSlotsInAsync(shortOfSlots, kind, clinicId, from, to, perDoctor, ct))
            {
                result[doctorId] = slots;
            }
        }

        return result;
    }

    private async Task<Dictionary<Guid, List<CandidateSlot>>> FreeSlotsInAsync(IReadOnlyList<DoctorSchedule> doctors, AppointmentKind kind,
        Guid? clinicId, Instant from, Instant to, int? perDoctor, CancellationToken ct)
    {
        var now = Now;
        var ids = doctors.Select(d => d.Doctor.DoctorId).ToList();
        var maxBuffer = doctors.Count == 0 ? 0 : doctors.Max(d => Math.Max(d.TypeOf(kind).BufferBeforeMinutes, d.TypeOf(kind).BufferAfterMinutes));
        var taken = await TakenGranulesAsync(ids, from - Duration.FromMinutes(maxBuffer), to + Duration.FromMinutes(maxBuffer), now, ct);

        var result = new Dictionary<Guid, List<CandidateSlot>>();
        foreach (var doctor in doctors)
        {
            var type = doctor.TypeOf(kind);
            var busy = taken.TryGetValue(doctor.Doctor.DoctorId, out var set) ? set : [];
            var slots = doctor.Clinics.Where(c => clinicId is null || c.ClinicId == clinicId)
                .SelectMany(c => SlotGenerator.Generate(c, type, from, to, now))
                .Where(s => !SlotGenerator.Granules(s.BlockedFrom, s.BlockedUntil).Any(busy.Contains))
                .OrderBy(s => s.Start)
                .DistinctBy(s => s.Start);
            result[doctor.Doctor.DoctorId] = (perDoctor is { } limit ? slots.Take(limit) : slots).ToList();
        }

        return result;
    }

    public async Task<bool> IsFreeAsync(Guid doctorId, CandidateSlot slot, Guid? ignoringOwner, CancellationToken ct)
    {
        var now = Now.ToDateTimeUtc();
        var granules = SlotGenerator.Granules(slot.BlockedFrom, slot.BlockedUntil).ToList();
        return !await db.TimeBlocks.AnyAsync(b => b.DoctorId == doctorId && granules.Contains(b.Granule)
            && (b.ExpiresAt == null || b.ExpiresAt > now) && b.OwnerId != ignoringOwner, ct);
    }

    private async Task<Dictionary<Guid, HashSet<DateTime>>> TakenGranulesAsync(List<Guid> doctorIds, Instant from, Instant to, Instant now, CancellationToken ct)
    {
        var fromUtc = from.ToDateTimeUtc();
        var toUtc = to.ToDateTimeUtc();
        var nowUtc = now.ToDateTimeUtc();
        var rows = await db.TimeBlocks.AsNoTracking()
            .Where(b => doctorIds.Contains(b.DoctorId) && b.Granule >= fromUtc && b.Granule < toUtc && (b.ExpiresAt == null || b.ExpiresAt > nowUtc))
            .Select(b => new { b.DoctorId, b.Granule }).ToListAsync(ct);
        return rows.GroupBy(r => r.DoctorId).ToDictionary(g => g.Key, g => g.Select(r => r.Granule).ToHashSet());
    }
}
