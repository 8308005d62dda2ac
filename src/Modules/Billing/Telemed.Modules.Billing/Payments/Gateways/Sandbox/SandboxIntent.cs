namespace Telemed.Modules.Billing.Payments.Gateways.Sandbox;

/// <summary>
/// A payment intent held by the sandbox gateway (its own table, standing in for the gateway's books): amounts in minor units,
/// the Stripe-style status name (<c>requires_payment_method</c>, <c>requires_action</c>, <c>requires_capture</c>, <c>succeeded</c>,
/// <c>canceled</c>), the last decline code and the card's brand and last four digits — never the number.
/// </summary>
public sealed class SandboxIntent
{
    public string Id { get; init; } = "";
    public string ClientSecret { get; init; } = "";
    public long AmountMinor { get; init; }
    public string Currency { get; init; } = "";
    public string Status { get; set; } = "requires_payment_method";
    public long AmountCapturedMinor { get; set; }
    public long AmountRefundedMinor { get; set; }
    public string? DeclineCode { get; set; }
    public string? CardBrand { get; set; }
    public string? CardLast4 { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>An idempotency key the sandbox has answered (key, operation, intent, refund id when a refund): a replay returns the first answer.</summary>
public sealed class SandboxRequest
{
    public string IdempotencyKey { get; init; } = "";
    public string Operation { get; init; } = "";
    public string IntentId { get; init; } = "";
    public long AmountMinor { get; init; }
    public string? RefundId { get; init; }
    public DateTime At { get; init; }
}
