using Telemed.Modules.Billing.Admin;

namespace Telemed.UnitTests.Billing;

/// <summary>Reporting periods: typing errors (year 1, year 9999, reversed, over a year) are 400s, never overflows.</summary>
public sealed class BillingPeriodTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("0001-01-01", null)]
    [InlineData(null, "0001-01-01")]
    [InlineData("9999-12-31", null)]
    [InlineData(null, "9999-12-31")]
    [InlineData("2026-12-02", "2026-12-01")]
    [InlineData("2026-12-01", "2026-12-01")]
    [InlineData("2024-01-01", "2026-01-01")]
    public void Impossible_periods_are_refused(string? from, string? to) =>
        BillingPeriod.Of(Parse(from), Parse(to), Now).Error!.Code.ShouldBe("billing.invalid_period");

    [Fact]
    public void Without_bounds_the_period_is_the_last_24_hours() =>
        BillingPeriod.Of(null, null, Now).Value.ShouldBe(new BillingPeriod(Now.AddDays(-1), Now));

    [Fact]
    public void A_year_of_dates_is_accepted_in_UTC() =>
        BillingPeriod.Of(Parse("2026-01-01"), Parse("2026-12-31"), Now).Value.From.Kind.ShouldBe(DateTimeKind.Utc);

    private static DateTime? Parse(string? value) =>
        value is null ? null : DateTime.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None);
}
