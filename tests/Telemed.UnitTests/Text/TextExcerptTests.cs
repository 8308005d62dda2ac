using System.Text.Json;
using Telemed.BuildingBlocks.Text;

namespace Telemed.UnitTests.Text;

/// <summary>Excerpts cut between whole characters: never half an emoji (a lone surrogate) or a letter without its accent.</summary>
public sealed class TextExcerptTests
{
    [Fact]
    public void Given_an_emoji_across_the_cut_Then_the_excerpt_ends_before_it_with_an_ellipsis()
    {
        var bio = new string('a', 158) + "\U0001F600 and more";   // the emoji's halves at UTF-16 indices 158 and 159

        var excerpt = TextExcerpt.WithEllipsis(bio, 160);

        excerpt.ShouldBe(new string('a', 158) + "…");
        UserText.Check(excerpt, singleLine: false).ShouldBeNull();
    }

    [Fact]
    public void Given_a_letter_with_a_combining_accent_across_the_cut_Then_both_are_left_out_together()
    {
        var text = new string('b', 8) + "e\u0301tude";   // "é" as e + COMBINING ACUTE ACCENT at indices 8 and 9

        TextExcerpt.Start(text, 9).ShouldBe(new string('b', 8));
        TextExcerpt.Start(text, 10).ShouldBe(new string('b', 8) + "e\u0301");
    }

    [Fact]
    public void Given_text_that_fits_Then_it_comes_back_unchanged_and_null_is_empty()
    {
        TextExcerpt.WithEllipsis("Cardiologist", 160).ShouldBe("Cardiologist");
        TextExcerpt.Start("Cardiologist", 12).ShouldBe("Cardiologist");
        TextExcerpt.WithEllipsis(null, 10).ShouldBe("");
        TextExcerpt.Start(null, 10).ShouldBe("");
    }

    [Fact]
    public void Given_a_long_text_Then_the_excerpt_with_its_ellipsis_is_at_most_the_limit_and_serialises_as_the_same_text()
    {
        var text = string.Concat(Enumerable.Repeat("Врач 👩🏽‍⚕️ ", 40));

        var excerpt = TextExcerpt.WithEllipsis(text, 160);

        excerpt.Length.ShouldBeLessThanOrEqualTo(160);
        excerpt.ShouldEndWith("…");
        JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(excerpt)).ShouldBe(excerpt);
        UserText.Check(excerpt, singleLine: false).ShouldBeNull();
    }
}
