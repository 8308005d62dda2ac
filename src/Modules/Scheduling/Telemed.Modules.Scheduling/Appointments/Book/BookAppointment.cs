using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.ClinicRules;
using Telemed.Modules.Scheduling.FrontDesk;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.Modules.Scheduling.Slots;
using Telemed.Modules.Scheduling.Waitlist;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// Books a slot for a patient (by the patient or the front desk). In one transaction: the appointment (which raises
/// <c>AppointmentBooked</c>: care access and the patient's confirmation follow through the outbox), its time blocks,
/// its reminders, and the closing of the patient's waitlist entries it satisfies.
/// </summary>
internal sealed class BookAppointment(SchedulingDbContext db, SlotReservations reservations, ReminderPlanner reminders, ClinicPolicies policies,
    CloseSatisfiedEntries waitlist, FrontDeskFeed feed)
{
    /// <summary>Errors: doctor not found, slot unavailable (422), slot taken (409), in the past (422).</summary>
    public async Task<Result<Appointment>> RunAsync(SlotRequest request, Guid patientId, Guid patientUserId, Guid actorId, CancellationToken ct)
    {
        var resolved = await reservations.ResolveAsync(request, ct);
        if (!resolved.IsSuccess)
        {
            return resolved.Error!;
        }

        var (slot, doctor) = resolved.Value;
        var now = reservations.Now;
        var booked = Appointment.Book(doctor.DoctorId, doctor.UserId, patientId, patientUserId, request.ClinicId, request.Kind,
            slot.Start.ToDateTimeUtc(), slot.End.ToDateTimeUtc(), actorId, now);
        if (!booked.IsSuccess)
        {
            return booked.Error!;
        }

        var appointment = booked.Value;
        var policy = await policies.ForAsync(request.ClinicId, ct);
        var reserved = await reservations.InTransactionAsync(async () =>
        {
            await reservations.ReleaseExpiredHoldsAsync(doctor.DoctorId, slot, ct);
            db.Appointments.Add(appointment);
            reservations.Reserve(doctor.DoctorId, slot, TimeBlockOwner.Appointment, appointment.Id, expiresAt: null);
            reminders.Plan(appointment, policy, now);
            await waitlist.CloseForAsync(appointment, ct);
            await db.SaveChangesAsync(ct);
        }, ct);
        if (!reserved)
        {
            return SchedulingErrors.SlotTaken;
        }

        await feed.PublishAsync(appointment, ct);
        return appointment;
    }
}
