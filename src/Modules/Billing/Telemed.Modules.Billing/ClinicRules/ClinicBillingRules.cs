using Telemed.Modules.Billing.Pricing;

namespace Telemed.Modules.Billing.ClinicRules;

/// <summary>
/// A clinic's billing rules as stored (one row per clinic; a clinic without a row uses <see cref="BillingRules.Default"/> and
/// <see cref="DefaultLateCancellationFeePercent"/>): the increment in minutes, the minimum charge (minor units), a factor per
/// qualification category, and the late-cancellation and no-show fee as a percentage (0–100) of the quote.
/// </summary>
public sealed class ClinicBillingRules
{
    /// <summary>Half the quote: a common clinic policy for cancellations inside the cutoff and for no-shows.</summary>
    public const int DefaultLateCancellationFeePercent = 50;

    public Guid ClinicId { get; init; }
    public int IncrementMinutes { get; set; } = 5;
    public long MinimumChargeMinor { get; set; }
    public decimal FactorNone { get; set; } = 1.0m;
    public decimal FactorSecond { get; set; } = 1.1m;
    public decimal FactorFirst { get; set; } = 1.2m;
    public decimal FactorHighest { get; set; } = 1.3m;
    public int LateCancellationFeePercent { get; set; } = DefaultLateCancellationFeePercent;
    public DateTime UpdatedAt { get; set; }

    /// <summary>The rules the pricing core computes with.</summary>
    public BillingRules ToRules() => new(IncrementMinutes, MinimumChargeMinor, new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["none"] = FactorNone, ["second"] = FactorSecond, ["first"] = FactorFirst, ["highest"] = FactorHighest,
    });

    public static ClinicBillingRules DefaultFor(Guid clinicId) => new() { ClinicId = clinicId };
}
