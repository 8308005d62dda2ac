namespace Telemed.Modules.Billing.Payments;

/// <summary>An amount in minor units of an ISO 4217 currency (e.g. 195000 RUB = 1,950.00 ₽).</summary>
public sealed record MoneyView(long AmountMinor, string Currency);

/// <summary>
/// One refund of a payment, from its ledger: <c>Amount</c> in minor units, <c>Reason</c> a settlement reason (camelCase:
/// <c>refundedByAdmin</c> for an administrator's refund, or the clinic's automatic one: <c>doctorAbsent</c>, <c>technicalFailure</c>,
/// <c>cancelledByClinic</c>, …), <c>At</c> the UTC instant it was recorded. An administrator's free-text reason is in the audit trail only.
/// </summary>
public sealed record RefundView(MoneyView Amount, string Reason, DateTime At);

/// <summary>
/// A visit's payment. <c>Status</c>: see <see cref="PaymentStatus"/> (camelCase). <c>Quote</c> is the price shown at booking for
/// <c>QuotedMinutes</c>; <c>Captured</c>, <c>Refunded</c> and <c>AmountDue</c> are what moved or is owed, <c>Refunds</c> each refund with
/// its reason (oldest first). <c>LateCancellationFee</c> is what cancelling inside the clinic's cancellation window (or not coming)
/// costs under the rules stored with this payment, so the patient can be told before cancelling; 0 when the clinic charges none.
/// <c>Settlement</c> says what the money was taken for once captured (<c>visit</c>, <c>lateCancellationFee</c>, <c>noShowFee</c>; it
/// stays so after refunds) or why nothing was taken. <c>CreatedAt</c> (when the payment was made, at booking: the administrator's list
/// is in this order) and <c>UpdatedAt</c> (its last change) are UTC instants. Amounts are in minor units. The payer (the patient or
/// their guardian) also gets <c>Gateway</c>, <c>ClientSecret</c> (to confirm a card while one is accepted), <c>PublishableKey</c>
/// (Stripe) and the card's brand and last four digits; front desk and administrators get none of those.
/// </summary>
public sealed record PaymentView(Guid Id, Guid AppointmentId, string Status, MoneyView Quote, int QuotedMinutes, MoneyView Authorised, MoneyView Captured,
    MoneyView Refunded, IReadOnlyList<RefundView> Refunds, MoneyView AmountDue, MoneyView LateCancellationFee, int? BilledMinutes, string? Settlement,
    string? DeclineCode, DateTime CreatedAt, DateTime UpdatedAt, string? Gateway = null, string? ClientSecret = null, string? PublishableKey = null, string? CardBrand = null,
    string? CardLast4 = null)
{
    /// <summary>The view of <paramref name="p"/>, which must be loaded with its movements (the refunds are read from them).</summary>
    internal static PaymentView Of(Payment p, PaymentVisibility visibility, string? publishableKey)
    {
        var refunds = p.RefundMovements().Select(m => new RefundView(new(m.AmountMinor, m.Currency), m.Reason, m.At)).ToList();
        var view = new PaymentView(p.Id, p.AppointmentId, PaymentErrors.Name(p.Status), new(p.QuoteMinor, p.Currency), p.QuotedMinutes,
            new(p.AuthorisedMinor, p.Currency), new(p.CapturedMinor, p.Currency), new(p.RefundedMinor, p.Currency), refunds,
            new(p.AmountDueMinor, p.Currency), new(p.FeeMinor, p.Currency), p.BilledMinutes, p.SettlementReason, p.DeclineCode, p.CreatedAt, p.UpdatedAt);
        return visibility == PaymentVisibility.Payer
            ? view with
            {
                Gateway = p.Gateway, ClientSecret = p.AcceptsCard ? p.ClientSecret : null, PublishableKey = publishableKey, CardBrand = p.CardBrand,
                CardLast4 = p.CardLast4,
            }
            : view;
    }
}
