using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Identity.Registration;

/// <summary>
/// Russian for the <see cref="IdentityError"/>s a user can meet in a form (password policy, taken or invalid address), by
/// Identity's stable error code. Mapped per request rather than through an <see cref="IdentityErrorDescriber"/>, which
/// Identity builds once for every reader. A code without Russian keeps Identity's English description.
/// </summary>
internal static partial class IdentityErrorTexts
{
    // {0} is the number in Identity's own description (the configured length), so the policy is stated in one place only.
    private static readonly Dictionary<string, string> Russian = new(StringComparer.Ordinal)
    {
        ["PasswordTooShort"] = "Пароль должен быть не короче {0} символов.",
        ["PasswordRequiresUniqueChars"] = "В пароле должно быть не менее {0} разных символов.",
        ["PasswordRequiresNonAlphanumeric"] = "В пароле должен быть хотя бы один знак, отличный от буквы и цифры.",
        ["PasswordRequiresDigit"] = "В пароле должна быть хотя бы одна цифра.",
        ["PasswordRequiresLower"] = "В пароле должна быть хотя бы одна строчная буква.",
        ["PasswordRequiresUpper"] = "В пароле должна быть хотя бы одна заглавная буква.",
        ["PasswordMismatch"] = "Неверный пароль.",
        // The account's user name is its e-mail address, so both duplicates read as a taken address.
        ["DuplicateEmail"] = "Этот адрес электронной почты уже зарегистрирован.",
        ["DuplicateUserName"] = "Этот адрес электронной почты уже зарегистрирован.",
        ["InvalidEmail"] = "Введите корректный адрес электронной почты.",
        ["InvalidUserName"] = "Адрес электронной почты содержит недопустимые символы.",
        ["InvalidToken"] = "Ссылка недействительна или устарела.",
        ["DefaultError"] = "Что-то пошло не так. Попробуйте ещё раз.",
        ["ConcurrencyFailure"] = "Данные изменились за это время. Попробуйте ещё раз.",
    };

    /// <summary>The error's text for a reader of <paramref name="language"/>: Russian by its code for <c>ru</c>, else Identity's description.</summary>
    public static string For(IdentityError error, string language)
    {
        if (language != LanguagePreference.Russian || !Russian.TryGetValue(error.Code, out var text))
        {
            return error.Description;
        }

        var number = Number().Match(error.Description);
        return text.Contains("{0}", StringComparison.Ordinal) ? (number.Success ? text.Replace("{0}", number.Value, StringComparison.Ordinal) : error.Description) : text;
    }

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
