using Stripe;

namespace Telemed.Modules.Billing.Payments.Gateways.Stripe;

/// <summary>Stripe's objects in the port's terms: amounts stay in minor units, the currency goes to upper case.</summary>
internal static class StripeMapping
{
    /// <summary>
    /// A PaymentIntent as a <see cref="GatewayIntent"/>. The decline code is <c>last_payment_error.decline_code</c> (the issuer's
    /// reason, e.g. <c>insufficient_funds</c>), else its <c>code</c> (e.g. <c>card_declined</c>); the card brand and last four
    /// digits come from the latest charge when the call expanded it (<c>expand[]=latest_charge</c>).
    /// </summary>
    public static GatewayIntent ToGateway(PaymentIntent intent)
    {
        var card = intent.LatestCharge?.PaymentMethodDetails?.Card;
        var error = intent.LastPaymentError;
        return new GatewayIntent(intent.Id, StripeIntentStatuses.ToGateway(intent.Status), intent.Amount, Upper(intent.Currency), intent.AmountReceived,
            intent.ClientSecret, error?.DeclineCode ?? error?.Code, card?.Brand, card?.Last4);
    }

    /// <summary>
    /// The intent a <c>charge.*</c> event is about, as far as the charge tells: a refunded charge was captured, so the intent
    /// reads <see cref="GatewayIntentStatus.Captured"/> with the charge's captured amount. Null when the charge has no intent
    /// (a charge made outside PaymentIntents is not ours).
    /// </summary>
    public static GatewayIntent? IntentOf(Charge charge)
    {
        if (string.IsNullOrEmpty(charge.PaymentIntentId))
        {
            return null;
        }

        var card = charge.PaymentMethodDetails?.Card;
        var status = charge.Captured ? GatewayIntentStatus.Captured : GatewayIntentStatus.Authorised;
        return new GatewayIntent(charge.PaymentIntentId, status, charge.Amount, Upper(charge.Currency), charge.AmountCaptured, ClientSecret: null,
            charge.FailureCode, card?.Brand, card?.Last4);
    }

    public static GatewayRefund ToGateway(Refund refund) => new(refund.Id, refund.PaymentIntentId, refund.Amount, refund.Status);

    private static string Upper(string? currency) => (currency ?? "").ToUpperInvariant();
}
