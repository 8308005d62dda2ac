using Telemed.Modules.Billing.Payments.Gateways;

namespace Telemed.Modules.Billing.Payments.Settlement;

/// <summary>
/// Records a refund the gateway made in a payment's ledger exactly once: the gateway's refund id is the identity, so a refund
/// already recorded (by a retry of the same request, whose idempotency key replayed the same refund) is not recorded again.
/// The amount recorded is the gateway's (minor units), which is what went back.
/// </summary>
internal static class RefundRecording
{
    /// <summary>
    /// <c>Recorded</c>: a new <c>refunded</c> movement (not saved yet). <c>AlreadyRecorded</c>: the ledger has this refund id; nothing
    /// changed. <c>NotRecordable</c>: the payment is not refundable now or has less left than the gateway refunded; nothing changed.
    /// </summary>
    public enum Outcome { Recorded, AlreadyRecorded, NotRecordable }

    /// <summary>
    /// Records <paramref name="refund"/> on <paramref name="payment"/> for <paramref name="reason"/> at <paramref name="now"/> (UTC).
    /// </summary>
    public static Outcome Record(Payment payment, GatewayRefund refund, string reason, DateTime now)
    {
        if (payment.HasMovement("refunded", refund.RefundId))
        {
            return Outcome.AlreadyRecorded;
        }

        return payment.Refund(refund.AmountMinor, reason, refund.RefundId, now).IsSuccess ? Outcome.Recorded : Outcome.NotRecordable;
    }
}
