using Telemed.BuildingBlocks.Http;

namespace Telemed.UnitTests.Http;

/// <summary>The one paging rule of every list: page 1–21,474,836, pageSize 1–100, absent meaning the default; refused, never clamped.</summary>
public sealed class PageRequestRuleTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData(1, 1)]
    [InlineData(PageRequest.MaxPage, PageRequest.MaxPageSize)]
    public void Given_paging_in_range_or_absent_When_checked_Then_it_passes(int? page, int? pageSize) =>
        PageRequest.FieldErrors(page, pageSize).ShouldBeNull();

    [Theory]
    [InlineData(0, null, "page")]
    [InlineData(-1, null, "page")]
    [InlineData(PageRequest.MaxPage + 1, null, "page")]
    [InlineData(int.MaxValue, null, "page")]
    [InlineData(null, 0, "pageSize")]
    [InlineData(null, 101, "pageSize")]
    [InlineData(null, -5, "pageSize")]
    public void Given_a_page_or_page_size_out_of_range_When_checked_Then_the_field_is_named_with_its_range(int? page, int? pageSize, string field)
    {
        var errors = PageRequest.FieldErrors(page, pageSize).ShouldNotBeNull();
        errors.Keys.ShouldBe([field]);
        errors[field].Single().ShouldBe(field == "page" ? "Pages are numbered from 1 to 21474836." : "A page holds 1 to 100 items.");
    }

    [Fact]
    public void Given_both_out_of_range_When_checked_Then_both_are_named() =>
        PageRequest.FieldErrors(0, 1000).ShouldNotBeNull().Keys.Order().ShouldBe(["page", "pageSize"]);
}
