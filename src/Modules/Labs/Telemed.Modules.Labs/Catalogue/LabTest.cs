using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Labs.Catalogue;

/// <summary>
/// One orderable catalogue entry: a single test, or a panel (<see cref="Members"/> non-empty) whose members are tests.
/// A test carries its UCUM <see cref="Unit"/>, the usual adult reference range <see cref="RangeLow"/>..<see cref="RangeHigh"/>
/// and critical limits (values beyond them are LL/HH and alert the doctor at once); any bound may be null.
/// The lab's own range, when it sends one, replaces the catalogue's for that value.
/// </summary>
internal sealed record LabTest(string LoincCode, string NameEn, string NameRu, string? Unit, decimal? RangeLow, decimal? RangeHigh,
    decimal? CriticalLow, decimal? CriticalHigh, IReadOnlyList<string> Members)
{
    public bool IsPanel => Members.Count > 0;

    /// <summary>The name in <paramref name="language"/> (<c>ru</c> or anything else for English).</summary>
    public string NameIn(string? language) => LanguagePreference.IsRussian(language) ? NameRu : NameEn;
}
