using FluentValidation;
using Telemed.BuildingBlocks.Http;

namespace Telemed.UnitTests.Text;

/// <summary>
/// The field messages of <c>validation.failed</c> reach a Russian-speaking reader in Russian: every English
/// <c>WithMessage</c> text in src, and every message of a field dictionary an endpoint or module builds by hand, has its line in
/// <see cref="ValidationMessagesRu"/>, numbers and FluentValidation's filled-in
/// placeholders are carried over, and an English reader (or a message the catalogue lacks) gets the sentence as written.
/// </summary>
public sealed class ValidationMessagesRuTests
{
    [Fact]
    public void Every_WithMessage_text_in_the_source_has_a_Russian_text()
    {
        var keys = RepositoryFiles.ServerSources().SelectMany(f => SourceLiterals.WithMessageTexts(File.ReadAllText(f))).ToHashSet();

        keys.Count.ShouldBeGreaterThan(100, "the scan should find the messages it guards");
        keys.ShouldContain("Up to {0} characters.");
        keys.ShouldContain("Order at most {0} tests at once.", "an interpolated message's hole is a placeholder");
        keys.ShouldContain("Use one of: {0}, or empty.", "a hole holding a string literal is read whole");
        keys.Where(k => !ValidationMessagesRu.Has(k)).Order().ShouldBeEmpty();
    }

    [Fact]
    public void Every_message_of_a_field_dictionary_built_by_hand_in_the_source_has_a_Russian_text()
    {
        var keys = RepositoryFiles.ServerSources().SelectMany(f => SourceLiterals.FieldDictionaryTexts(File.ReadAllText(f))).ToHashSet();

        keys.Count.ShouldBeGreaterThan(15, "the scan should find the messages it guards");
        keys.ShouldContain("Use video, inPerson or chat.", "an entry of an initialiser inside Error.ValidationFailed(...)");
        keys.ShouldContain("The price cannot be negative.", "an assignment to a dictionary later passed to Error.ValidationFailed");
        keys.ShouldContain("Choose a start date within {0} days before and {1} days after today.", "an interpolated message's holes are placeholders");
        keys.ShouldContain("Use one of {0}.", "a hole holding a call with a string literal is read whole");
        keys.Where(k => !ValidationMessagesRu.Has(k)).Order().ShouldBeEmpty();
    }

    [Fact]
    public void Given_a_Russian_text_Then_looking_it_up_again_leaves_it_as_it_is()
    {
        // The validation filter and Identity translate their own messages, and the host translates every answer's field messages
        // again as it writes them: a second pass must not touch what the first one wrote.
        foreach (var english in SampleMessages)
        {
            var russian = ValidationMessagesRu.For(english, "ru");
            russian.ShouldNotBe(english);
            ValidationMessagesRu.For(russian, "ru").ShouldBe(russian, english);
        }
    }

    private static readonly string[] SampleMessages =
    [
        "Up to 300 characters.", "3 to 500 characters.", "'fever-x2' is not a known symptom.", "Use one of: RU, US, EU, or empty.",
        "Use one of Patient, Doctor, Admin.", "Keep the reason under 500 characters.", "Choose at most 31 days, ending on or after the start.",
        "Required.", "The current password is not correct.", "Times look like 09:00, on a 5-minute step.",
    ];

    [Fact]
    public void Given_a_very_long_message_Then_the_lookup_gives_up_rather_than_hanging()
    {
        // Shaped to enter the text patterns (no number, a pattern's opening words) and to make their lazy holes work hard.
        var message = "Use one of: " + string.Concat(Enumerable.Repeat("a, or empty", 9_000)) + new string('x', 1_000);
        message.Length.ShouldBeGreaterThan(100_000);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = ValidationMessagesRu.For(message, "ru");
        watch.Stop();

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        result.ShouldBe(message);
    }

    [Theory]
    [InlineData("Use video, inPerson or chat.", "Укажите video, inPerson или chat.")]
    [InlineData("Keep the reason under 500 characters.", "Причина — не более 500 символов.")]
    [InlineData("Use one of Patient, Doctor, FrontDesk, Pharmacist, Admin.", "Укажите одно из значений: Patient, Doctor, FrontDesk, Pharmacist, Admin.")]
    [InlineData("Choose a start date within 7 days before and 90 days after today.",
        "Выберите дату начала не раньше чем за 7 дней до сегодняшнего дня и не позже чем через 90 дней после него.")]
    public void Given_a_Russian_reader_Then_a_hand_built_field_message_is_Russian(string english, string russian) =>
        ValidationMessagesRu.For(english, "ru").ShouldBe(russian);

    [Theory]
    [InlineData("Up to 300 characters.", "Не более 300 символов.")]
    [InlineData("Up to 64 characters.", "Не более 64 символов.")]
    [InlineData("3 to 500 characters.", "От 3 до 500 символов.")]
    [InlineData("Times look like 09:00, on a 5-minute step.", "Время указывается как 09:00, с шагом 5 минут.")]
    [InlineData("Latitude must be between -90 and 90.", "Широта должна быть от -90 до 90.")]
    [InlineData("Enter your given name.", "Введите имя.")]
    [InlineData("'fever-x2' is not a known symptom.", "«fever-x2» — неизвестный симптом.")]
    [InlineData("Use one of: RU, US, EU, or empty.", "Укажите одно из значений: RU, US, EU — или оставьте пустым.")]
    public void Given_a_Russian_reader_Then_the_message_is_Russian_with_its_numbers_and_values_in_place(string english, string russian) =>
        ValidationMessagesRu.For(english, "ru").ShouldBe(russian);

    [Theory]
    [InlineData("Up to 300 characters.")]
    [InlineData("'fever' is not a known symptom.")]
    [InlineData("'Given Name' must not be empty.")]
    public void Given_an_English_reader_Then_the_message_is_as_written(string english) =>
        ValidationMessagesRu.For(english, "en").ShouldBe(english);

    [Theory]
    [InlineData("A sentence nobody has translated yet.")]
    [InlineData("Keep the reason short, please.")]
    [InlineData("'Given Name' должно быть заполнено.")]
    public void Given_a_message_the_catalogue_lacks_Then_a_Russian_reader_gets_it_unchanged(string message) =>
        ValidationMessagesRu.For(message, "ru").ShouldBe(message);

    [Fact]
    public void Given_a_failed_validation_Then_its_field_errors_are_in_the_readers_language()
    {
        var validator = new InlineValidator<Sample>();
        validator.RuleFor(s => s.Note).MaximumLength(3).WithMessage("Up to 3 characters.");
        var result = validator.Validate(new Sample("long"));

        ValidationFilter<Sample>.FieldErrors(result, "ru")["note"].ShouldBe(["Не более 3 символов."]);
        ValidationFilter<Sample>.FieldErrors(result, "en")["note"].ShouldBe(["Up to 3 characters."]);
        ValidationFilter<Sample>.FieldErrors(result)["note"].ShouldBe(["Up to 3 characters."]);
    }

    public sealed record Sample(string Note);
}
