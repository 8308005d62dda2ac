using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Billing.Pricing;

namespace Telemed.UnitTests.Billing;

/// <summary>Pricing rules of issue 14, item 1, table-driven. Amounts in minor units (kopecks/cents).</summary>
public sealed class ConsultationPricingTests
{
    private static readonly Money Rate = new(300_000, "RUB"); // 3,000.00 RUB per hour

    [Theory]
    // minutes, increment → billed minutes
    [InlineData(0.0, 5, 0)]
    [InlineData(0.01, 5, 5)]
    [InlineData(5.0, 5, 5)]
    [InlineData(5.01, 5, 10)]
    [InlineData(29.5, 5, 30)]
    [InlineData(30.0, 1, 30)]
    [InlineData(30.2, 1, 31)]
    [InlineData(7.0, 0, 7)] // an increment below 1 counts as per started minute
    [InlineData(5000.0, 5, PricingRules.MaximumMinutes)]
    public void Billed_time_is_rounded_up_to_the_increment(double minutes, int increment, int billed) =>
        PricingRules.BilledTimeIsRoundedUpToTheIncrement(TimeSpan.FromMinutes(minutes), increment).ShouldBe(billed);

    [Theory]
    // rate per hour, minutes, factor → amount; rounding once at the end, half away from zero
    [InlineData(300_000, 30, "1.0", 150_000)]
    [InlineData(300_000, 30, "1.3", 195_000)]
    [InlineData(100, 1, "1.0", 2)]        // 1.666… → 2
    [InlineData(90, 1, "1.0", 2)]         // 1.5 → 2 (half away from zero)
    [InlineData(30, 1, "1.0", 1)]         // 0.5 → 1
    [InlineData(29, 1, "1.0", 0)]         // 0.483… → 0
    [InlineData(1_000, 7, "1.1", 128)]    // 128.333… → 128
    [InlineData(999_999, 45, "1.2", 899_999)] // 899,999.1 → 899,999
    public void Price_is_rate_times_duration_times_qualification_factor(long rate, int minutes, string factor, long expected)
    {
        var amount = PricingRules.PriceIsRateTimesDurationTimesQualificationFactor(new Money(rate, "RUB"), minutes, decimal.Parse(factor, System.Globalization.CultureInfo.InvariantCulture));
        amount.ShouldBe(new Money(expected, "RUB"));
    }

    [Fact]
    public void Charge_is_never_below_the_minimum()
    {
        PricingRules.ChargeIsNeverBelowTheMinimum(new Money(10_000, "RUB"), 50_000).ShouldBe(new Money(50_000, "RUB"));
        PricingRules.ChargeIsNeverBelowTheMinimum(new Money(60_000, "RUB"), 50_000).ShouldBe(new Money(60_000, "RUB"));
        PricingRules.ChargeIsNeverBelowTheMinimum(new Money(60_000, "RUB"), 0).ShouldBe(new Money(60_000, "RUB"));
    }

    [Fact]
    public void Final_charge_never_exceeds_the_quote_unless_an_extension_was_agreed()
    {
        var quote = new Money(150_000, "RUB");
        PricingRules.FinalChargeNeverExceedsTheQuoteUnlessAnExtensionWasAgreed(new Money(200_000, "RUB"), quote, false).ShouldBe(quote);
        PricingRules.FinalChargeNeverExceedsTheQuoteUnlessAnExtensionWasAgreed(new Money(200_000, "RUB"), quote, true).ShouldBe(new Money(200_000, "RUB"));
        PricingRules.FinalChargeNeverExceedsTheQuoteUnlessAnExtensionWasAgreed(new Money(100_000, "RUB"), quote, false).ShouldBe(new Money(100_000, "RUB"));
    }

    [Fact]
    public void Amounts_in_different_currencies_are_never_compared() =>
        Should.Throw<InvalidOperationException>(() => Money.Min(new Money(1, "RUB"), new Money(1, "USD")));

    [Theory]
    // qualification, kind minutes, increment, minimum → quote
    [InlineData("none", 30, 5, 0, 150_000)]
    [InlineData("highest", 30, 5, 0, 195_000)]
    [InlineData("first", 15, 5, 0, 90_000)]
    [InlineData("unknown-category", 15, 5, 0, 75_000)] // no factor for it: 1
    [InlineData("second", 12, 5, 0, 82_500)]           // 12 min billed as 15: 3,000 × 0.25 × 1.1
    [InlineData("none", 10, 5, 100_000, 100_000)]      // the minimum wins
    public void A_quote_is_the_kinds_length_priced_by_the_clinics_rules(string qualification, int minutes, int increment, long minimum, long expected)
    {
        var rules = BillingRules.Default with { IncrementMinutes = increment, MinimumChargeMinor = minimum };
        var quote = ConsultationPricing.QuoteFor(Rate, qualification, minutes, rules);
        quote.IsSuccess.ShouldBeTrue();
        quote.Value.Amount.ShouldBe(new Money(expected, "RUB"));
        quote.Value.Minutes.ShouldBe(minutes);
    }

