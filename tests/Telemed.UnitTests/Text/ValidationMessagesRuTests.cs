using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using Telemed.BuildingBlocks.Http;

namespace Telemed.UnitTests.Text;

/// <summary>
/// The field messages of <c>validation.failed</c> reach a Russian-speaking reader in Russian: every English
/// <c>WithMessage</c> text in src has its line in <see cref="ValidationMessagesRu"/>, numbers and FluentValidation's filled-in
/// placeholders are carried over, and an English reader (or a message the catalogue lacks) gets the sentence as written.
/// </summary>
public sealed partial class ValidationMessagesRuTests
{
    [Fact]
    public void Every_WithMessage_text_in_the_source_has_a_Russian_text()
    {
        var root = RepositoryRoot();
        var keys = System.IO.Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => WithMessageLiterals(File.ReadAllText(f)))
            .ToHashSet();

        keys.Count.ShouldBeGreaterThan(100, "the scan should find the messages it guards");
        keys.ShouldContain("Up to {0} characters.");
        keys.ShouldContain("Order at most {0} tests at once.", "an interpolated message's hole is a placeholder");
        keys.ShouldContain("Use one of: {0}, or empty.", "a hole holding a string literal is read whole");
        keys.Where(k => !ValidationMessagesRu.Has(k)).Order().ShouldBeEmpty();
    }

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
    [InlineData("Keep the reason under 500 characters.")]
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

    // Each WithMessage("…") or WithMessage($"…") literal as a catalogue key: interpolation holes and numbers become {0}, {1}…
    // in order of appearance, as ValidationMessagesRu.Key does for the message the reader would get.
    private static IEnumerable<string> WithMessageLiterals(string source)
    {
        foreach (Match call in WithMessageCall().Matches(source))
        {
            var at = call.Index + call.Length;
            var interpolated = source[at] == '$';
            if (interpolated) at++;
            var verbatim = source[at] == '@';
            if (verbatim) at++;
            if (source[at] != '"') continue; // a message from a constant or an Error's Message: not a literal
            yield return Normalise(ReadLiteral(source, at + 1, interpolated, verbatim));
        }
    }

    // Reads a C# string literal's text from just after its opening quote; an interpolation hole becomes '\u0001'.
    private static string ReadLiteral(string source, int at, bool interpolated, bool verbatim)
    {
        var text = new StringBuilder();
        for (var i = at; i < source.Length; i++)
        {
            var c = source[i];
            if (verbatim && c == '"' && i + 1 < source.Length && source[i + 1] == '"') { text.Append('"'); i++; continue; }
            if (c == '"') return text.ToString();
            if (!verbatim && c == '\\') { text.Append(source[++i] switch { 'n' => '\n', 't' => '\t', var e => e }); continue; }
            if (interpolated && (c is '{' or '}') && i + 1 < source.Length && source[i + 1] == c) { text.Append(c); i++; continue; }
            if (interpolated && c == '{') { i = SkipHole(source, i); text.Append('\u0001'); continue; }
            text.Append(c);
        }

        throw new InvalidOperationException("An unterminated string literal after WithMessage(.");
    }

    // From a hole's '{' to its matching '}', stepping over nested braces and string or character literals inside the hole.
    private static int SkipHole(string source, int open)
    {
        var depth = 0;
        for (var i = open; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '{': depth++; break;
                case '}': if (--depth == 0) return i; break;
                case '"': i = source.IndexOf('"', i + 1); break;
                case '\'': i = source.IndexOf('\'', i + 2); break;
            }
        }

        throw new InvalidOperationException("An unterminated interpolation hole after WithMessage(.");
    }

    private static string Normalise(string literal)
    {
        var index = 0;
        return HoleOrNumber().Replace(literal, _ => "{" + index++ + "}");
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Telemed.slnx")))
        {
            root = root.Parent;
        }

        return root.ShouldNotBeNull().FullName;
    }

    [GeneratedRegex(@"\.WithMessage\(\s*")]
    private static partial Regex WithMessageCall();

    [GeneratedRegex(@"\u0001|\d+")]
    private static partial Regex HoleOrNumber();
}
