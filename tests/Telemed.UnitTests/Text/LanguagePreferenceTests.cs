using Telemed.BuildingBlocks.Text;

namespace Telemed.UnitTests.Text;

/// <summary>
/// Every text the server words for a reader (consents, clinic pages, dosage sentences, notices, calendar files, receipts)
/// picks its language through <see cref="LanguagePreference"/>: Russian only when the reader's first preference is Russian.
/// </summary>
public sealed class LanguagePreferenceTests
{
    [Theory]
    [InlineData("ru", "ru")]
    [InlineData("RU", "ru")]
    [InlineData(" ru-RU", "ru")]
    [InlineData("ru_RU", "ru")]
    [InlineData("ru;q=0.8", "ru")]
    [InlineData("ru-RU,ru;q=0.9,en;q=0.8", "ru")]
    [InlineData("en-US,ru;q=0.5", "en")]
    [InlineData("en", "en")]
    [InlineData("de", "en")]
    [InlineData("rue", "en")] // Rusyn starts with the same two letters and is another language
    [InlineData("rup-RO", "en")]
    [InlineData("*", "en")]
    [InlineData(",ru", "en")]
    [InlineData("", "en")]
    [InlineData(null, "en")]
    public void Given_a_preference_Then_Russian_is_chosen_only_when_its_first_entry_is_Russian(string? preference, string language)
    {
        LanguagePreference.Of(preference).ShouldBe(language);
        LanguagePreference.IsRussian(preference).ShouldBe(language == "ru");
    }
}
