using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Waitlist;

/// <summary>The patient turns a held time down (it passes to the next in line), and the worker expires holds that ran out.</summary>
internal sealed class DeclineOffer(SchedulingDbContext db, OfferFreedTime offers, TimeProvider clock)
{
    /// <summary>Errors: not found (404, also for another patient's offer), offer expired (409) when it is no longer held.</summary>
    public async Task<Result> RunAsync(Guid offerId, Guid patientUserId, CancellationToken ct)
    {
        var offer = await db.WaitlistOffers.SingleOrDefaultAsync(o => o.Id == offerId, ct);
        var entry = offer is null ? null : await db.WaitlistEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == offer.EntryId, ct);
        if (offer is null || entry is null || entry.PatientUserId != patientUserId)
        {
            return Error.NotFound();
        }

        return await offers.PassOnAsync(offer, o => o.Decline(), ct) ? Result.Success : WaitlistOffer.Ended;
    }

    /// <summary>Holds that ran out go to the next patient in line; returns how many were passed on (at most 50 a pass).</summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.WaitlistOffers.Where(o => o.Status == OfferStatus.Offered && o.ExpiresAt <= now).OrderBy(o => o.ExpiresAt).Take(50).ToListAsync(ct);
        var passed = 0;
        foreach (var offer in due)
        {
            passed += await offers.PassOnAsync(offer, o => o.Expire(now), ct) ? 1 : 0;
        }

        return passed;
    }
}
