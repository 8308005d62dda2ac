using Telemed.Modules.Directory.Clinics.Pages;

namespace Telemed.UnitTests.Directory;

public sealed class ClinicPageRendererTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("[x](javascript:alert(1))", "javascript:")]
    [InlineData("<img src=x onerror=alert(1)>", "onerror")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>", "vbscript:")]
    [InlineData("<div style=\"position:fixed\">x</div>", "style")]
    public void Given_an_injection_attempt_Then_the_rendered_page_holds_none_of_it(string markdown, string forbidden) =>
        ClinicPageRenderer.ToSafeHtml(markdown).ShouldNotContain(forbidden, Case.Insensitive);

    [Fact]
    public void Given_ordinary_markdown_Then_headings_tables_and_mail_links_survive() =>
        ClinicPageRenderer.ToSafeHtml("## Prices\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n[mail](mailto:a@b.example)")
            .ShouldSatisfyAllConditions(
                h => h.ShouldContain("<h2>Prices</h2>"),
                h => h.ShouldContain("<td>1</td>"),
                h => h.ShouldContain("href=\"mailto:a@b.example\""));

    [Fact]
    public void Given_a_section_missing_in_russian_Then_the_english_one_is_shown_and_marked_english()
    {
        SectionFallback.Choose("", "Hello", "ru").Language.ShouldBe("en");
        SectionFallback.Choose("Привет", "Hello", "ru").Language.ShouldBe("ru");
        SectionFallback.Choose("", "", "ru").Html.ShouldBe("");
    }
}
