using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.ClinicRules;
using Telemed.Modules.Scheduling.FrontDesk;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.Modules.Scheduling.Slots;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.Modules.Scheduling.Waitlist;

/// <summary>
/// The patient takes a held time: the hold's blocks become the appointment's (only if all of them are still held, so an
/// expired hold that someone else booked into cannot be taken), the offer is accepted, the entry closed, and the
/// appointment raises <c>AppointmentBooked</c> like any other booking.
/// </summary>
internal sealed class AcceptOffer(SchedulingDbContext db, ScheduleReader schedules, SlotReservations reservations, ReminderPlanner reminders,
    ClinicPolicies policies, CloseSatisfiedEntries waitlist, FrontDeskFeed feed)
{
    /// <summary>Errors: not found (404, also for another patient's offer), offer expired (409), doctor not found (404).</summary>
    public async Task<Result<Appointment>> RunAsync(Guid offerId, Guid patientUserId, CancellationToken ct)
    {
        var offer = await db.WaitlistOffers.SingleOrDefaultAsync(o => o.Id == offerId, ct);
        var entry = offer is null ? null : await db.WaitlistEntries.SingleOrDefaultAsync(e => e.Id == offer.EntryId, ct);
        if (offer is null || entry is null || entry.PatientUserId != patientUserId)
        {
            return Error.NotFound();
        }

        var now = reservations.Now;
        if (!offer.IsHeld(now))
        {
            return WaitlistOffer.Ended;
        }

        var doctor = await schedules.DoctorAsync(offer.DoctorId, ct);
        if (doctor is null)
        {
            return SchedulingErrors.DoctorNotFound;
        }

        var booked = Appointment.Book(offer.DoctorId, doctor.UserId, entry.PatientId, entry.PatientUserId, offer.ClinicId, offer.Kind, offer.Start, offer.End,
            patientUserId, now);
        if (!booked.IsSuccess)
        {
            return booked.Error!;
        }

        var appointment = booked.Value;
        var policy = await policies.ForAsync(offer.ClinicId, ct);
        var expectedBlocks = SlotGenerator.Granules(Instant.FromDateTimeUtc(offer.BlockedFrom), Instant.FromDateTimeUtc(offer.BlockedUntil)).Count();
        bool committed;
        try
        {
            committed = await reservations.InTransactionAsync(async () =>
            {
                var converted = await db.TimeBlocks.Where(b => b.OwnerId == offer.Id && b.ExpiresAt > now).ExecuteUpdateAsync(s => s
                    .SetProperty(b => b.OwnerKind, TimeBlockOwner.Appointment).SetProperty(b => b.OwnerId, appointment.Id).SetProperty(b => b.ExpiresAt, (DateTime?)null), ct);
                if (converted != expectedBlocks || !offer.Accept(appointment.Id, now).IsSuccess)
                {
                    throw new HoldLostException();
                }

                db.Appointments.Add(appointment);
                reminders.Plan(appointment, policy, now);
                await waitlist.CloseForAsync(appointment, ct);   // closes this entry, and any other it satisfies
                await db.SaveChangesAsync(ct);
            }, ct);
        }
        catch (Exception ex) when (ex is HoldLostException or DbUpdateConcurrencyException)
        {
            committed = false;
        }

        if (!committed)
        {
            db.ChangeTracker.Clear();
            return WaitlistOffer.Ended;
        }

        TelemedMetrics.Bookings.Add(1, new KeyValuePair<string, object?>("source", "waitlist"));
        await feed.PublishAsync(appointment);
        return appointment;
    }

    private sealed class HoldLostException : Exception;
}
