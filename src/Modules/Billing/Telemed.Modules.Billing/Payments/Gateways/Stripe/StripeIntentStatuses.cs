namespace Telemed.Modules.Billing.Payments.Gateways.Stripe;

/// <summary>
/// How a Stripe PaymentIntent <c>status</c> reads in our terms. <c>requires_confirmation</c> counts as "no card yet" because
/// with Stripe Elements the browser confirms in the same step it collects the card. A status Stripe may add later reads as
/// <see cref="GatewayIntentStatus.Processing"/>: not settled, so the payment core neither captures nor releases on it.
/// </summary>
internal static class StripeIntentStatuses
{
    public static GatewayIntentStatus ToGateway(string? status) => status switch
    {
        "requires_payment_method" or "requires_confirmation" => GatewayIntentStatus.RequiresPaymentMethod,
        "requires_action" => GatewayIntentStatus.RequiresAction,
        "requires_capture" => GatewayIntentStatus.Authorised,
        "succeeded" => GatewayIntentStatus.Captured,
        "canceled" => GatewayIntentStatus.Cancelled,
        _ => GatewayIntentStatus.Processing,
    };
}
