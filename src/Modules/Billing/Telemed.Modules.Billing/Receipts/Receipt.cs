namespace Telemed.Modules.Billing.Receipts;

/// <summary>
/// The numbered receipt (invoice) of a paid visit, issued when money is first captured. Numbers run per clinic and calendar year
/// (UTC) without gaps from 1, unique by index, printed as <c>{year}-{number:000000}</c>; one receipt per payment.
/// </summary>
public sealed class Receipt
{
    public Guid Id { get; init; }
    public Guid PaymentId { get; init; }
    public Guid ClinicId { get; init; }
    public int Year { get; init; }
    public int Number { get; init; }
    public DateTime IssuedAt { get; init; }

    /// <summary>The number as printed, e.g. <c>2026-000042</c>.</summary>
    public string Display => $"{Year}-{Number:000000}";
}
