using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation.Resources;

namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// FluentValidation's default messages for a Russian-speaking reader without the property's name in them. FluentValidation's own
/// Russian names the field by its English C# name ("'Given Name' должно быть заполнено."), but the web app shows a field message
/// under the field it belongs to, so the name adds nothing but an English word. Every other culture (English above all) gets
/// FluentValidation's own text, unchanged.
/// </summary>
/// <remarks>
/// Why templates and not a display-name resolver: a resolver would need a Russian name for every property of every request in
/// src, a list kept by hand that silently falls behind; the templates are one per rule kind (a few dozen, fixed by
/// FluentValidation) and cover every validator at once. A rule kind these templates lack (one a later FluentValidation adds)
/// still loses its <c>{PropertyName}</c>: the Russian template is taken with the name replaced by a neutral word.
/// </remarks>
public sealed partial class FieldlessRussianLanguageManager(ILanguageManager inner) : ILanguageManager
{
    /// <inheritdoc />
    public bool Enabled { get => inner.Enabled; set => inner.Enabled = value; }

    /// <inheritdoc />
    public CultureInfo Culture { get => inner.Culture; set => inner.Culture = value; }

    /// <inheritdoc />
    public string GetString(string key, CultureInfo? culture = null)
    {
        var readerCulture = culture ?? Culture ?? CultureInfo.CurrentUICulture;
        if (!Enabled || readerCulture.TwoLetterISOLanguageName != "ru") return inner.GetString(key, culture);
        if (Templates.TryGetValue(key, out var template)) return template;

        var russian = inner.GetString(key, culture);
        return LeadingName().Replace(russian, "Значение").Replace("'{PropertyName}'", "поля").Replace("{PropertyName}", "поле");
    }

    /// <summary>The rule kinds (FluentValidation's message keys) that have a Russian template here.</summary>
    public static IReadOnlyCollection<string> Keys => Templates.Keys;

    // One per FluentValidation rule kind, worded as the catalogue (ValidationMessagesRu) words the validators' own messages.
    // Counts are put as "Количество символов: …" so a number never needs a plural ending the template cannot know.
    private static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal)
    {
        ["EmailValidator"] = "Введите корректный адрес электронной почты.",
        ["GreaterThanOrEqualValidator"] = "Значение должно быть не меньше {ComparisonValue}.",
        ["GreaterThanValidator"] = "Значение должно быть больше {ComparisonValue}.",
        ["LengthValidator"] = "Количество символов: от {MinLength} до {MaxLength}, введено {TotalLength}.",
        ["MinimumLengthValidator"] = "Количество символов: не меньше {MinLength}, введено {TotalLength}.",
        ["MaximumLengthValidator"] = "Количество символов: не больше {MaxLength}, введено {TotalLength}.",
        ["LessThanOrEqualValidator"] = "Значение должно быть не больше {ComparisonValue}.",
        ["LessThanValidator"] = "Значение должно быть меньше {ComparisonValue}.",
        ["NotEmptyValidator"] = "Заполните это поле.",
        ["NotEqualValidator"] = "Значение не должно быть равно «{ComparisonValue}».",
        ["NotNullValidator"] = "Заполните это поле.",
        ["PredicateValidator"] = "Недопустимое значение.",
        ["AsyncPredicateValidator"] = "Недопустимое значение.",
        ["RegularExpressionValidator"] = "Неверный формат.",
        ["EqualValidator"] = "Значение должно быть равно «{ComparisonValue}».",
        ["ExactLengthValidator"] = "Количество символов: ровно {MaxLength}, введено {TotalLength}.",
        ["InclusiveBetweenValidator"] = "Значение должно быть от {From} до {To}, введено {PropertyValue}.",
        ["ExclusiveBetweenValidator"] = "Значение должно быть больше {From} и меньше {To}, введено {PropertyValue}.",
        ["CreditCardValidator"] = "Неверный номер карты.",
        ["ScalePrecisionValidator"] =
            "Допустимо не больше {ExpectedPrecision} цифр, из них после запятой — не больше {ExpectedScale}; введено цифр до запятой: {Digits}, после запятой: {ActualScale}.",
        ["EmptyValidator"] = "Это поле должно быть пустым.",
        ["NullValidator"] = "Это поле должно быть пустым.",
        ["EnumValidator"] = "Недопустимое значение «{PropertyValue}».",
        ["Length_Simple"] = "Количество символов: от {MinLength} до {MaxLength}.",
        ["MinimumLength_Simple"] = "Количество символов: не меньше {MinLength}.",
        ["MaximumLength_Simple"] = "Количество символов: не больше {MaxLength}.",
        ["ExactLength_Simple"] = "Количество символов: ровно {MaxLength}.",
        ["InclusiveBetween_Simple"] = "Значение должно быть от {From} до {To}.",
    };

    [GeneratedRegex(@"^'\{PropertyName\}'", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingName();
}
