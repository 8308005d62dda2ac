namespace Telemed.Modules.Directory.Localisation;

/// <summary>
/// Which language a reader gets the clinic network's own texts (clinic names, addresses, doctors' bios) in. The product speaks
/// English and Russian; English is the text every record has, so it is also the fallback when a translation is missing.
/// </summary>
internal static class ContentLanguage
{
    public const string Fallback = "en";

    /// <summary>The languages a translation may be stored for (besides the English original).</summary>
    public static readonly IReadOnlySet<string> Translatable = new HashSet<string>(["ru"], StringComparer.Ordinal);

    /// <summary>"ru" when the reader's first preference (an Accept-Language header or a bare code) is Russian, else "en".</summary>
    public static string FromPreference(string? preference)
    {
        var first = (preference ?? "").Split(',', 2)[0].Trim();
        return first.StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? "ru" : Fallback;
    }

    /// <summary>The translation for <paramref name="language"/> when one is stored and not blank, else the English original.</summary>
    public static string Pick(string original, IReadOnlyDictionary<string, string> translations, string language) =>
        language != Fallback && translations.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text) ? text : original;
}
