using Telemed.Modules.Scheduling.Contracts;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Slots;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>A request for the slot that starts at <c>Start</c> (UTC) with a doctor at a clinic.</summary>
internal sealed record SlotRequest(Guid DoctorId, Guid ClinicId, AppointmentKind Kind, DateTime Start);

/// <summary>
/// What every use case that takes or gives up time shares. Time is reserved by inserting the slot's granules into
/// <see cref="TimeBlock"/> in the same transaction as the appointment or hold: the database, not a check before the
/// write, decides who gets a contested slot.
/// </summary>
internal sealed class SlotReservations(SchedulingDbContext db, ScheduleReader schedules, SlotFinder slots, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The slot the rules generate at exactly the requested time, with the doctor it belongs to. Errors: doctor not found,
    /// <c>scheduling.in_the_past</c> for a start that has passed (said as such rather than as an unavailable slot), the doctor's
    /// licence ended before the slot's day (clinic's local date), slot unavailable.
    /// </summary>
    public async Task<Result<(CandidateSlot Slot, DoctorSummary Doctor)>> ResolveAsync(SlotRequest request, CancellationToken ct)
    {
        var doctor = await schedules.DoctorAsync(request.DoctorId, ct);
        if (doctor is null || !doctor.Active)
        {
            return SchedulingErrors.DoctorNotFound;
        }

        var start = Instant.FromDateTimeUtc(DateTime.SpecifyKind(request.Start.ToUniversalTime(), DateTimeKind.Utc));
        if (AppointmentRules.AppointmentCannotBeBookedInThePast(start.ToDateTimeUtc(), Now) is { } past)
        {
            return past;
        }

        var date = DateOnly.FromDateTime(request.Start);
        var schedule = (await schedules.LoadAsync([doctor], date, date, ct)).Single();
        var clinic = schedule.Clinics.SingleOrDefault(c => c.ClinicId == request.ClinicId);
        if (clinic is null)
        {
            return SchedulingErrors.SlotUnavailable;
        }

        var localDate = start.InZone(clinic.Zone).Date;
        if (!DoctorPractisesOnlyWhileLicensed.Covers(doctor.LicenceExpiresOn, new DateOnly(localDate.Year, localDate.Month, localDate.Day)))
        {
            return SchedulingErrors.DoctorLicenceExpired;
        }

        var slot = SlotGenerator.Generate(clinic, schedule.TypeOf(request.Kind), start, start + Duration.FromMinutes(1), slots.Now)
            .Where(s => s.Start == start).Cast<CandidateSlot?>().FirstOrDefault();
        return slot is { } found ? (found, doctor) : SchedulingErrors.SlotUnavailable;
    }

    public void Reserve(Guid doctorId, CandidateSlot slot, TimeBlockOwner owner, Guid ownerId, DateTime? expiresAt) =>
        db.TimeBlocks.AddRange(Blocks(doctorId, slot, owner, ownerId, expiresAt));

    /// <summary>The 5-minute granules that <paramref name="slot"/> (with its buffers) takes, as rows to insert.</summary>
    public static IReadOnlyList<TimeBlock> Blocks(Guid doctorId, CandidateSlot slot, TimeBlockOwner owner, Guid ownerId, DateTime? expiresAt) =>
        SlotGenerator.Granules(slot.BlockedFrom, slot.BlockedUntil)
            .Select(g => new TimeBlock { DoctorId = doctorId, Granule = g, OwnerKind = owner, OwnerId = ownerId, ExpiresAt = expiresAt }).ToList();

    /// <summary>
    /// A waitlist hold that has run out no longer protects its time; whoever needs the time next removes it. Booking does this
    /// only after its insert was refused (then tries once more), not on every booking. Returns how many granules it freed.
    /// </summary>
    public Task<int> ReleaseExpiredHoldsAsync(Guid doctorId, CandidateSlot slot, CancellationToken ct)
    {
        var now = Now;
        var from = slot.BlockedFrom.ToDateTimeUtc();
        var until = slot.BlockedUntil.ToDateTimeUtc();
        return db.TimeBlocks.Where(b => b.DoctorId == doctorId && b.Granule >= from.AddMinutes(-SlotGenerator.GranuleMinutes) && b.Granule < until
            && b.ExpiresAt != null && b.ExpiresAt <= now).ExecuteDeleteAsync(ct);
    }

    /// <summary>The time an appointment's blocks cover now (what it gives up when it moves or ends).</summary>
    public async Task<BlockedRange> BlockedRangeAsync(Guid appointmentId, CancellationToken ct)
    {
        var granules = await db.TimeBlocks.AsNoTracking().Where(b => b.OwnerId == appointmentId).Select(b => b.Granule).ToListAsync(ct);
        return granules.Count == 0 ? default : new BlockedRange(granules.Min(), granules.Max().AddMinutes(SlotGenerator.GranuleMinutes));
    }

    public Task ReleaseAsync(Guid ownerId, CancellationToken ct) => db.TimeBlocks.Where(b => b.OwnerId == ownerId).ExecuteDeleteAsync(ct);

    /// <summary>
    /// Runs the work in one transaction; false when a unique key refused it (the time was taken meanwhile), in which case
    /// nothing the work added stays tracked.
    /// </summary>
    public async Task<bool> InTransactionAsync(Func<Task> work, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await work();
                await transaction.CommitAsync(ct);
            });
            return true;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
