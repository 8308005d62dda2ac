using Telemed.BuildingBlocks.Time;
using Telemed.Host.Analytics;

namespace Telemed.UnitTests.Administration;

/// <summary>The dashboard's definitions: conversion, no-show rate, utilisation, intervals and periods.</summary>
public sealed class ClinicAnalyticsRulesTests
{
    [Theory]
    [InlineData(8, 1, 1, 80.0)]
    [InlineData(2, 1, 0, 66.7)]        // 66.666… rounds to 66.7
    [InlineData(1, 0, 7, 12.5)]
    [InlineData(0, 3, 0, 0.0)]         // all settled visits were cancelled: a measured 0 %
    public void Conversion_is_completed_over_settled_visits(int completed, int cancelled, int noShows, double percent) =>
        AnalyticsRates.ConversionPercent(completed, cancelled, noShows).ShouldBe((decimal)percent);

    [Fact]
    public void Conversion_without_a_settled_visit_is_not_a_number_but_null() =>
        AnalyticsRates.ConversionPercent(0, 0, 0).ShouldBeNull();

    [Theory]
    [InlineData(9, 1, 10.0)]
    [InlineData(5, 0, 0.0)]
    [InlineData(0, 4, 100.0)]
    [InlineData(199, 1, 0.5)]          // 0.5 exactly
    [InlineData(1999, 1, 0.1)]         // 0.05 rounds half away from zero to 0.1
    public void No_show_rate_is_missed_over_kept_plus_missed(int completed, int noShows, double percent) =>
        AnalyticsRates.NoShowRatePercent(completed, noShows).ShouldBe((decimal)percent);

    [Fact]
    public void No_show_rate_without_due_visits_is_null() => AnalyticsRates.NoShowRatePercent(0, 0).ShouldBeNull();

    [Theory]
    [InlineData(90, 480, 18.8)]        // 18.75 rounds half away from zero
    [InlineData(600, 480, 125.0)]      // booked outside the hours: above 100 is shown, not capped
    public void Utilisation_is_booked_over_working_minutes(int booked, int working, double percent) =>
        AnalyticsRates.UtilisationPercent(booked, working).ShouldBe((decimal)percent);

    [Fact]
    public void Utilisation_without_working_hours_is_null() => AnalyticsRates.UtilisationPercent(30, 0).ShouldBeNull();

    [Theory]
    [InlineData("2026-11-01", "2026-11-01", "day")]
    [InlineData("2026-11-01", "2027-01-01", "day")]     // 62 days
    [InlineData("2026-11-01", "2027-01-02", "week")]    // 63 days
    [InlineData("2026-01-01", "2027-01-01", "week")]    // 366 days
    [InlineData("2026-01-01", "2027-01-02", "month")]
    [InlineData("2025-01-01", "2026-12-31", "month")]   // 730 days
    public void The_interval_follows_the_length_of_the_period(string from, string to, string interval) =>
        ReportingInterval.For(DateOnly.Parse(from), DateOnly.Parse(to)).Value.Name.ShouldBe(interval);

    [Theory]
    [InlineData("2026-11-02", "2026-11-01")]
    [InlineData("2024-01-01", "2026-01-02")]
    public void A_period_ending_before_it_starts_or_longer_than_two_years_is_refused(string from, string to) =>
        ReportingInterval.For(DateOnly.Parse(from), DateOnly.Parse(to)).Error!.Code.ShouldBe("analytics.invalid_period");

    [Fact]
    public void Weekly_buckets_start_on_mondays_and_the_first_on_the_periods_first_day()
    {
        // 2026-11-04 is a Wednesday.
        var buckets = ReportingInterval.Week.Buckets(new DateOnly(2026, 11, 4), new DateOnly(2026, 11, 30));
        buckets.ShouldBe([new DateOnly(2026, 11, 4), new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30)]);
        ReportingInterval.Week.BucketOf(new DateOnly(2026, 11, 15), new DateOnly(2026, 11, 4)).ShouldBe(new DateOnly(2026, 11, 9));
    }

    [Fact]
    public void Monthly_buckets_start_on_the_first_of_the_month()
    {
        var buckets = ReportingInterval.Month.Buckets(new DateOnly(2026, 1, 15), new DateOnly(2026, 4, 2));
        buckets.ShouldBe([new DateOnly(2026, 1, 15), new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1)]);
    }

    [Fact]
    public void A_local_period_spans_the_instants_of_its_days_across_a_dst_change()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var period = AnalyticsPeriod.Of(new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29), berlin);
        period.StartUtc.ShouldBe(new DateTime(2026, 3, 28, 23, 0, 0, DateTimeKind.Utc));
        (period.EndUtc - period.StartUtc).ShouldBe(TimeSpan.FromHours(23));
        period.LocalDateOf(new DateTime(2026, 3, 28, 23, 30, 0, DateTimeKind.Utc)).ShouldBe(new DateOnly(2026, 3, 29));
    }
}
