using Telemed.Modules.Clinical.Icd10;

namespace Telemed.UnitTests.Clinical;

public sealed class Icd10FilesTests
{
    [Theory]
    [InlineData("j069", "J06.9")]
    [InlineData(" J06.9 ", "J06.9")]
    [InlineData("I10", "I10")]
    [InlineData("S72001A", "S72.001A")]
    [InlineData("10", null)]
    [InlineData("JJ6", null)]
    [InlineData("J06.9; DROP", null)]
    [InlineData("", null)]
    public void A_code_is_written_upper_case_with_its_dot(string input, string? expected) => Icd10Code.Normalise(input).ShouldBe(expected);

    [Fact]
    public void The_CMS_codes_file_is_read_with_dots_added()
    {
        var file = "A000    Cholera due to Vibrio cholerae 01, biovar cholerae\nI10     Essential (primary) hypertension\n";
        var (entries, rejected) = Icd10Files.Parse(new StringReader(file));
        rejected.ShouldBeEmpty();
        entries.Select(e => e.Code).ShouldBe(["A00.0", "I10"]);
        entries[1].TitleEn.ShouldBe("Essential (primary) hypertension");
    }

    [Fact]
    public void The_CMS_order_file_gives_the_long_title()
    {
        // Fixed columns: order number 1-5, code 7-13, header flag 15, short title 17-76, long title from 78.
        var line = "00001 " + "A00".PadRight(7) + " 0 " + "Cholera".PadRight(60) + " " + "Cholera";
        var line2 = "00002 " + "A000".PadRight(7) + " 1 " + "Cholera due to Vibrio cholerae 01, biovar cholerae".PadRight(60) + " "
            + "Cholera due to Vibrio cholerae 01, biovar cholerae";
        var (entries, rejected) = Icd10Files.Parse(new StringReader(line + "\r\n" + line2 + "\r\n"));
        rejected.ShouldBeEmpty();
        entries.Select(e => (e.Code, e.TitleEn)).ShouldBe([("A00", "Cholera"), ("A00.0", "Cholera due to Vibrio cholerae 01, biovar cholerae")]);
    }

    [Fact]
    public void A_tab_separated_national_edition_keeps_its_Russian_titles_and_unreadable_lines_are_reported_by_number()
    {
        var file = "# comment\nJ06.9\tAcute upper respiratory infection, unspecified\tОстрая инфекция верхних дыхательных путей неуточненная\n"
            + "not a code line\n\nI10\tEssential (primary) hypertension\n";
        var (entries, rejected) = Icd10Files.Parse(new StringReader(file));
        rejected.ShouldBe([3]);
        entries.Count.ShouldBe(2);
        entries[0].TitleRu.ShouldBe("Острая инфекция верхних дыхательных путей неуточненная");
        entries[1].TitleRu.ShouldBe("");
    }

    [Fact]
    public void The_bundled_list_reads_completely_with_English_and_Russian_titles()
    {
        var entries = BundledIcd10Codes.Read();
        entries.Count.ShouldBeGreaterThan(100);
        entries.ShouldAllBe(e => e.TitleEn.Length > 0 && e.TitleRu.Length > 0);
        entries.Select(e => e.Code).ShouldBeUnique();
        entries.ShouldContain(e => e.Code == "J06.9");
    }

    [Fact]
    public void A_title_over_400_characters_is_named_by_line_and_field_and_its_entry_is_not_kept()
    {
        var limits = new Telemed.Modules.Clinical.Infrastructure.ImportFieldLimits();
        var file = "I10\tEssential (primary) hypertension\n" + "J06.9\t" + new string('x', 100_000) + "\t" + new string('я', 401) + "\nR51\t" + new string('y', 400) + "\n";
        var (entries, rejected) = Icd10Files.Parse(new StringReader(file), limits);
        rejected.ShouldBeEmpty();
        entries.Select(e => e.Code).ShouldBe(["I10", "R51"]);
        var refusal = limits.Refusal.ShouldNotBeNull();
        refusal.Code.ShouldBe("validation.failed");
        refusal.FieldErrors!.Keys.Order().ShouldBe(["lines[2].titleEn", "lines[2].titleRu"]);
        refusal.FieldErrors["lines[2].titleEn"].ShouldBe(["Up to 400 characters."]);
    }
}
