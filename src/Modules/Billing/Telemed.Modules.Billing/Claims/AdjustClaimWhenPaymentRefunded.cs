using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Billing.Infrastructure;

namespace Telemed.Modules.Billing.Claims;

/// <summary>
/// The refund counterpart of <see cref="CreateClaimWhenVisitPaid"/>: a refund of a claimed payment corrects its claim. A draft claims what the
/// payment nets now (a full refund leaves nothing to claim: the draft is removed, as one would never have been made); a claim already sent to
/// the insurer keeps its amount and is flagged in its note for the billing office (<see cref="InsuranceClaim.TakeInRefund"/>). The live walk
/// found a claim drafted for 25,000, the visit refunded 21,100, and the claim submitted, accepted and paid for the full 25,000. Idempotent: it
/// reads the payment's net as stored, so a redelivered or out-of-order event changes nothing twice.
/// </summary>
internal sealed class AdjustClaimWhenPaymentRefunded(BillingDbContext db, TimeProvider clock) : IIntegrationEventHandler<PaymentRefunded>
{
    public async Task HandleAsync(PaymentRefunded e, CancellationToken cancellationToken)
    {
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.PaymentId == e.PaymentId, cancellationToken);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == e.PaymentId, cancellationToken);
        if (claim is null || payment is null)
        {
            return;
        }

        var net = payment.CapturedMinor - payment.RefundedMinor;
        if (claim.Status == ClaimStatus.Draft && net <= 0)
        {
            db.Claims.Remove(claim);
        }
        else if (!claim.TakeInRefund(net, clock.GetUtcNow().UtcDateTime))
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
