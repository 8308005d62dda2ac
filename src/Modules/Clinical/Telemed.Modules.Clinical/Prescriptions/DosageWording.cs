using Telemed.BuildingBlocks.Text;
using System.Globalization;

namespace Telemed.Modules.Clinical.Prescriptions;

/// <summary>
/// The dosage sentence a patient, a pharmacist and the printed prescription read (the Signa), in English or Russian:
/// "500 mg 3 times a day for 7 days, oral." / "500 мг 3 раза в день в течение 7 дней, внутрь." followed by the prescriber's
/// own instructions as typed. The structured dosage (FHIR <c>dosageInstruction</c>) is what is signed; this is only its
/// wording, so it follows the reader. Units and routes the tables below do not know are written as the formulary has them.
/// </summary>
internal static class DosageWording
{
    private static readonly CultureInfo RussianNumbers = CultureInfo.GetCultureInfo("ru-RU");

    // The formulary's dose units (docs/clinical.md, "Formulary") in the abbreviations a Russian prescription uses.
    private static readonly Dictionary<string, string> RussianUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mg"] = "мг", ["g"] = "г", ["microgram"] = "мкг", ["micrograms"] = "мкг", ["mcg"] = "мкг", ["µg"] = "мкг", ["ml"] = "мл",
        ["IU"] = "МЕ", ["unit"] = "ЕД", ["units"] = "ЕД", ["drop"] = "кап.", ["drops"] = "кап.", ["tablet"] = "таб.", ["tablets"] = "таб.",
        ["capsule"] = "капс.", ["capsules"] = "капс.", ["puff"] = "ингал.", ["puffs"] = "ингал.", ["sachet"] = "пак.", ["sachets"] = "пак.",
    };

    // Routes as the standard Russian instructions name them (Signa: "внутрь", "наружно").
    private static readonly Dictionary<string, string> RussianRoutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["oral"] = "внутрь", ["inhalation"] = "ингаляционно", ["topical"] = "наружно", ["cutaneous"] = "наружно", ["sublingual"] = "под язык",
        ["buccal"] = "за щеку", ["rectal"] = "ректально", ["vaginal"] = "вагинально", ["nasal"] = "интраназально",
        ["intramuscular"] = "внутримышечно", ["intravenous"] = "внутривенно", ["subcutaneous"] = "подкожно", ["transdermal"] = "трансдермально",
        ["ophthalmic"] = "в глаза", ["otic"] = "в уши",
    };

    /// <summary>The sentence in <paramref name="language"/> (<see cref="LanguagePreference.IsRussian"/>: Russian, else English).</summary>
    public static string Text(PrescribedMedicine medicine, DosageInstruction d, string language)
    {
        var core = LanguagePreference.IsRussian(language) ? Russian(medicine, d) : English(medicine, d);
        return d.Text.Length == 0 ? core : $"{core} {d.Text}";
    }

    /// <summary>A dose unit as a reader of <paramref name="language"/> writes it ("mg" → "мг"); an unknown unit as written.</summary>
    public static string Unit(string unit, string language) =>
        LanguagePreference.IsRussian(language) ? RussianUnits.GetValueOrDefault(unit, unit) : unit;

    /// <summary>The route as a reader of <paramref name="language"/> reads it ("oral" → "внутрь"); an unknown route as written.</summary>
    public static string Route(string route, string language) =>
        LanguagePreference.IsRussian(language) ? RussianRoutes.GetValueOrDefault(route, route) : route;

    private static string English(PrescribedMedicine medicine, DosageInstruction d) =>
        $"{d.DoseQuantity.ToString("0.###", CultureInfo.InvariantCulture)} {medicine.DoseUnit} {d.TimesPerDay} time{(d.TimesPerDay == 1 ? "" : "s")} a day " +
        $"for {d.DurationDays} day{(d.DurationDays == 1 ? "" : "s")}, {d.Route}.";

    private static string Russian(PrescribedMedicine medicine, DosageInstruction d) =>
        $"{d.DoseQuantity.ToString("0.###", RussianNumbers)} {Unit(medicine.DoseUnit, "ru")} " +
        $"{d.TimesPerDay} {Times(d.TimesPerDay)} в день в течение {d.DurationDays} {Days(d.DurationDays)}, {Route(d.Route, "ru")}.";

    /// <summary>"1 раз", "2 раза", "5 раз", "11 раз", "22 раза".</summary>
    internal static string Times(int n) => RussianPlural.Form(n, "раз", "раза", "раз");

    /// <summary>"в течение 1 дня", "2 дней", "21 дня", "11 дней" (the genitive after "в течение").</summary>
    internal static string Days(int n) => RussianPlural.Form(n, "дня", "дней", "дней");
}
