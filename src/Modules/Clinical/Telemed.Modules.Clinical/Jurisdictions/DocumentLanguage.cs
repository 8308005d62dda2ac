using Telemed.BuildingBlocks.Text;
using Telemed.Modules.Clinical.Contracts;

namespace Telemed.Modules.Clinical.Jurisdictions;

/// <summary>
/// The language a clinical document is written in, decided in one place for the printed prescription and the visit protocol.
/// A clinic under Russian law (<see cref="JurisdictionCodes.Russia"/>) keeps its medical records in Russian (form 107-1/у is
/// Russian whatever its reader's language), so its documents are Russian. Any other clinic — another jurisdiction or none set —
/// has no rule here, and the document is in the language of the person writing or downloading it (their request's
/// <c>Accept-Language</c> or <c>?language=</c>: <paramref name="readerLanguage"/>).
/// </summary>
internal static class DocumentLanguage
{
    /// <summary><c>ru</c> or <c>en</c> for a document of a clinic with jurisdiction <paramref name="jurisdictionCode"/> (see the class summary).</summary>
    public static string For(string? jurisdictionCode, string readerLanguage) =>
        jurisdictionCode == JurisdictionCodes.Russia ? LanguagePreference.Russian : LanguagePreference.Of(readerLanguage);
}
