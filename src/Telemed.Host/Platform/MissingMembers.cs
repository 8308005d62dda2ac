using System.Text.RegularExpressions;

namespace Telemed.Host.Platform;

/// <summary>
/// The members a request body left out although the contract requires them (<see cref="RequiredValues"/>), read from the
/// <see cref="System.Text.Json.JsonException"/> System.Text.Json throws for them, so the 400 can name them (<c>errors</c>, as
/// <c>validation.failed</c> does) and a form can point at the field. The names are the contract's JSON names, never a value the
/// client sent. System.Text.Json gives the names only in its message (<c>… was missing required properties including: 'a', 'b'.</c>);
/// when that wording is not found the answer stays the plain <c>request.invalid</c>.
/// </summary>
internal static partial class MissingMembers
{
    /// <summary>The missing members' JSON names, or empty when <paramref name="exception"/> is not about missing members.</summary>
    public static IReadOnlyList<string> Of(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Text.Json.JsonException { Message: { } message } && Listing().Match(message) is { Success: true } listing)
            {
                return [.. Name().Matches(listing.Groups[1].Value).Select(m => m.Groups[1].Value).Where(IsMemberName).Distinct(StringComparer.Ordinal)];
            }
        }

        return [];
    }

    // A JSON name of our contracts: camelCase letters and digits. Anything else is not reported.
    private static bool IsMemberName(string name) => name.Length is > 0 and <= 64 && name.All(char.IsAsciiLetterOrDigit);

    [GeneratedRegex(@"missing required properties including: (.+)$", RegexOptions.Singleline)]
    private static partial Regex Listing();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Name();
}
