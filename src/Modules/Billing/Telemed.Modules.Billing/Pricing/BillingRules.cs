namespace Telemed.Modules.Billing.Pricing;

/// <summary>
/// A clinic's rules for pricing a consultation:
/// <list type="bullet">
/// <item><see cref="IncrementMinutes"/>: time is billed per started increment (5 = "per started 5 minutes"; 1 = per started minute).</item>
/// <item><see cref="MinimumChargeMinor"/>: no consultation that took place costs less, in the doctor's currency's minor units.</item>
/// <item><see cref="QualificationFactors"/>: the multiplier for each qualification category of the doctor (<c>none</c>, <c>second</c>,
/// <c>first</c>, <c>highest</c> — the Russian attestation categories the directory stores); a category without a factor counts 1.</item>
/// </list>
/// </summary>
public sealed record BillingRules(int IncrementMinutes, long MinimumChargeMinor, IReadOnlyDictionary<string, decimal> QualificationFactors)
{
    /// <summary>Per started 5 minutes, no minimum, factors 1.0 / 1.1 / 1.2 / 1.3 for none / second / first / highest.</summary>
    public static BillingRules Default { get; } = new(5, 0, new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["none"] = 1.0m, ["second"] = 1.1m, ["first"] = 1.2m, ["highest"] = 1.3m,
    });

    /// <summary>The factor for <paramref name="qualificationCategory"/> (1 when the clinic has none for it).</summary>
    public decimal FactorFor(string qualificationCategory) =>
        QualificationFactors.TryGetValue(qualificationCategory, out var factor) ? factor : 1m;
}
