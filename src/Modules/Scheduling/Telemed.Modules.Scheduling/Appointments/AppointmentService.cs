using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.FrontDesk;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.ClinicRules;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.Modules.Scheduling.Slots;

namespace Telemed.Modules.Scheduling.Appointments;

internal sealed record SlotRequest(Guid DoctorId, Guid ClinicId, AppointmentKind Kind, DateTime Start);

/// <summary>
/// Booking, rescheduling and cancelling. Time is reserved by inserting the slot's granules into
/// <see cref="TimeBlock"/> in the same transaction as the appointment: the database, not a check
/// before the write, decides who gets a contested slot.
/// </summary>
internal sealed class AppointmentService(SchedulingDbContext db, ScheduleReader schedules, SlotFinder slots, ReminderPlanner reminders,
    ClinicPolicies policies, FrontDeskFeed feed, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The slot the rules generate at exactly the requested time, with the doctor it belongs to.</summary>
    public async Task<Result<(CandidateSlot Slot, DoctorSummary Doctor)>> ResolveSlotAsync(SlotRequest request, CancellationToken ct)
    {
        var doctor = await schedules.DoctorAsync(request.DoctorId, ct);
        if (doctor is null || !doctor.Active)
        {
            return SchedulingErrors.DoctorNotFound;
        }

        var start = Instant.FromDateTimeUtc(DateTime.SpecifyKind(request.Start.ToUniversalTime(), DateTimeKind.Utc));
        var date = DateOnly.FromDateTime(request.Start);
        var schedule = (await schedules.LoadAsync([doctor], date, date, ct)).Single();
        var clinic = schedule.Clinics.SingleOrDefault(c => c.ClinicId == request.ClinicId);
        if (clinic is null)
        {
            return SchedulingErrors.SlotUnavailable;
        }

        var slot = SlotGenerator.Generate(clinic, schedule.TypeOf(request.Kind), start, start + Duration.FromMinutes(1), slots.Now)
            .Where(s => s.Start == start).Cast<CandidateSlot?>().FirstOrDefault();
        return slot is { } found ? (found, doctor) : SchedulingErrors.SlotUnavailable;
    }

    public async Task<Result<Appointment>> BookAsync(SlotRequest request, Guid patientId, Guid patientUserId, Guid actorId, CancellationToken ct)
    {
        var resolved = await ResolveSlotAsync(request, ct);
        if (!resolved.IsSuccess)
        {
            return resolved.Error!;
        }

        var (slot, doctor) = resolved.Value;
        var appointment = Appointment.Book(doctor.DoctorId, doctor.UserId, patientId, patientUserId, request.ClinicId, request.Kind,
            slot.Start.ToDateTimeUtc(), slot.End.ToDateTimeUtc(), actorId, Now);
        var policy = await policies.ForAsync(request.ClinicId, ct);

        var reserved = await InTransactionAsync(async () =>
        {
            await ReleaseExpiredHoldsAsync(doctor.DoctorId, slot, ct);
            db.Appointments.Add(appointment);
            Reserve(doctor.DoctorId, slot, TimeBlockOwner.Appointment, appointment.Id, expiresAt: null);
            reminders.Plan(appointment, policy, Now);
            db.Publish(new AppointmentBooked(appointment.Id, doctor.DoctorId, doctor.UserId, patientId, appointment.ClinicId,
                AppointmentViews.KindName(appointment.Kind), appointment.Start, appointment.End));
            await db.SaveChangesAsync(ct);
        }, ct);
        if (!reserved)
        {
            return SchedulingErrors.SlotTaken;
        }

        await feed.PublishAsync(appointment, ct);
        return appointment;
    }

    public async Task<Result<Appointment>> RescheduleAsync(Appointment appointment, DateTime newStart, CancellationToken ct)
    {
        if (!appointment.IsOpen)
        {
            return Appointment.InvalidTransition(appointment.Status, "rescheduled");
        }

        var resolved = await ResolveSlotAsync(new SlotRequest(appointment.DoctorId, appointment.ClinicId, appointment.Kind, newStart), ct);
        if (!resolved.IsSuccess)
        {
            return resolved.Error!;
        }

        var slot = resolved.Value.Slot;
        var policy = await policies.ForAsync(appointment.ClinicId, ct);
        var old = (appointment.Start, appointment.End);
        var oldBlocks = await BlockedRangeAsync(appointment.Id, ct);
        var moved = await InTransactionAsync(async () =>
        {
            await db.TimeBlocks.Where(b => b.OwnerId == appointment.Id).ExecuteDeleteAsync(ct);
            await ReleaseExpiredHoldsAsync(appointment.DoctorId, slot, ct);
            await reminders.WithdrawAsync(appointment.Id, ct);
            appointment.Reschedule(slot.Start.ToDateTimeUtc(), slot.End.ToDateTimeUtc());
            appointment.Version++;
            Reserve(appointment.DoctorId, slot, TimeBlockOwner.Appointment, appointment.Id, expiresAt: null);
            reminders.Plan(appointment, policy, Now);
            db.Publish(new AppointmentTimeFreed(appointment.Id, appointment.DoctorId, appointment.ClinicId, AppointmentViews.KindName(appointment.Kind),
                old.Start, old.End, oldBlocks.From, oldBlocks.Until));
            await db.SaveChangesAsync(ct);
        }, ct);
        if (!moved)
        {
            db.ChangeTracker.Clear();
            return SchedulingErrors.SlotTaken;
        }

        await feed.PublishAsync(appointment, ct);
        return appointment;
    }

    public async Task<Result<Appointment>> CancelAsync(Appointment appointment, string reason, CancellationToken ct)
    {
        var policy = await policies.ForAsync(appointment.ClinicId, ct);
        var blocks = await BlockedRangeAsync(appointment.Id, ct);
        var cancelled = appointment.Cancel(reason, Now, TimeSpan.FromHours(policy.CancellationCutoffHours));
        if (!cancelled.IsSuccess)
        {
            return cancelled.Error!;
        }

        appointment.Version++;
        await InTransactionAsync(async () =>
        {
            await db.TimeBlocks.Where(b => b.OwnerId == appointment.Id).ExecuteDeleteAsync(ct);
            await reminders.WithdrawAsync(appointment.Id, ct);
            db.Publish(new AppointmentTimeFreed(appointment.Id, appointment.DoctorId, appointment.ClinicId, AppointmentViews.KindName(appointment.Kind),
                appointment.Start, appointment.End, blocks.From, blocks.Until));
            await db.SaveChangesAsync(ct);
        }, ct);
        await feed.PublishAsync(appointment, ct);
        return appointment;
    }

    /// <summary>Confirm, check in, complete, no-show: a state change with nothing else to reserve or free.</summary>
    public async Task<Result<Appointment>> TransitionAsync(Appointment appointment, Func<Appointment, DateTime, Result> transition, CancellationToken ct)
    {
        var changed = transition(appointment, Now);
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        appointment.Version++;
        await db.SaveChangesAsync(ct);
        await feed.PublishAsync(appointment, ct);
        return appointment;
    }

    public void Reserve(Guid doctorId, CandidateSlot slot, TimeBlockOwner owner, Guid ownerId, DateTime? expiresAt) =>
        db.TimeBlocks.AddRange(SlotGenerator.Granules(slot.BlockedFrom, slot.BlockedUntil)
            .Select(g => new TimeBlock { DoctorId = doctorId, Granule = g, OwnerKind = owner, OwnerId = ownerId, ExpiresAt = expiresAt }));

    /// <summary>A waitlist hold that has run out no longer protects its time; whoever books it next removes it.</summary>
    public Task ReleaseExpiredHoldsAsync(Guid doctorId, CandidateSlot slot, CancellationToken ct)
    {
        var now = Now;
        var from = slot.BlockedFrom.ToDateTimeUtc();
        var until = slot.BlockedUntil.ToDateTimeUtc();
        return db.TimeBlocks.Where(b => b.DoctorId == doctorId && b.Granule >= from.AddMinutes(-SlotGenerator.GranuleMinutes) && b.Granule < until
            && b.ExpiresAt != null && b.ExpiresAt <= now).ExecuteDeleteAsync(ct);
    }

    /// <summary>Runs the work in one transaction; false when a unique key refused it (the time was taken meanwhile).</summary>
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
            return false;
        }
    }

    private async Task<(DateTime From, DateTime Until)> BlockedRangeAsync(Guid appointmentId, CancellationToken ct)
    {
        var granules = await db.TimeBlocks.AsNoTracking().Where(b => b.OwnerId == appointmentId).Select(b => b.Granule).ToListAsync(ct);
        return granules.Count == 0 ? default : (granules.Min(), granules.Max().AddMinutes(SlotGenerator.GranuleMinutes));
    }
}
