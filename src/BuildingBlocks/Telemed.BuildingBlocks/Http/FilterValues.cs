namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// A list's query-string filter over a closed set of values (<c>?status=</c>, <c>?outcome=</c>, <c>?channel=</c>…). Absent or
/// blank means "no filter"; a value is matched by name, trimmed and in any case; anything else is refused, so the endpoint answers
/// 400 rather than an empty or unfiltered list that the reader takes for the filtered one (an administrator who typed
/// <c>?status=complete</c> once read "no erasure requests"). Names only: <c>Enum.TryParse</c> would also take numbers ("7")
/// and comma lists ("draft,paid").
/// </summary>
public static class FilterValues
{
    /// <summary>
    /// Matches <paramref name="text"/> against the enum's member names (or the names <paramref name="nameOf"/> gives them, e.g.
    /// camelCase). Returns true with <c>null</c> for an absent or blank filter, true with the member for a name, false otherwise.
    /// </summary>
    public static bool TryParse<TEnum>(string? text, out TEnum? value, Func<TEnum, string>? nameOf = null) where TEnum : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var wanted = text.Trim();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(nameOf is null ? candidate.ToString() : nameOf(candidate), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Matches <paramref name="text"/> against <paramref name="names"/> (a vocabulary of string constants). Returns true with
    /// <c>null</c> for an absent or blank filter, true with the name as <paramref name="names"/> spells it for a match, false otherwise.
    /// </summary>
    public static bool TryParse(string? text, IReadOnlyCollection<string> names, out string? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var wanted = text.Trim();
        value = names.FirstOrDefault(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase));
        return value is not null;
    }
}
