using Telemed.BuildingBlocks.Analytics;
using Telemed.BuildingBlocks.Time;

namespace Telemed.UnitTests.Analytics;

/// <summary>
/// How a dashboard query splits a period between the analytics roll-up and the source rows (docs/analytics.md, "Roll-ups"):
/// the marked UTC days are read from the source, clipped to the period and joined when consecutive; the roll-up gives the rest.
/// </summary>
public sealed class RollupPlanTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    private static DateTime Utc(int month, int day, int hour = 0) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Given_no_marked_day_Then_the_roll_up_gives_everything_and_no_source_row_is_read()
    {
        var plan = RollupPlan.Of(AnalyticsPeriod.Of(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), TimeZoneInfo.Utc), []);

        plan.UseRollup.ShouldBeTrue();
        plan.RawRanges.ShouldBeEmpty();
    }

    [Fact]
    public void Given_consecutive_and_separate_marked_days_Then_they_become_one_range_each_run()
    {
        var plan = RollupPlan.Of(AnalyticsPeriod.Of(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), TimeZoneInfo.Utc),
            [new DateOnly(2026, 11, 4), new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 3)]);

        plan.UseRollup.ShouldBeTrue();
        plan.RawRanges.ShouldBe([(Utc(11, 3), Utc(11, 5)), (Utc(11, 20), Utc(11, 21))]);
    }

    [Fact]
    public void Given_a_clinic_period_ahead_of_UTC_Then_a_marked_UTC_day_is_clipped_to_the_instants_the_period_spans()
    {
        // Moscow is UTC+3: local 1 Nov starts at 31 Oct 21:00Z and local 30 Nov ends at 30 Nov 21:00Z.
        var period = AnalyticsPeriod.Of(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), Moscow);

        var plan = RollupPlan.Of(period, [new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1)]);

        plan.RawRanges.ShouldBe([(Utc(10, 31, 21), Utc(11, 1)), (Utc(11, 30), Utc(11, 30, 21))]);
        // The roll-up rows of every marked day are left out, including those whose local day falls inside the period.
        plan.DirtyDays.ShouldContain(new DateOnly(2026, 10, 31));
    }

    [Fact]
    public void Given_more_separate_marked_days_than_ranges_worth_reading_Then_the_whole_period_comes_from_the_source()
    {
        var period = AnalyticsPeriod.Of(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), TimeZoneInfo.Utc);
        var everyOtherDay = Enumerable.Range(0, RollupPlan.MaxRawRanges + 1).Select(i => new DateOnly(2026, 1, 1).AddDays(2 * i)).ToList();

        var plan = RollupPlan.Of(period, everyOtherDay);

        plan.UseRollup.ShouldBeFalse();
        plan.RawRanges.ShouldBe([(period.StartUtc, period.EndUtc)]);
    }
}
