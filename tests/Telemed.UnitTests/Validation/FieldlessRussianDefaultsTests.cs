using System.Globalization;
using FluentValidation;
using FluentValidation.Resources;
using Telemed.BuildingBlocks.Http;

namespace Telemed.UnitTests.Validation;

/// <summary>
/// FluentValidation's default messages reach a Russian-speaking reader without the field's English name (the web app shows the
/// message under its field), and reach an English reader exactly as FluentValidation words them.
/// </summary>
public sealed class FieldlessRussianDefaultsTests
{
    public FieldlessRussianDefaultsTests() => ValidationExtensions.UseRussianDefaultsWithoutFieldNames();

    [Fact]
    public void Given_a_Russian_reader_Then_a_NotEmpty_default_carries_no_English_field_name()
    {
        var messages = Validate("ru-RU", new Person("", "Ivanov"));

        messages.ShouldBe(["Заполните это поле."]);
        messages.ShouldAllBe(m => !m.Contains("Given", StringComparison.Ordinal) && !m.Contains("'", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_Russian_reader_Then_a_length_default_keeps_its_numbers_without_the_field_name()
    {
        var messages = Validate("ru", new Person("Anna", new string('x', 12)));

        messages.ShouldBe(["Количество символов: не больше 10, введено 12."]);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    public void Given_another_reader_Then_the_default_is_FluentValidations_own(string culture)
    {
        var own = new LanguageManager();

        Validate(culture, new Person("", "Ivanov"))
            .ShouldBe([own.GetString("NotEmptyValidator", CultureInfo.GetCultureInfo(culture)).Replace("{PropertyName}", "Given Name")]);
        Validate("en", new Person("", "Ivanov")).ShouldBe(["'Given Name' must not be empty."]);
    }

    [Fact]
    public void Every_Russian_default_FluentValidation_has_is_worded_without_the_property_name()
    {
        var manager = new FieldlessRussianLanguageManager(new LanguageManager());
        var russian = CultureInfo.GetCultureInfo("ru");
        // The keys of FluentValidation's own Russian, plus one it does not know (a rule kind a later version could add).
        string[] keys = [.. FieldlessRussianLanguageManager.Keys, "SomeFutureValidator"];

        foreach (var key in FieldlessRussianLanguageManager.Keys)
        {
            new LanguageManager().GetString(key, russian).ShouldNotBeNullOrEmpty(key);
        }

        keys.Select(k => manager.GetString(k, russian)).ShouldAllBe(m => !m.Contains("PropertyName", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_rule_kind_without_a_template_Then_FluentValidations_Russian_loses_the_name_all_the_same()
    {
        var manager = new FieldlessRussianLanguageManager(new StubLanguageManager("'{PropertyName}' не подходит для '{PropertyName}'."));

        manager.GetString("SomeFutureValidator", CultureInfo.GetCultureInfo("ru-RU")).ShouldBe("Значение не подходит для поля.");
        manager.GetString("SomeFutureValidator", CultureInfo.GetCultureInfo("en")).ShouldBe("'{PropertyName}' не подходит для '{PropertyName}'.");
    }

    private static string[] Validate(string culture, Person person)
    {
        var validator = new InlineValidator<Person>();
        validator.RuleFor(p => p.GivenName).NotEmpty();
        validator.RuleFor(p => p.FamilyName).MaximumLength(10);
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return validator.Validate(person).Errors.Select(e => e.ErrorMessage).ToArray();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    public sealed record Person(string GivenName, string FamilyName);

    private sealed class StubLanguageManager(string text) : ILanguageManager
    {
        public bool Enabled { get; set; } = true;
        public CultureInfo Culture { get; set; } = null!;
        public string GetString(string key, CultureInfo? culture = null) => text;
    }
}
