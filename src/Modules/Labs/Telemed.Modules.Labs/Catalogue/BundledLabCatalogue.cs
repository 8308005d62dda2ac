namespace Telemed.Modules.Labs.Catalogue;

/// <summary>
/// The bundled catalogue of common tests and panels. Source: codes and long names from LOINC (Regenstrief Institute,
/// https://loinc.org, release 2.78, used under the LOINC licence); Russian names are the clinic's translations; units are
/// UCUM; reference ranges and critical limits are typical adult values (as in Tietz, Clinical Guide to Laboratory Tests,
/// and common hospital critical-value lists) — each lab's own ranges replace them when it reports them.
/// </summary>
internal static class BundledLabCatalogue
{
    public const string Source = "LOINC 2.78 (Regenstrief Institute, loinc.org); adult reference ranges after Tietz Clinical Guide to Laboratory Tests";

    /// <summary>The same attribution for a Russian reader (the work's and the institute's names stay as published).</summary>
    public const string SourceRu = "LOINC 2.78 (Regenstrief Institute, loinc.org); референсные интервалы для взрослых по Tietz Clinical Guide to Laboratory Tests";

    /// <summary>The attribution in <paramref name="language"/> ("ru" or "en", as <c>ReaderLanguage</c> gives it).</summary>
    public static string SourceIn(string language) => Telemed.BuildingBlocks.Text.LanguagePreference.IsRussian(language) ? SourceRu : Source;

    private static LabTest Test(string code, string en, string ru, string unit, decimal? low, decimal? high, decimal? critLow = null, decimal? critHigh = null) =>
        new(code, en, ru, unit, low, high, critLow, critHigh, []);

    private static LabTest Panel(string code, string en, string ru, params string[] members) => new(code, en, ru, null, null, null, null, null, members);

    public static readonly IReadOnlyList<LabTest> All =
    [
        Panel("58410-2", "CBC panel - Blood by Automated count", "Общий анализ крови (автоматический)", "718-7", "6690-2", "777-3", "789-8", "4544-3"),
        Test("718-7", "Hemoglobin [Mass/volume] in Blood", "Гемоглобин в крови", "g/dL", 12.0m, 17.5m, 7.0m, 20.0m),
        Test("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "Лейкоциты в крови", "10*3/uL", 4.0m, 11.0m, 2.0m, 30.0m),
        Test("777-3", "Platelets [#/volume] in Blood by Automated count", "Тромбоциты в крови", "10*3/uL", 150m, 400m, 50m, 1000m),
        Test("789-8", "Erythrocytes [#/volume] in Blood by Automated count", "Эритроциты в крови", "10*6/uL", 4.2m, 5.9m),
        Test("4544-3", "Hematocrit [Volume Fraction] of Blood by Automated count", "Гематокрит", "%", 36m, 52m, 20m, 60m),
        Panel("51990-0", "Basic metabolic panel - Blood", "Базовая метаболическая панель", "2345-7", "2823-3", "2951-2", "2160-0", "3094-0", "2075-0", "2028-9", "17861-6"),
        Test("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "Глюкоза в сыворотке/плазме", "mg/dL", 70m, 99m, 40m, 450m),
        Test("2823-3", "Potassium [Moles/volume] in Serum or Plasma", "Калий в сыворотке/плазме", "mmol/L", 3.5m, 5.1m, 2.8m, 6.2m),
        Test("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "Натрий в сыворотке/плазме", "mmol/L", 136m, 145m, 120m, 160m),
        Test("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "Креатинин в сыворотке/плазме", "mg/dL", 0.6m, 1.3m, null, 10m),
        Test("3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma", "Азот мочевины в сыворотке/плазме", "mg/dL", 7m, 20m, null, 100m),
        Test("2075-0", "Chloride [Moles/volume] in Serum or Plasma", "Хлориды в сыворотке/плазме", "mmol/L", 98m, 107m, 80m, 120m),
        Test("2028-9", "Carbon dioxide, total [Moles/volume] in Serum or Plasma", "Общий CO2 в сыворотке/плазме", "mmol/L", 22m, 29m, 10m, 40m),
        Test("17861-6", "Calcium [Mass/volume] in Serum or Plasma", "Кальций в сыворотке/плазме", "mg/dL", 8.6m, 10.3m, 6.0m, 13.0m),
        Panel("57698-3", "Lipid panel with direct LDL - Serum or Plasma", "Липидный профиль (прямой ЛПНП)", "2093-3", "2571-8", "2085-9", "18262-6"),
        Test("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "Холестерин общий", "mg/dL", null, 200m),
        Test("2571-8", "Triglyceride [Mass/volume] in Serum or Plasma", "Триглицериды", "mg/dL", null, 150m, null, 1000m),
        Test("2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma", "Холестерин ЛПВП", "mg/dL", 40m, null),
        Test("18262-6", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay", "Холестерин ЛПНП (прямой)", "mg/dL", null, 130m),
        Test("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "Гликированный гемоглобин (HbA1c)", "%", 4.0m, 5.6m),
        Test("3016-3", "Thyrotropin [Units/volume] in Serum or Plasma", "Тиреотропный гормон (ТТГ)", "m[IU]/L", 0.4m, 4.0m),
        Test("1988-5", "C reactive protein [Mass/volume] in Serum or Plasma", "С-реактивный белок", "mg/L", null, 10m),
        Test("1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "Аланинаминотрансфераза (АЛТ)", "U/L", 7m, 56m),
        Test("1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "Аспартатаминотрансфераза (АСТ)", "U/L", 10m, 40m),
        Test("2276-4", "Ferritin [Mass/volume] in Serum or Plasma", "Ферритин", "ng/mL", 24m, 336m),
    ];

    private static readonly Dictionary<string, LabTest> ByCode = All.ToDictionary(t => t.LoincCode, StringComparer.Ordinal);

    /// <summary>The entry with this LOINC code, or null.</summary>
    public static LabTest? Find(string? loincCode) => Normalise(loincCode) is { } code && ByCode.TryGetValue(code, out var test) ? test : null;

    /// <summary>
    /// A LOINC code as the catalogue writes it: without surrounding blanks, upper case (LOINC's part codes, "LP…", are letters; codes
    /// are case-insensitive). Inputs are normalised before they are compared for repeats or stored. Null for null.
    /// </summary>
    public static string? Normalise(string? loincCode) => loincCode?.Trim().ToUpperInvariant();

    /// <summary>The single tests an entry stands for: a panel's members, or the test itself.</summary>
    public static IEnumerable<LabTest> TestsOf(LabTest entry) => entry.IsPanel ? entry.Members.Select(m => ByCode[m]) : [entry];
}
