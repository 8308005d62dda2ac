using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Contracts;

namespace Telemed.Modules.Billing.Pricing;

/// <summary>
/// The pricing rules as sentences. Amounts are computed in <see cref="decimal"/> from minor units and rounded once, at the end,
/// to a whole minor unit with <see cref="MidpointRounding.AwayFromZero"/> (commercial rounding: 12.5 kopecks → 13), so a quote
/// never depends on the order of multiplication.
/// </summary>
internal static class PricingRules
{
    /// <summary>The longest consultation priced (24 hours, in minutes); longer values are input errors.</summary>
    public const int MaximumMinutes = 24 * 60;

    /// <summary>Billed minutes: the actual duration rounded up to the clinic's increment ("per started 5 minutes"); 0 stays 0.</summary>
    public static int BilledTimeIsRoundedUpToTheIncrement(TimeSpan duration, int incrementMinutes)
    {
        var increment = Math.Max(1, incrementMinutes);
        var started = (long)Math.Ceiling(Math.Max(0, duration.Ticks) / (double)TimeSpan.TicksPerMinute / increment);
        return (int)Math.Min(started * increment, MaximumMinutes);
    }

    /// <summary>rate (minor units per hour) × minutes ÷ 60 × qualification factor, rounded once to a minor unit.</summary>
    public static Money PriceIsRateTimesDurationTimesQualificationFactor(Money hourlyRate, int minutes, decimal factor) =>
        hourlyRate with { AmountMinor = (long)Math.Round(hourlyRate.AmountMinor * (decimal)minutes / 60m * factor, 0, MidpointRounding.AwayFromZero) };

    /// <summary>A consultation that took place costs at least the clinic's minimum charge.</summary>
    public static Money ChargeIsNeverBelowTheMinimum(Money amount, long minimumChargeMinor) =>
        Money.Max(amount, amount with { AmountMinor = minimumChargeMinor });

    /// <summary>The final charge never exceeds the quote the patient saw, unless the patient agreed to an extension.</summary>
    public static Money FinalChargeNeverExceedsTheQuoteUnlessAnExtensionWasAgreed(Money final, Money quote, bool extensionAgreed) =>
        extensionAgreed ? final : Money.Min(final, quote);

    /// <summary>Errors for inputs no price can be made from: 422 <c>billing.invalid_rate</c>, <c>billing.invalid_duration</c>.</summary>
    public static Error? PriceNeedsAPositiveRateAndADuration(Money hourlyRate, int minutes) =>
        hourlyRate.AmountMinor <= 0 || string.IsNullOrWhiteSpace(hourlyRate.Currency)
            ? new Error("billing.invalid_rate", "The doctor has no hourly rate.", ErrorKind.Unprocessable)
            : minutes is <= 0 or > MaximumMinutes
                ? new Error("billing.invalid_duration", $"A consultation lasts 1 to {MaximumMinutes} minutes.", ErrorKind.Unprocessable)
                : null;
}
