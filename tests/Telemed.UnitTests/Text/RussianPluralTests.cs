using Telemed.BuildingBlocks.Text;

namespace Telemed.UnitTests.Text;

/// <summary>The CLDR plural categories for Russian, on the numbers where they turn (unicode.org, "Language Plural Rules").</summary>
public sealed class RussianPluralTests
{
    [Theory]
    [InlineData(0, "many")]
    [InlineData(1, "one")]
    [InlineData(2, "few")]
    [InlineData(4, "few")]
    [InlineData(5, "many")]
    [InlineData(11, "many")]
    [InlineData(12, "many")]
    [InlineData(14, "many")]
    [InlineData(21, "one")]
    [InlineData(22, "few")]
    [InlineData(25, "many")]
    [InlineData(101, "one")]
    [InlineData(111, "many")]
    [InlineData(112, "many")]
    [InlineData(1004, "few")]
    public void The_form_follows_the_last_digits(int n, string category) =>
        RussianPlural.Form(n, "one", "few", "many").ShouldBe(category);
}
