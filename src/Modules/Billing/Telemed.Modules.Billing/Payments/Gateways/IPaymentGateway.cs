using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Billing.Payments.Gateways;

/// <summary>
/// Where an authorisation stands at the gateway, in Stripe's PaymentIntent terms (which the sandbox copies):
/// <c>requires_payment_method</c> (no card yet, or the last one was declined), <c>requires_action</c> (the card asks for
/// authentication, e.g. 3-D Secure), <c>processing</c>, <c>requires_capture</c> (authorised: money held, not taken),
/// <c>succeeded</c> (captured), <c>canceled</c> (authorisation released).
/// </summary>
public enum GatewayIntentStatus { RequiresPaymentMethod, RequiresAction, Processing, Authorised, Captured, Cancelled }

/// <summary>
/// A payment intent as the gateway reports it. Amounts in the currency's minor units; <c>Currency</c> is the ISO 4217 code
/// in upper case. <c>ClientSecret</c> is what the browser confirms the card with (Stripe.js / the sandbox form): it never
/// names the card. <c>DeclineCode</c> is the gateway's reason for the last decline (e.g. <c>card_declined</c>,
/// <c>insufficient_funds</c>), null otherwise. <c>CardBrand</c>/<c>CardLast4</c> are all we ever learn of the card.
/// </summary>
public sealed record GatewayIntent(string IntentId, GatewayIntentStatus Status, long AmountMinor, string Currency, long AmountCapturedMinor,
    string? ClientSecret, string? DeclineCode = null, string? CardBrand = null, string? CardLast4 = null);

/// <summary>
/// Ask the gateway for an intent with <b>manual capture</b> of <paramref name="AmountMinor"/> in <paramref name="Currency"/>
/// (ISO 4217). <paramref name="PaymentId"/> is our payment's id, sent as metadata so webhooks can be matched back;
/// <paramref name="Description"/> carries no PHI (e.g. "Telemed consultation").
/// </summary>
public sealed record CreateIntentRequest(Guid PaymentId, long AmountMinor, string Currency, string Description);

/// <summary>A refund as the gateway reports it: <c>Status</c> is <c>succeeded</c>, <c>pending</c> or <c>failed</c>; amount in minor units.</summary>
public sealed record GatewayRefund(string RefundId, string IntentId, long AmountMinor, string Status);

/// <summary>
/// The payment gateway port (issue 14, item 2). Adapters: <c>sandbox</c> (the embedded default, test cards only, the same state
/// machine as Stripe's PaymentIntents) and <c>stripe</c> (Stripe.net). <b>Every call carries an idempotency key</b>: the same key
/// sent again returns the first call's answer and moves no money twice, so callers derive keys from our own ids
/// (<c>payment:{id}:capture</c>) and may simply retry after a timeout. Card details never pass through these calls.
/// Errors: <c>billing.gateway_unavailable</c> (503, retry later: nothing changed on our side), <c>billing.gateway_refused</c>
/// (409: the gateway refused the transition, e.g. capture of a cancelled intent).
/// </summary>
public interface IPaymentGateway
{
    /// <summary>The adapter's name as configured in <c>Billing:Gateway</c>: <c>sandbox</c> or <c>stripe</c>.</summary>
    string Name { get; }

    /// <summary>What the browser needs to confirm a card with this gateway: Stripe's publishable key, null for the sandbox.</summary>
    string? PublishableKey { get; }

    /// <summary>Creates an intent with manual capture (status <see cref="GatewayIntentStatus.RequiresPaymentMethod"/>).</summary>
    Task<Result<GatewayIntent>> CreateIntentAsync(CreateIntentRequest request, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The intent's current state (after the browser confirmed the card, or to reconcile a missed webhook).</summary>
    Task<Result<GatewayIntent>> GetIntentAsync(string intentId, CancellationToken cancellationToken);

    /// <summary>Captures <paramref name="amountMinor"/> (≤ the authorised amount; the rest is released) of an authorised intent.</summary>
    Task<Result<GatewayIntent>> CaptureAsync(string intentId, long amountMinor, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Cancels an intent that is not captured: an authorisation is released (a "void").</summary>
    Task<Result<GatewayIntent>> CancelAsync(string intentId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Refunds <paramref name="amountMinor"/> of a captured intent (partial refunds allowed, never above what was captured).</summary>
    Task<Result<GatewayRefund>> RefundAsync(string intentId, long amountMinor, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>
/// A webhook delivery after its signature was verified: the gateway's event id (the same delivery sent twice has the same id,
/// which is what makes a second delivery change nothing), its type (e.g. <c>payment_intent.amount_capturable_updated</c>,
/// <c>payment_intent.succeeded</c>, <c>payment_intent.canceled</c>, <c>payment_intent.payment_failed</c>, <c>charge.refunded</c>)
/// and the intent it is about, as the event carried it (null for types we do not act on).
/// </summary>
public sealed record GatewayEvent(string EventId, string Type, GatewayIntent? Intent);

/// <summary>
/// Verifies and reads a gateway's webhook delivery (<c>POST /api/v1/billing/webhooks/{gateway}</c>). Error: 400
/// <c>billing.webhook_signature_invalid</c> when the signature is missing, wrong or outside the tolerance (Stripe: 300 s).
/// </summary>
public interface IGatewayWebhooks
{
    /// <summary>The gateway whose deliveries this reads (<c>stripe</c>, <c>sandbox</c>).</summary>
    string Gateway { get; }

    /// <summary>Checks the signature header over the exact <paramref name="payload"/> bytes received (as UTF-8 text) and parses the event.</summary>
    Result<GatewayEvent> Read(string payload, string? signatureHeader);
}

/// <summary>The gateway errors every adapter uses.</summary>
public static class GatewayErrors
{
    /// <summary>503: the gateway did not answer or answered 5xx; nothing changed on our side; retry later.</summary>
    public static readonly Error Unavailable = new("billing.gateway_unavailable", "The payment provider is not answering; please try again in a moment.", ErrorKind.Unavailable);

    /// <summary>409: the gateway refused the transition (its message is not shown: it may name the card).</summary>
    public static Error Refused(string gatewayCode) =>
        Error.Conflict("billing.gateway_refused", $"The payment provider refused this step ({gatewayCode}).");

    /// <summary>400: a webhook whose signature does not verify.</summary>
    public static readonly Error InvalidSignature = Error.Validation("billing.webhook_signature_invalid", "The webhook's signature does not verify.");
}
