namespace Telemed.Modules.Billing.Payments;

/// <summary>
/// An administrator's refund request, by its <c>Idempotency-Key</c>, and the gateway refund that answered it (migration 0008): a retry of
/// the request finds it here and moves no money again. Several keys can name one refund: two administrators refunding the same amount
/// from the same state at once get the gateway's one refund, and each one's key is kept, so neither one's retry refunds again.
/// <c>AmountMinor</c> is the amount the request asked for (minor units), <c>At</c> a UTC instant.
/// </summary>
public sealed class RefundRequestKey
{
    /// <summary>The longest <see cref="RequestKey"/> accepted.</summary>
    public const int MaxLength = Telemed.BuildingBlocks.Http.IdempotencyKeyHeader.MaxLength;

    public Guid PaymentId { get; init; }
    public string RequestKey { get; init; } = "";
    public long AmountMinor { get; init; }

    /// <summary>The gateway's refund id, as in the <c>refunded</c> movement's <see cref="PaymentMovement.GatewayReference"/>.</summary>
    public string RefundId { get; init; } = "";
    public DateTime At { get; init; }
}
