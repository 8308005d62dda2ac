using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Payments;

namespace Telemed.Modules.Billing.Payments;

/// <summary>Errors of payments; the codes are the stable contract the web app translates.</summary>
internal static class PaymentErrors
{
    public static readonly Error NotFound = new("billing.payment_not_found", "There is no such payment you may see.", ErrorKind.NotFound);
    public static readonly Error AppointmentNotFound = new("billing.appointment_not_found", "There is no such appointment you may pay for.", ErrorKind.NotFound);

    public static Error InvalidTransition(PaymentStatus from, string action) =>
        Error.Conflict("billing.payment_invalid_state", $"A payment that is {Name(from)} cannot be {action}.");

    public static readonly Error NothingToPay = Error.Conflict("billing.nothing_to_pay", "This appointment has nothing to pay: it is paid, settled or cancelled.");
    public static readonly Error RefundTooLarge = new("billing.refund_too_large", "A refund cannot exceed what was captured and not yet refunded.", ErrorKind.Unprocessable);
    public static readonly Error Concurrent = Error.Conflict("billing.payment_changed", "The payment changed meanwhile; reload and try again.");

    /// <summary>
    /// 409: the gateway refunded but the ledger cannot record it against the payment as it is now (changed meanwhile). Logged by payment
    /// id for an operator to reconcile; retrying does not refund again until it is.
    /// </summary>
    public static readonly Error RefundNotRecorded = Error.Conflict("billing.refund_not_recorded",
        "The refund was made at the payment provider, but the payment changed meanwhile and the refund could not be recorded. An operator has been alerted to reconcile it.");

    /// <summary>422: a refund request's Idempotency-Key already made a refund of another amount on this payment.</summary>
    public static readonly Error RefundKeyReused = new("idempotency.key_reused",
        "This Idempotency-Key was already used for a refund of another amount.", ErrorKind.Unprocessable);

    public static string Name(PaymentStatus status)
    {
        var name = status.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