    [Theory]
    [InlineData(0, "RUB", 30, "billing.invalid_rate")]
    [InlineData(100, "", 30, "billing.invalid_rate")]
    [InlineData(100, "RUB", 0, "billing.invalid_duration")]
    [InlineData(100, "RUB", -5, "billing.invalid_duration")]
    [InlineData(100, "RUB", 1441, "billing.invalid_duration")]
    public void No_quote_without_a_positive_rate_and_a_duration(long rate, string currency, int minutes, string code) =>
        ConsultationPricing.QuoteFor(new Money(rate, currency), "none", minutes, BillingRules.Default).Error!.Code.ShouldBe(code);

    [Theory]
    // actual minutes, extension agreed → final amount, billed minutes, capped
    [InlineData(30.0, false, 150_000, 30, false)]
    [InlineData(22.3, false, 125_000, 25, false)] // shorter visit: per started 5 minutes
    [InlineData(41.0, false, 150_000, 45, true)]  // longer, no extension: the quote caps it
    [InlineData(41.0, true, 225_000, 45, false)]  // longer with the patient's consent
    [InlineData(0.5, false, 50_000, 5, false)]    // a very short visit costs the minimum
    [InlineData(0.0, false, 0, 0, false)]         // never started: not charged here (refund/cancellation case)
    public void The_final_charge_comes_from_the_actual_duration(double actualMinutes, bool extension, long amount, int billed, bool capped)
    {
        var rules = BillingRules.Default with { MinimumChargeMinor = 50_000 };
        var quote = ConsultationPricing.QuoteFor(Rate, "none", 30, rules).Value;
        var final = ConsultationPricing.FinalFor(Rate, quote, TimeSpan.FromMinutes(actualMinutes), extension, rules.MinimumChargeMinor);
        final.ShouldBe(new FinalCharge(new Money(amount, "RUB"), billed, capped));
    }

    [Fact]
    public void A_booked_visit_is_not_repriced_when_the_clinic_changes_its_factors()
    {
        var quote = ConsultationPricing.QuoteFor(Rate, "highest", 30, BillingRules.Default).Value;
        quote.QualificationFactor.ShouldBe(1.3m);
        // The clinic later lowers the factor; the final charge still uses the factor stored with the quote.
        ConsultationPricing.FinalFor(Rate, quote, TimeSpan.FromMinutes(30), false, 0).Amount.ShouldBe(new Money(195_000, "RUB"));
    }

    [Theory]
    // The same rules in US dollars (cents): $120.00 an hour. qualification, increment, scheduled minutes, actual minutes, extension
    // → quote, final, capped
    [InlineData("none", 5, 30, 30.0, false, 6_000, 6_000, false)]
    [InlineData("second", 5, 30, 30.0, false, 6_600, 6_600, false)]
    [InlineData("first", 5, 30, 17.0, false, 7_200, 4_800, false)]   // 17 min billed as 20: 120 × 1/3 × 1.2 = 48.00
    [InlineData("highest", 5, 30, 30.0, false, 7_800, 7_800, false)]
    [InlineData("none", 10, 30, 12.0, false, 6_000, 4_000, false)]   // per started 10 minutes: 12 → 20
    [InlineData("none", 15, 20, 20.0, false, 6_000, 6_000, false)]   // a 20-minute kind quoted per started 15: 30 minutes
    [InlineData("first", 5, 30, 47.0, false, 7_200, 7_200, true)]    // 50 billed minutes capped at the quote
    [InlineData("first", 5, 30, 47.0, true, 7_200, 12_000, false)]   // the patient agreed to the extension
    public void Quotes_and_final_charges_in_dollars_follow_the_same_factors_increments_and_cap(string qualification, int increment, int minutes,
        double actualMinutes, bool extension, long quoteCents, long finalCents, bool capped)
    {
        var rate = new Money(12_000, "USD");
        var rules = BillingRules.Default with { IncrementMinutes = increment };
        var quote = ConsultationPricing.QuoteFor(rate, qualification, minutes, rules).Value;
        quote.Amount.ShouldBe(new Money(quoteCents, "USD"));
        var final = ConsultationPricing.FinalFor(rate, quote, TimeSpan.FromMinutes(actualMinutes), extension, 0);
        final.Amount.ShouldBe(new Money(finalCents, "USD"));
        final.CappedAtQuote.ShouldBe(capped);
    }
}
