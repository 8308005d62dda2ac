using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.FrontDesk;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.ClinicRules;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.Modules.Scheduling.Slots;

namespace Telemed.Modules.Scheduling.Waitlist;

internal sealed record FreedTime(Guid DoctorId, Guid ClinicId, AppointmentKind Kind, DateTime Start, DateTime End, DateTime BlockedFrom, DateTime BlockedUntil);

/// <summary>
/// Offers freed time to the waitlist, first come first served: the first matching patient gets a
/// hold (time blocks with an expiry, so nobody else can book it); when they decline or the hold runs
/// out, the time passes to the next patient who has not yet been offered it.
/// </summary>
internal sealed class WaitlistService(SchedulingDbContext db, ScheduleReader schedules, ClinicPolicies policies, AppointmentService appointments,
    ReminderPlanner reminders, SlotFinder finder, FrontDeskFeed feed, IDirectoryModule directory, INotificationSender sender, MessageTemplates templates,
    TimeProvider clock, ILogger<WaitlistService> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<WaitlistOffer?> OfferAsync(FreedTime time, CancellationToken ct)
    {
        var now = Now;
        if (time.Start <= now || time.BlockedUntil <= time.BlockedFrom)
        {
            return null;
        }

        var doctor = await schedules.DoctorAsync(time.DoctorId, ct);
        var clinic = (await schedules.ClinicsAsync(ct)).GetValueOrDefault(time.ClinicId);
        if (doctor is null || !doctor.Active || clinic is null)
        {
            return null;
        }

        var slot = new CandidateSlot(time.ClinicId, Instant.FromDateTimeUtc(time.Start), Instant.FromDateTimeUtc(time.End),
            Instant.FromDateTimeUtc(time.BlockedFrom), Instant.FromDateTimeUtc(time.BlockedUntil));
        var localDate = slot.Start.InZone(ScheduleReader.Zone(clinic.TimeZone)).Date;
        var date = new DateOnly(localDate.Year, localDate.Month, localDate.Day);
        var specialties = doctor.Specialties.ToList();
        var candidates = await db.WaitlistEntries
            .Where(e => e.Status == WaitlistStatus.Waiting && e.Kind == time.Kind && e.From <= date && e.To >= date
                && (e.DoctorId == time.DoctorId || (e.DoctorId == null && e.Specialty != null && specialties.Contains(e.Specialty)))
                && !db.WaitlistOffers.Any(o => o.EntryId == e.Id && o.DoctorId == time.DoctorId && o.Start == time.Start)
                && !db.WaitlistOffers.Any(o => o.EntryId == e.Id && o.Status == OfferStatus.Offered && o.ExpiresAt > now))
            .OrderBy(e => e.CreatedAt).Take(1).ToListAsync(ct);
        var entry = candidates.SingleOrDefault();
        if (entry is null || !await finder.IsFreeAsync(time.DoctorId, slot, null, ct))
        {
            return null;
        }

        var policy = await policies.ForAsync(time.ClinicId, ct);
        var offer = new WaitlistOffer
        {
            EntryId = entry.Id, DoctorId = time.DoctorId, ClinicId = time.ClinicId, Kind = time.Kind, Start = time.Start, End = time.End,
            BlockedFrom = time.BlockedFrom, BlockedUntil = time.BlockedUntil, ExpiresAt = now.AddMinutes(policy.WaitlistHoldMinutes), CreatedAt = now,
        };
        var held = await appointments.InTransactionAsync(async () =>
        {
            await appointments.ReleaseExpiredHoldsAsync(time.DoctorId, slot, ct);
            db.WaitlistOffers.Add(offer);
            appointments.Reserve(time.DoctorId, slot, TimeBlockOwner.Hold, offer.Id, offer.ExpiresAt);
            await db.SaveChangesAsync(ct);
        }, ct);
        db.ChangeTracker.Clear();
        if (!held)
        {
            return null;   // booked by someone else meanwhile: nothing left to offer
        }

        await TellPatientAsync(entry.PatientId, offer, doctor.DisplayName, clinic, ct);
        return offer;
    }

    public async Task<Result<Appointment>> AcceptAsync(Guid offerId, Guid patientUserId, CancellationToken ct)
    {
        var offer = await db.WaitlistOffers.SingleOrDefaultAsync(o => o.Id == offerId, ct);
        var entry = offer is null ? null : await db.WaitlistEntries.SingleOrDefaultAsync(e => e.Id == offer.EntryId, ct);
        if (offer is null || entry is null || entry.PatientUserId != patientUserId)
        {
            return Error.NotFound();
        }

        var now = Now;
        if (offer.Status != OfferStatus.Offered || offer.ExpiresAt <= now)
        {
            return SchedulingErrors.OfferExpired;
        }

        var doctor = await schedules.DoctorAsync(offer.DoctorId, ct);
        if (doctor is null)
        {
            return SchedulingErrors.DoctorNotFound;
        }

        var appointment = Appointment.Book(offer.DoctorId, doctor.UserId, entry.PatientId, entry.PatientUserId, offer.ClinicId, offer.Kind, offer.Start, offer.End,
            patientUserId, now);
        var policy = await policies.ForAsync(offer.ClinicId, ct);
        var expectedBlocks = SlotGenerator.Granules(Instant.FromDateTimeUtc(offer.BlockedFrom), Instant.FromDateTimeUtc(offer.BlockedUntil)).Count();
        bool committed;
        try
        {
            committed = await appointments.InTransactionAsync(async () =>
            {
                var converted = await db.TimeBlocks.Where(b => b.OwnerId == offer.Id && b.ExpiresAt > now).ExecuteUpdateAsync(s => s
                    .SetProperty(b => b.OwnerKind, TimeBlockOwner.Appointment).SetProperty(b => b.OwnerId, appointment.Id).SetProperty(b => b.ExpiresAt, (DateTime?)null), ct);
                if (converted != expectedBlocks)
                {
                    throw new HoldLostException();
                }

                offer.Status = OfferStatus.Accepted;
                offer.AppointmentId = appointment.Id;
                entry.Status = WaitlistStatus.Booked;
                db.Appointments.Add(appointment);
                reminders.Plan(appointment, policy, now);
                db.Publish(new AppointmentBooked(appointment.Id, doctor.DoctorId, doctor.UserId, entry.PatientId, appointment.ClinicId,
                    AppointmentViews.KindName(appointment.Kind), appointment.Start, appointment.End));
                await db.SaveChangesAsync(ct);
            }, ct);
        }
        catch (HoldLostException)
        {
            committed = false;
        }

        if (!committed)
        {
            db.ChangeTracker.Clear();
            return SchedulingErrors.OfferExpired;
        }

        await feed.PublishAsync(appointment, ct);
        return appointment;
    }

    public async Task<Result> DeclineAsync(Guid offerId, Guid patientUserId, CancellationToken ct)
    {
        var offer = await db.WaitlistOffers.SingleOrDefaultAsync(o => o.Id == offerId, ct);
        var entry = offer is null ? null : await db.WaitlistEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == offer.EntryId, ct);
        if (offer is null || entry is null || entry.PatientUserId != patientUserId)
        {
            return Error.NotFound();
        }

        if (offer.Status != OfferStatus.Offered)
        {
            return SchedulingErrors.OfferExpired;
        }

        await PassOnAsync(offer, OfferStatus.Declined, ct);
        return Result.Success;
    }

    /// <summary>Holds that ran out go to the next patient in line.</summary>
    public async Task<int> ExpireDueOffersAsync(CancellationToken ct)
    {
        var now = Now;
        var due = await db.WaitlistOffers.Where(o => o.Status == OfferStatus.Offered && o.ExpiresAt <= now).OrderBy(o => o.ExpiresAt).Take(50).ToListAsync(ct);
        foreach (var offer in due)
        {
            await PassOnAsync(offer, OfferStatus.Expired, ct);
        }

        return due.Count;
    }

    private async Task PassOnAsync(WaitlistOffer offer, OfferStatus ending, CancellationToken ct)
    {
        // The status change is conditional so that two workers, or a worker and a patient, cannot both end the same offer.
        var ended = await db.WaitlistOffers.Where(o => o.Id == offer.Id && o.Status == OfferStatus.Offered)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, ending), ct);
        if (ended == 0)
        {
            return;
        }

        await db.TimeBlocks.Where(b => b.OwnerId == offer.Id && b.OwnerKind == TimeBlockOwner.Hold).ExecuteDeleteAsync(ct);
        await OfferAsync(new FreedTime(offer.DoctorId, offer.ClinicId, offer.Kind, offer.Start, offer.End, offer.BlockedFrom, offer.BlockedUntil), ct);
    }

    private async Task TellPatientAsync(Guid patientId, WaitlistOffer offer, string doctorName, ClinicSummary clinic, CancellationToken ct)
    {
        var contact = await directory.GetPatientContactAsync(patientId, ct);
        if (contact is null)
        {
            return;
        }

        var message = templates.WaitlistOffer(contact.PreferredLanguage, doctorName, clinic, offer.Start, offer.ExpiresAt, offer.Kind);
        try
        {
            await sender.SendEmailAsync(contact.Email, message.Subject, message.EmailBody, ct);
            if (!string.IsNullOrWhiteSpace(contact.Phone))
            {
                await sender.SendSmsAsync(contact.Phone, message.SmsBody, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The offer stands and shows in the patient's app; a failed message must not undo it.
            logger.LogWarning("Waitlist offer {OfferId} could not be sent: {Error}", offer.Id, ex.GetType().Name);
        }
    }

    private sealed class HoldLostException : Exception;
}
