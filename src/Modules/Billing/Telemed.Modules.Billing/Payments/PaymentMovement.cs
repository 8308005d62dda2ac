namespace Telemed.Modules.Billing.Payments;

/// <summary>
/// One movement of money on a payment, the ledger reconciliation, receipts and the accounting export read:
/// <c>Type</c> is <c>authorised</c>, <c>captured</c>, <c>released</c> or <c>refunded</c>; <c>AmountMinor</c> in the payment's currency's
/// minor units (positive); <c>Reason</c> a <see cref="SettlementReasons"/> value; <c>At</c> a UTC instant;
/// <c>GatewayReference</c> the gateway's intent or refund id.
/// </summary>
public sealed class PaymentMovement
{
    public Guid Id { get; init; }
    public Guid PaymentId { get; init; }
    public Guid ClinicId { get; init; }

    /// <summary>
    /// The payment's doctor (directory doctor id), copied so revenue by doctor needs no join; null only on a database migrated
    /// from before migration 0002 whose payment row had gone (the migration copies it for every existing movement).
    /// </summary>
    public Guid? DoctorId { get; init; }
    public string Type { get; init; } = "";
    public long AmountMinor { get; init; }
    public string Currency { get; init; } = "";
    public string Reason { get; init; } = "";
    public DateTime At { get; init; }
    public string? GatewayReference { get; init; }
}
