namespace Telemed.BuildingBlocks.Text;

/// <summary>
/// The one place that decides which of the product's two languages (<c>en</c>, <c>ru</c>) a preference means. A preference
/// is an <c>Accept-Language</c> value (<c>ru-RU,ru;q=0.9,en;q=0.8</c>), a <c>?language=</c> parameter or an account's stored
/// language; only its first entry counts, and it is Russian when that entry's primary subtag is <c>ru</c> (RFC 5646), so
/// <c>ru</c>, <c>RU</c>, <c>ru-RU</c> and <c>ru_RU</c> are Russian and <c>rue</c> (Rusyn) or <c>en-US,ru</c> are not.
/// Anything else, blank or unreadable, is English: the language every text has.
/// </summary>
public static class LanguagePreference
{
    /// <summary>English, the fallback every text exists in.</summary>
    public const string English = "en";

    /// <summary>Russian.</summary>
    public const string Russian = "ru";

    /// <summary>True when <paramref name="preference"/>'s first entry is Russian (see the class summary).</summary>
    public static bool IsRussian(string? preference)
    {
        var first = (preference ?? "").AsSpan();
        var comma = first.IndexOf(',');
        if (comma >= 0) first = first[..comma];
        first = first.Trim();
        var end = first.IndexOfAny("-_;");
        var primary = end >= 0 ? first[..end] : first;
        return primary.Trim().Equals(Russian, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary><c>ru</c> or <c>en</c> for <paramref name="preference"/> (see the class summary).</summary>
    public static string Of(string? preference) => IsRussian(preference) ? Russian : English;
}
