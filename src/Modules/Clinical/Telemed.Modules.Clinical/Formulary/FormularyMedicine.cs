namespace Telemed.Modules.Clinical.Formulary;

/// <summary>
/// One medicine of the clinic's formulary (maps to a FHIR Medication): the product code the clinic uses, its active
/// ingredient as an INN (English and Russian), ATC code, form, strength as written, the unit its doses are counted in
/// (<c>mg</c>, <c>microgram</c>), the unit it is dispensed in (<c>tablets</c>, <c>ml</c>), route, the usual adult daily dose
/// range in that unit, the minimum age in years where the source sets one, the allergy class the allergy check matches
/// (<c>penicillins</c>, <c>nsaids</c>, ...) and the source of the ranges. Not PHI.
/// </summary>
internal sealed class FormularyMedicine
{
    public required string Code { get; set; }
    public required string ActiveIngredient { get; set; }
    public string ActiveIngredientRu { get; set; } = "";
    public string AtcCode { get; set; } = "";
    public required string Name { get; set; }
    public required string Form { get; set; }
    public required string Strength { get; set; }
    public required string DoseUnit { get; set; }
    public required string DispenseUnit { get; set; }
    public required string Route { get; set; }
    public decimal? MinDailyDose { get; set; }
    public decimal? MaxDailyDose { get; set; }
    public int? MinimumAgeYears { get; set; }
    public string AllergyClass { get; set; } = "";
    public string Source { get; set; } = "";
    public string Edition { get; set; } = "";

    /// <summary>Lower-cased code, names, ingredients and ATC code, for the search box.</summary>
    public string SearchText { get; set; } = "";

    public static string SearchTextOf(FormularyMedicine m) =>
        string.Join(' ', m.Code, m.Name, m.ActiveIngredient, m.ActiveIngredientRu, m.AtcCode, m.Form).ToLowerInvariant();
}
