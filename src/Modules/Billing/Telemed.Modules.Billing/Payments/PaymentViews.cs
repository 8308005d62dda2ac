namespace Telemed.Modules.Billing.Payments;

/// <summary>An amount in minor units of an ISO 4217 currency (e.g. 195000 RUB = 1,950.00 ₽).</summary>
public sealed record MoneyView(long AmountMinor, string Currency);

/// <summary>
/// A visit's payment. <c>Status</c>: see <see cref="PaymentStatus"/> (camelCase). <c>Quote</c> is the price shown at booking for
/// <c>QuotedMinutes</c>; <c>Captured</c>, <c>Refunded</c> and <c>AmountDue</c> are what moved or is owed. <c>Settlement</c> says why it ended as
/// it did. The payer (the patient or their guardian) also gets <c>Gateway</c>, <c>ClientSecret</c> (to confirm a card while one is
/// accepted), <c>PublishableKey</c> (Stripe) and the card's brand and last four digits; front desk and administrators get none of those.
/// </summary>
public sealed record PaymentView(Guid Id, Guid AppointmentId, string Status, MoneyView Quote, int QuotedMinutes, MoneyView Authorised, MoneyView Captured,
    MoneyView Refunded, MoneyView AmountDue, int? BilledMinutes, string? Settlement, string? DeclineCode, DateTime UpdatedAt,
    string? Gateway = null, string? ClientSecret = null, string? PublishableKey = null, string? CardBrand = null, string? CardLast4 = null)
{
    internal static PaymentView Of(Payment p, PaymentVisibility visibility, string? publishableKey)
    {
        var view = new PaymentView(p.Id, p.AppointmentId, PaymentErrors.Name(p.Status), new(p.QuoteMinor, p.Currency), p.QuotedMinutes,
            new(p.AuthorisedMinor, p.Currency), new(p.CapturedMinor, p.Currency), new(p.RefundedMinor, p.Currency), new(p.AmountDueMinor, p.Currency),
            p.BilledMinutes, p.SettlementReason, p.DeclineCode, p.UpdatedAt);
        return visibility == PaymentVisibility.Payer
            ? view with
            {
                Gateway = p.Gateway, ClientSecret = p.AcceptsCard ? p.ClientSecret : null, PublishableKey = publishableKey, CardBrand = p.CardBrand,
                CardLast4 = p.CardLast4,
            }
            : view;
    }
}
