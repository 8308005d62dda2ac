using Telemed.BuildingBlocks.Http;

namespace Telemed.UnitTests.Http;

public sealed class FilterValuesTests
{
    public enum Colour { Red, DarkBlue }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Given_no_value_When_parsed_Then_it_means_no_filter(string? text)
    {
        FilterValues.TryParse<Colour>(text, out var value).ShouldBeTrue();
        value.ShouldBeNull();
        FilterValues.TryParse(text, ["a", "b"], out var name).ShouldBeTrue();
        name.ShouldBeNull();
    }

    [Theory]
    [InlineData("darkblue", Colour.DarkBlue)]
    [InlineData(" RED ", Colour.Red)]
    public void Given_a_member_s_name_in_any_case_When_parsed_Then_it_is_that_member(string text, Colour expected)
    {
        FilterValues.TryParse<Colour>(text, out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("red,darkBlue")]
    [InlineData("green")]
    [InlineData("dark_blue")]
    public void Given_a_number_a_list_or_another_word_When_parsed_Then_it_is_refused(string text)
    {
        FilterValues.TryParse<Colour>(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void Given_names_the_API_writes_When_parsed_by_them_Then_only_those_names_match()
    {
        static string Camel(Colour c) => char.ToLowerInvariant(c.ToString()[0]) + c.ToString()[1..];

        FilterValues.TryParse<Colour>("DARKBLUE", out var value, Camel).ShouldBeTrue();
        value.ShouldBe(Colour.DarkBlue);
        FilterValues.TryParse<Colour>("dark blue", out _, Camel).ShouldBeFalse();
    }

    [Fact]
    public void Given_a_vocabulary_of_strings_When_a_word_is_parsed_Then_the_vocabulary_s_spelling_is_returned_and_others_are_refused()
    {
        string[] statuses = ["requested", "inProgress"];

        FilterValues.TryParse("INPROGRESS", statuses, out var value).ShouldBeTrue();
        value.ShouldBe("inProgress");
        FilterValues.TryParse("completed", statuses, out _).ShouldBeFalse();
    }
}
