using Telemed.Modules.Clinical.Icd10;

namespace Telemed.Modules.Clinical.Protocols.VisitSummaries;

/// <summary>
/// Which words the patient reads a diagnosis in: the Russian МКБ-10 title when the first language the client asks for is
/// Russian and the catalogue has one, else the WHO English title, else (a code since removed from the catalogue) the title
/// stored in the protocol when it was written.
/// </summary>
internal static class SummaryLanguage
{
    /// <summary>The diagnosis title in the patient's language (see the class summary).</summary>
    public static string TitleFor(ProtocolDiagnosis diagnosis, IReadOnlyDictionary<string, Icd10Match> catalogue, bool russian) =>
        catalogue.TryGetValue(diagnosis.Code, out var match)
            ? (russian && match.TitleRu.Length > 0 ? match.TitleRu : match.TitleEn)
            : diagnosis.Title;
}
