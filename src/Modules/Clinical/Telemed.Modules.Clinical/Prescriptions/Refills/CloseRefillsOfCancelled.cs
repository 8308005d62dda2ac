using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Prescriptions.Refills;

/// <summary>
/// A cancelled prescription's open refill requests are declined (with the doctor's cancel reason, shown to the patient), and a
/// draft already started to approve one is cancelled too, so neither an approval nor a signature can bring the withdrawn therapy
/// back. Changes are tracked on <paramref name="db"/> and saved by the caller together with the cancel (the requests' versions
/// are concurrency tokens, so an approval racing the cancel loses).
/// </summary>
internal static class CloseRefillsOfCancelled
{
    public static async Task DeclineOpenRequestsAsync(ClinicalDbContext db, Prescription cancelled, string reason, DateTime now, CancellationToken ct)
    {
        var open = await db.RefillRequests.Where(r => r.PrescriptionId == cancelled.Id && r.Status == Contracts.RefillRequestStatuses.Requested).ToListAsync(ct);
        foreach (var refill in open)
        {
            var started = refill.NewPrescriptionId is { } startedId ? await db.Prescriptions.FirstOrDefaultAsync(p => p.Id == startedId, ct) : null;
            if (started is { Status: Contracts.PrescriptionStatuses.Active })
            {
                // The approval is already signed (the request becomes approved when that event is handled): the patient holds
                // the new prescription, which the doctor cancels separately if needed; "declined" would be untrue.
                continue;
            }

            if (started is { IsDraft: true })
            {
                started.Cancel(reason, now);
            }

            refill.Decline(reason, now);
        }
    }
}
