using Telemed.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Telemed.Modules.Labs.Catalogue.SearchCatalogue;

/// <summary>
/// One catalogue entry as the API shows it: LOINC code, name in the asked language, whether it is a panel (then its member
/// tests' codes), UCUM unit and the catalogue's reference range (nulls for panels and open bounds).
/// </summary>
public sealed record LabCatalogueItem(string LoincCode, string Name, bool IsPanel, IReadOnlyList<string> Members, string? Unit, decimal? RangeLow,
    decimal? RangeHigh);

/// <summary>The catalogue search's answer: matching entries (panels first) and the catalogue's source.</summary>
public sealed record LabCatalogueResult(IReadOnlyList<LabCatalogueItem> Items, string Source);

/// <summary>
/// GET /lab-catalogue?q=&amp;lang=: searches the bundled catalogue by LOINC code prefix or by words of the English or Russian
/// name (case-insensitive; every word must match). An empty query lists everything. No PHI: any signed-in user.
/// </summary>
internal static class SearchLabCatalogue
{
    public static Ok<LabCatalogueResult> Endpoint(string? q, string? lang)
    {
        var language = ReaderLanguage.Preferring(lang);
        var words = (q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var items = BundledLabCatalogue.All
            .Where(t => words.All(w => t.LoincCode.StartsWith(w, StringComparison.Ordinal) || t.NameEn.Contains(w, StringComparison.OrdinalIgnoreCase)
                || t.NameRu.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(t => t.IsPanel)
            .Select(t => ToItem(t, lang))
            .ToList();
        return TypedResults.Ok(new LabCatalogueResult(items, BundledLabCatalogue.SourceIn(language)));
    }

    internal static LabCatalogueItem ToItem(LabTest t, string? lang) =>
        new(t.LoincCode, t.NameIn(ReaderLanguage.Preferring(lang)), t.IsPanel, t.Members, t.Unit, t.RangeLow, t.RangeHigh);
}
