namespace Telemed.Modules.Directory.Patients;

/// <summary>
/// What a front-desk search term can stand for. Each blind index is queried only with a term of its
/// own kind, so a blank or nonsense term never hashes to the value stored for a blank field: a term
/// is a phone number only when it is written like one and has 7 to 15 digits (E.164's maximum), an
/// e-mail only when it has text on both sides of an <c>@</c>, a family name only when it has a letter.
/// Each property holds the normalised value to hash, or null when the term is not of that kind.
/// </summary>
internal sealed record PatientSearchTerm(string? FamilyName, string? Email, string? Phone)
{
    public const int MinPhoneDigits = 7;
    public const int MaxPhoneDigits = 15;

    /// <summary>True when the term can match nothing; the search then answers an empty page.</summary>
    public bool MatchesNothing => FamilyName is null && Email is null && Phone is null;

    /// <summary>Reads a raw term (untrimmed, any case) into the kinds it can stand for.</summary>
    public static PatientSearchTerm Parse(string? term)
    {
        var text = (term ?? "").Trim();
        return new PatientSearchTerm(
            LooksLikeName(text) ? PatientLookups.NormalizeName(text) : null,
            LooksLikeEmail(text) ? PatientLookups.NormalizeEmail(text) : null,
            LooksLikePhone(text) ? PatientLookups.NormalizePhone(text) : null);
    }

    /// <summary>A name has at least one letter and no <c>@</c>.</summary>
    public static bool LooksLikeName(string text) => text.Any(char.IsLetter) && !text.Contains('@');

    /// <summary>An e-mail has one <c>@</c> with text on both sides and no whitespace.</summary>
    public static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@');
        return at > 0 && at < text.Length - 1 && at == text.LastIndexOf('@') && !text.Any(char.IsWhiteSpace);
    }

    /// <summary>A phone number is digits with the usual separators (<c>+ - ( ) .</c> and spaces), 7 to 15 digits.</summary>
    public static bool LooksLikePhone(string text)
    {
        if (text.Length == 0 || !text.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or '(' or ')' or '.' or ' '))
        {
            return false;
        }

        var digits = text.Count(char.IsAsciiDigit);
        return digits is >= MinPhoneDigits and <= MaxPhoneDigits;
    }
}
