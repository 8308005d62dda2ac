using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;
using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Billing.Payments.Gateways.Stripe;

/// <summary>
/// Reads Stripe's webhook deliveries (<c>POST /api/v1/billing/webhooks/stripe</c>). The <c>Stripe-Signature</c> header
/// (<c>t=&lt;unix seconds&gt;,v1=&lt;HMAC-SHA256 of "t.payload" with the endpoint's secret&gt;</c>) is verified by Stripe.net's
/// <see cref="EventUtility.ConstructEvent(string, string, string, long, bool)"/> over the exact bytes received, with Stripe's
/// 300-second tolerance so a captured delivery cannot be replayed later. The event's API version may differ from the one
/// Stripe.net was built for: we read only fields that are stable across versions, so that is not an error.
/// <c>payment_intent.*</c> events carry the intent; <c>charge.refunded</c> carries the intent the charge belongs to; other
/// types come back with no intent (acknowledged, not acted on).
/// </summary>
internal sealed class StripeWebhooks(IOptions<StripeOptions> options, ILogger<StripeWebhooks> logger) : IGatewayWebhooks
{
    /// <summary>Stripe's default tolerance between the signature's timestamp and now, in seconds.</summary>
    public const long ToleranceSeconds = 300;

    public string Gateway => StripeGateway.GatewayName;

    public Result<GatewayEvent> Read(string payload, string? signatureHeader)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            logger.LogWarning("Stripe webhook refused: no Stripe-Signature header");
            return GatewayErrors.InvalidSignature;
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(payload, signatureHeader, options.Value.WebhookSecret, ToleranceSeconds, throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            // The exception says whether the signature or the timestamp failed; neither is worth more than a warning.
            logger.LogWarning("Stripe webhook refused: the signature does not verify or is older than {Tolerance} s", ToleranceSeconds);
            return GatewayErrors.InvalidSignature;
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or System.Text.Json.JsonException)
        {
            // Signed by Stripe yet not an event: treat like a forgery rather than fail with a 500.
            logger.LogWarning("Stripe webhook refused: the payload is not an event");
            return GatewayErrors.InvalidSignature;
        }

        return new GatewayEvent(stripeEvent.Id, stripeEvent.Type, stripeEvent.Data?.Object switch
        {
            PaymentIntent intent when stripeEvent.Type.StartsWith("payment_intent.", StringComparison.Ordinal) => StripeMapping.ToGateway(intent),
            Charge charge when stripeEvent.Type == "charge.refunded" => StripeMapping.IntentOf(charge),
            _ => null,
        });
    }
}
