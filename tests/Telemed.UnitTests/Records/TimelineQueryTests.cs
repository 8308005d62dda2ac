using Telemed.Modules.Records.Timeline;

namespace Telemed.UnitTests.Records;

public sealed class TimelineQueryTests
{
    private static TimelineEntry At(string kind, string instant) =>
        new(kind, Guid.NewGuid(), DateTime.Parse(instant, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), "t", null, "s");

    [Theory]
    [InlineData("horoscope", null, null, null, null, "records.invalid_kind")]
    [InlineData(null, "2025-01-02", "2025-01-01", null, null, "records.invalid_range")]
    [InlineData(null, "yesterday", null, null, null, "records.invalid_range")]
    [InlineData(null, null, null, 0, null, "validation.failed")]
    [InlineData(null, null, null, null, 101, "validation.failed")]
    public void Given_a_bad_filter_Then_it_is_refused_with_its_code(string? kind, string? from, string? to, int? page, int? pageSize, string code) =>
        TimelineQuery.Parse(kind, from, to, page, pageSize).Error!.Code.ShouldBe(code);

    [Fact]
    public void Given_a_day_range_and_kinds_Then_the_page_holds_those_kinds_of_those_days_newest_first()
    {
        var query = TimelineQuery.Parse("document,diagnosis", "2025-03-01", "2025-03-31", null, null).Value;
        var inside = At("document", "2025-03-31T23:30:00Z");
        var earlier = At("diagnosis", "2025-03-01T00:00:00Z");
        var page = query.PageOf([earlier, At("document", "2025-04-01T00:00:00Z"), At("prescription", "2025-03-10T00:00:00Z"), inside], breakGlass: true);
        page.Items.ShouldBe([inside, earlier]);
        page.Total.ShouldBe(2);
        page.BreakGlass.ShouldBeTrue();
    }

    [Fact]
    public void Given_pages_Then_they_do_not_overlap()
    {
        var entries = Enumerable.Range(0, 5).Select(_ => At("document", "2025-03-10T00:00:00Z")).ToList();
        var first = TimelineQuery.Parse(null, null, null, 1, 3).Value.PageOf(entries, false).Items;
        var second = TimelineQuery.Parse(null, null, null, 2, 3).Value.PageOf(entries, false).Items;
        first.Concat(second).Select(e => e.Id).Distinct().Count().ShouldBe(5);
    }
}
