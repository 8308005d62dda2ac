using Telemed.Host.AdminHome;

namespace Telemed.UnitTests.Administration;

public sealed class LocalDayTests
{
    [Fact]
    public void Given_late_evening_UTC_Then_Moscow_s_today_is_already_the_next_date_and_spans_its_own_midnights()
    {
        var day = LocalDay.Containing(new DateTime(2026, 11, 30, 22, 30, 0, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow"));
        day.Date.ShouldBe(new DateOnly(2026, 12, 1));
        day.StartUtc.ShouldBe(new DateTime(2026, 11, 30, 21, 0, 0));
        day.EndUtc.ShouldBe(new DateTime(2026, 12, 1, 21, 0, 0));
    }

    [Fact]
    public void Given_a_spring_forward_day_Then_the_day_is_23_hours_long()
    {
        var day = LocalDay.Containing(new DateTime(2026, 3, 29, 12, 0, 0, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        (day.EndUtc - day.StartUtc).ShouldBe(TimeSpan.FromHours(23));
    }

    [Fact]
    public void Given_a_wait_that_started_in_the_future_by_clock_skew_Then_it_counts_as_zero_minutes() =>
        AdminHomeEndpoints.WholeMinutesSince(new DateTime(2026, 1, 1, 10, 5, 0), new DateTime(2026, 1, 1, 10, 0, 0)).ShouldBe(0);
}
