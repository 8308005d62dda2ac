using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.ClinicRules;
using Telemed.Modules.Scheduling.FrontDesk;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.Modules.Scheduling.Slots;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// Moves an open appointment to another slot of the same doctor, clinic and kind. In one transaction: the old blocks
/// go, the new ones come, reminders and unused one-tap links are replaced, and the appointment raises
/// <c>AppointmentTimeFreed</c> (the waitlist) and <c>AppointmentRescheduled</c> (the patient's notice).
/// </summary>
internal sealed class RescheduleAppointment(SchedulingDbContext db, SlotReservations reservations, ReminderPlanner reminders, ClinicPolicies policies,
    FrontDeskFeed feed)
{
    /// <summary><paramref name="newStart"/> is a UTC instant. Errors: invalid transition (409), slot unavailable (422), slot taken (409), in the past (422).</summary>
    public async Task<Result<Appointment>> RunAsync(Appointment appointment, DateTime newStart, CancellationToken ct)
    {
        if (!appointment.IsOpen)
        {
            return Appointment.InvalidTransition(appointment.Status, "rescheduled");
        }

        var resolved = await reservations.ResolveAsync(new SlotRequest(appointment.DoctorId, appointment.ClinicId, appointment.Kind, newStart), ct);
        if (!resolved.IsSuccess)
        {
            return resolved.Error!;
        }

        var slot = resolved.Value.Slot;
        var policy = await policies.ForAsync(appointment.ClinicId, ct);
        var freed = await reservations.BlockedRangeAsync(appointment.Id, ct);
        var now = reservations.Now;
        var moved = appointment.Reschedule(slot.Start.ToDateTimeUtc(), slot.End.ToDateTimeUtc(), now, freed);
        if (!moved.IsSuccess)
        {
            return moved.Error!;
        }

        var committed = await reservations.InTransactionAsync(async () =>
        {
            await reservations.ReleaseAsync(appointment.Id, ct);
            await reservations.ReleaseExpiredHoldsAsync(appointment.DoctorId, slot, ct);
            await reminders.WithdrawAsync(appointment.Id, ct);
            reservations.Reserve(appointment.DoctorId, slot, TimeBlockOwner.Appointment, appointment.Id, expiresAt: null);
            reminders.Plan(appointment, policy, now);
            await db.SaveChangesAsync(ct);
        }, ct);
        if (!committed)
        {
            return SchedulingErrors.SlotTaken;
        }

        await feed.PublishAsync(appointment);
        return appointment;
    }
}
