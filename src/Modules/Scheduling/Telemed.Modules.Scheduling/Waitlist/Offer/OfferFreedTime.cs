using Microsoft.EntityFrameworkCore;
using NodaTime;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.ClinicRules;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Slots;

namespace Telemed.Modules.Scheduling.Waitlist;

/// <summary>
/// Offers freed time to the waitlist, first come first served: the first matching patient still waiting gets a hold
/// (time blocks with an expiry, so nobody else can book it); when they decline, the hold runs out or they book
/// elsewhere, the time passes to the next patient who has not yet been offered it.
/// </summary>
internal sealed class OfferFreedTime(SchedulingDbContext db, ScheduleReader schedules, ClinicPolicies policies, SlotReservations reservations,
    SlotFinder finder, WaitlistOfferNotice notice)
{
    /// <summary>The offer made, or null when nobody matching waits, the time is past or it is no longer free.</summary>
    public async Task<WaitlistOffer?> OfferAsync(FreedTime time, CancellationToken ct)
    {
        var now = reservations.Now;
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
        if (!DoctorPractisesOnlyWhileLicensed.Covers(doctor.LicenceExpiresOn, date))
        {
            return null;   // freed time after the doctor's licence ends is offered to nobody
        }

        var specialties = doctor.Specialties.ToList();
        var entry = await db.WaitlistEntries
            .Where(e => e.Status == WaitlistStatus.Waiting && e.Kind == time.Kind && e.From <= date && e.To >= date
                && (e.DoctorId == time.DoctorId || (e.DoctorId == null && e.Specialty != null && specialties.Contains(e.Specialty)))
                && !db.WaitlistOffers.Any(o => o.EntryId == e.Id && o.DoctorId == time.DoctorId && o.Start == time.Start)
                && !db.WaitlistOffers.Any(o => o.EntryId == e.Id && o.Status == OfferStatus.Offered && o.ExpiresAt > now))
            .OrderBy(e => e.CreatedAt).FirstOrDefaultAsync(ct);
        if (entry is null || !await finder.IsFreeAsync(time.DoctorId, slot, null, ct))
        {
            return null;
        }

        var policy = await policies.ForAsync(time.ClinicId, ct);
        var offered = entry.Offer(time, now.AddMinutes(policy.WaitlistHoldMinutes), now);
        if (!offered.IsSuccess)
        {
            return null;
        }

        var offer = offered.Value;
        var held = await reservations.InTransactionAsync(async () =>
        {
            await reservations.ReleaseExpiredHoldsAsync(time.DoctorId, slot, ct);
            db.WaitlistOffers.Add(offer);
            reservations.Reserve(time.DoctorId, slot, TimeBlockOwner.Hold, offer.Id, offer.ExpiresAt);
            await db.SaveChangesAsync(ct);
        }, ct);
        db.ChangeTracker.Clear();
        if (!held)
        {
            return null;   // booked by someone else meanwhile: nothing left to offer
        }

        // The hold is committed: the patient is told whatever becomes of the caller (a request gone, a delivery cancelled at
        // shutdown). A retried delivery would find the entry already holding an offer and tell no one.
        await notice.TellAsync(entry.PatientId, offer, doctor.DisplayName, clinic, CancellationToken.None);
        return offer;
    }

    /// <summary>
    /// Ends a held offer (declined or expired: <paramref name="end"/> is the offer's own transition) and offers its time to
    /// the next patient. The offer's status is its concurrency token, so of two callers ending the same offer one wins.
    /// </summary>
    public async Task<bool> PassOnAsync(WaitlistOffer offer, Func<WaitlistOffer, BuildingBlocks.Results.Result> end, CancellationToken ct)
    {
        if (db.Entry(offer).State == EntityState.Detached)
        {
            db.WaitlistOffers.Attach(offer);   // a batch outlives the change tracker's clearing in OfferAsync
        }

        if (!end(offer).IsSuccess)
        {
            return false;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }

        // The offer has ended: its time goes on to the next patient whatever becomes of the caller (a patient who declines and
        // closes the page, a worker stopping), since nothing would pass it on later.
        await db.TimeBlocks.Where(b => b.OwnerId == offer.Id && b.OwnerKind == TimeBlockOwner.Hold).ExecuteDeleteAsync(CancellationToken.None);
        await OfferAsync(offer.Time, CancellationToken.None);
        return true;
    }
}
