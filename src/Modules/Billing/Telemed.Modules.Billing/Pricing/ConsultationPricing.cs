using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Contracts;

namespace Telemed.Modules.Billing.Pricing;

/// <summary>A price shown before booking: the amount, the minutes it is for (the appointment kind's length) and how it was made.</summary>
public sealed record Quote(Money Amount, int Minutes, decimal QualificationFactor, int IncrementMinutes);

/// <summary>What a finished consultation costs: the amount, the minutes billed, and whether the quote capped it.</summary>
public sealed record FinalCharge(Money Amount, int BilledMinutes, bool CappedAtQuote);

/// <summary>
/// Prices a consultation (issue 14, item 1): price = doctor's hourly rate × duration × the clinic's factor for the doctor's
/// qualification category, billed per started increment, never below the clinic's minimum, and — for the final charge —
/// never above the quote unless the patient agreed to an extension. Money stays in the doctor's currency, in minor units.
/// </summary>
public static class ConsultationPricing
{
    /// <summary>
    /// The quote for an appointment kind of <paramref name="minutes"/> (its scheduled length). Errors (422):
    /// <c>billing.invalid_rate</c> (no positive hourly rate), <c>billing.invalid_duration</c> (not 1–1440 minutes).
    /// </summary>
    public static Result<Quote> QuoteFor(Money hourlyRate, string qualificationCategory, int minutes, BillingRules rules)
    {
        if (PricingRules.PriceNeedsAPositiveRateAndADuration(hourlyRate, minutes) is { } error)
        {
            return error;
        }

        var factor = rules.FactorFor(qualificationCategory);
        var billed = PricingRules.BilledTimeIsRoundedUpToTheIncrement(TimeSpan.FromMinutes(minutes), rules.IncrementMinutes);
        var amount = PricingRules.PriceIsRateTimesDurationTimesQualificationFactor(hourlyRate, billed, factor);
        return new Quote(PricingRules.ChargeIsNeverBelowTheMinimum(amount, rules.MinimumChargeMinor), minutes, factor, rules.IncrementMinutes);
    }

    /// <summary>
    /// The final charge from the consultation's actual duration (its recorded start and end), priced with the factor and rules
    /// stored with <paramref name="quote"/> so a later change of the clinic's rules does not reprice a booked visit. A
    /// consultation that never started (zero duration) is not charged here: that is a cancellation or a refund case.
    /// </summary>
    public static FinalCharge FinalFor(Money hourlyRate, Quote quote, TimeSpan actualDuration, bool extensionAgreed, long minimumChargeMinor)
    {
        if (actualDuration <= TimeSpan.Zero)
        {
            return new FinalCharge(Money.Zero(quote.Amount.Currency), 0, false);
        }

        var billed = PricingRules.BilledTimeIsRoundedUpToTheIncrement(actualDuration, quote.IncrementMinutes);
        var amount = PricingRules.ChargeIsNeverBelowTheMinimum(
            PricingRules.PriceIsRateTimesDurationTimesQualificationFactor(hourlyRate, billed, quote.QualificationFactor), minimumChargeMinor);
        var final = PricingRules.FinalChargeNeverExceedsTheQuoteUnlessAnExtensionWasAgreed(amount, quote.Amount, extensionAgreed);
        return new FinalCharge(final, billed, final.AmountMinor < amount.AmountMinor);
    }
}
