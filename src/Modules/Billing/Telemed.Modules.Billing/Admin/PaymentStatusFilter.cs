using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Payments;

namespace Telemed.Modules.Billing.Admin;

/// <summary>
/// The <c>status</c> query parameter of the admin's payment list: a payment status as the API writes it (<c>awaitingPayment</c>,
/// <c>captured</c>, <c>partiallyRefunded</c>, …, case-insensitive), or absent/empty for every status. Anything else is 400
/// <c>billing.invalid_payment_status</c>, as for the claims (<c>ClaimStatusFilter</c>): a mistyped status once answered every payment,
/// which an administrator looking for what to refund took for the filtered list.
/// </summary>
internal static class PaymentStatusFilter
{
    public static readonly Error Invalid = Error.Validation("billing.invalid_payment_status",
        "Filter by awaitingPayment, requiresAction, authorised, captured, partiallyRefunded, refunded, released or unpaid.");

    /// <summary>The status asked for, <c>null</c> for "every status", or <see cref="Invalid"/>.</summary>
    public static Result<PaymentStatus?> Parse(string? status)
    {
        // Matched by name (FilterValues), not Enum.TryParse: that also accepts numbers and comma lists.
        return FilterValues.TryParse<PaymentStatus>(status, out var parsed, PaymentErrors.Name) ? parsed : Invalid;
    }
}
