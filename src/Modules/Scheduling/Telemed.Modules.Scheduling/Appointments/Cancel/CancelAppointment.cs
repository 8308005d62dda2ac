using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.ClinicRules;
using Telemed.Modules.Scheduling.FrontDesk;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// Cancels an open appointment, by its patient or by the clinic. In one transaction: its time blocks, pending reminders
/// and unused links go, and the appointment raises <c>AppointmentTimeFreed</c> (the waitlist) and
/// <c>AppointmentCancelled</c> (the patient's notice).
/// </summary>
internal sealed class CancelAppointment(SchedulingDbContext db, SlotReservations reservations, ReminderPlanner reminders, ClinicPolicies policies,
    FrontDeskFeed feed)
{
    /// <summary>
    /// Cancels for a person's <paramref name="reason"/>, or for a system <paramref name="code"/> (<see cref="CancellationCodes"/>).
    /// Error: invalid transition (409) when the appointment is no longer open.
    /// </summary>
    public async Task<Result<Appointment>> RunAsync(Appointment appointment, string reason, bool byPatient, CancellationToken ct, string? code = null)
    {
        var policy = await policies.ForAsync(appointment.ClinicId, ct);
        var freed = await reservations.BlockedRangeAsync(appointment.Id, ct);
        var cancelled = appointment.Cancel(reason, reservations.Now, TimeSpan.FromHours(policy.CancellationCutoffHours), freed, byPatient, code);
        if (!cancelled.IsSuccess)
        {
            return cancelled.Error!;
        }

        await reservations.InTransactionAsync(async () =>
        {
            await reservations.ReleaseAsync(appointment.Id, ct);
            await reminders.WithdrawAsync(appointment.Id, ct);
            await db.SaveChangesAsync(ct);
        }, ct);
        TelemedMetrics.Cancellations.Add(1, new KeyValuePair<string, object?>("by", byPatient ? "patient" : "staff"),
            new KeyValuePair<string, object?>("late", appointment.LateCancellation ? "true" : "false"));
        await feed.PublishAsync(appointment);
        return appointment;
    }
}
