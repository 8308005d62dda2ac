using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Directory.Localisation;

/// <summary>
/// Which language a reader gets the clinic network's own texts (clinic names, addresses, doctors' bios) in. The product speaks
/// English and Russian; English is the text every record has, so it is also the fallback when a translation is missing.
/// </summary>
internal static class ContentLanguage
{
    public const string Fallback = LanguagePreference.English;

    /// <summary>The languages a translation may be stored for (besides the English original).</summary>
    public static readonly IReadOnlySet<string> Translatable = new HashSet<string>(["ru"], StringComparer.Ordinal);


    /// <summary>The translation for <paramref name="language"/> when one is stored and not blank, else the English original.</summary>
    public static string Pick(string original, IReadOnlyDictionary<string, string> translations, string language) =>
        language != Fallback && translations.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text) ? text : original;
}
