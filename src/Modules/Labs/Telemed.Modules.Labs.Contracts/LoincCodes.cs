namespace Telemed.Modules.Labs.Contracts;

/// <summary>
/// The shape of a LOINC code as people type it: one to seven digits, a hyphen and a check digit ("2345-7"). The check digit is
/// LOINC's Mod-10 (the Luhn algorithm over the digits before the hyphen), so a mistyped digit ("2345-8") is caught before a
/// catalogue is asked. Pure: other modules call it on their own input.
/// </summary>
public static class LoincCodes
{
    /// <summary>Whether <paramref name="text"/> (spaces around it ignored) looks like a LOINC code: digits, a hyphen, one digit.</summary>
    public static bool IsShaped(string? text)
    {
        var code = text?.Trim() ?? "";
        var hyphen = code.IndexOf('-');
        return hyphen is >= 1 and <= 7 && hyphen == code.Length - 2 && code.All(c => c == '-' || char.IsAsciiDigit(c)) && code.Count(c => c == '-') == 1;
    }

    /// <summary>Whether a LOINC-shaped <paramref name="text"/>'s last digit is the Mod-10 check digit of the digits before the hyphen; false for other text.</summary>
    public static bool HasValidCheckDigit(string? text)
    {
        if (!IsShaped(text))
        {
            return false;
        }

        var code = text!.Trim();
        return CheckDigitOf(code[..^2]) == code[^1] - '0';
    }

    /// <summary>LOINC's Mod-10 check digit of <paramref name="digits"/>: from the right, every other digit (the rightmost first) is doubled, the digits summed.</summary>
    public static int CheckDigitOf(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }

        return (10 - sum % 10) % 10;
    }
}

/// <summary>The clinic's lab catalogue as other modules may ask it (the Labs module owns the catalogue; see <c>GET /lab-catalogue</c>).</summary>
public interface ILabCatalogueCodes
{
    /// <summary>The catalogue's own spelling of <paramref name="loincCode"/> (spaces and letter case ignored) when the catalogue orders it, else null.</summary>
    string? CatalogueCodeOf(string loincCode);
}
