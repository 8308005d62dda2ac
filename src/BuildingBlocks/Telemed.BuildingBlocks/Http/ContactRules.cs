using System.Text.RegularExpressions;
using FluentValidation;

namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// The rules for a phone number and an e-mail address a person gives (a patient's profile, a walk-in, a clinic, a pharmacy, an
/// invitation, a sign-up). Each place had its own: one took <c>(((((((((</c> as a phone number, FluentValidation's
/// <c>EmailAddress()</c> took <c>a@b</c> and <c>(((@example.org</c>, and a reminder or a sign-in link sent there reaches nobody.
/// </summary>
public static partial class ContactRules
{
    /// <summary>At most 32 characters: digits, spaces, brackets and hyphens, an optional leading +, and 5–15 digits (ITU-T E.164 allows 15).</summary>
    public static bool IsPhoneNumber(string? phone)
    {
        if (phone is null || phone.Length > 32 || !PhoneCharacters().IsMatch(phone))
        {
            return false;
        }

        var digits = phone.Count(char.IsAsciiDigit);
        return digits is >= 5 and <= 15;
    }

    /// <summary>
    /// An address mail can be delivered to: a dot-atom local part (RFC 5322 §3.2.3, letters of any script allowed as RFC 6531 does),
    /// an @, and a domain of at least two labels whose last is a top-level domain (letters, or an <c>xn--</c> label), e.g.
    /// <c>ivan@пример.рф</c>. No quoted local parts, comments or address literals: no clinic mail system needs them.
    /// </summary>
    public static bool IsEmailAddress(string? email) => email is { Length: <= 254 } && Email().IsMatch(email);

    /// <summary>The phone rule (<see cref="IsPhoneNumber"/>) on a member; empty or null passes (use <c>NotEmpty</c> where it is required).</summary>
    public static IRuleBuilderOptions<T, TText> PhoneNumber<T, TText>(this IRuleBuilder<T, TText> rule) =>
        rule.Must(p => p is not string phone || string.IsNullOrWhiteSpace(phone) || IsPhoneNumber(phone)).WithMessage("Give a phone number of 5 to 15 digits; spaces, brackets, - and a leading + may be used.");

    /// <summary>The e-mail rule (<see cref="IsEmailAddress"/>) on a member; empty or null passes (use <c>NotEmpty</c> where it is required).</summary>
    public static IRuleBuilderOptions<T, TText> DeliverableEmail<T, TText>(this IRuleBuilder<T, TText> rule) =>
        rule.Must(e => e is not string email || email.Length == 0 || IsEmailAddress(email.Trim())).WithMessage("Enter a valid e-mail address.");

    // Linear-time matching instead of a time-out: a time-out under a starved CPU threw, and a valid address answered 500.
    [GeneratedRegex(@"^\+?[0-9 ()\-]+$", RegexOptions.NonBacktracking)]
    private static partial Regex PhoneCharacters();

    [GeneratedRegex(@"^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@([\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(\p{L}{2,63}|xn--[a-z0-9-]{1,59})$",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Email();
}
