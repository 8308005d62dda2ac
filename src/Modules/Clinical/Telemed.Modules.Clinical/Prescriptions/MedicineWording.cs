using System.Globalization;
using System.Text.RegularExpressions;
using Telemed.BuildingBlocks.Text;
using Telemed.Modules.Clinical.Contracts;

namespace Telemed.Modules.Clinical.Prescriptions;

/// <summary>
/// The medicine of a prescription as a printed prescription names it, in English or Russian (see
/// <see cref="LanguagePreference.IsRussian"/>). In English the formulary's own words: "Amoxicillin 500 mg capsules (amoxicillin)
/// 500 mg, capsule", "21 capsules". In Russian, as order 1094n asks, by the Russian INN with the Russian dosage form and units:
/// "Амоксициллин 500 мг, капсулы", "21 капсула" — the formulary's English product name is left out. A word the Russian tables do
/// not know (a clinic's own form or unit, an ingredient without <c>inn_ru</c>) is printed as the formulary writes it rather
/// than guessed.
/// </summary>
internal static partial class MedicineWording
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    // Words inside a strength ("100 microgram/dose") besides the dose units DosageWording already knows.
    private static readonly Dictionary<string, string> RussianStrengthWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dose"] = "доза", ["actuation"] = "доза", ["spray"] = "впрыск",
    };

    /// <summary>What follows "Rp.:": the medicine, its strength and its form.</summary>
    public static string Prescribed(PrescribedMedicine medicine, string language) =>
        LanguagePreference.IsRussian(language)
            ? $"{Capitalised(Ingredient(medicine, language))} {Strength(medicine.Strength, language)}, {Form(medicine.Form, language)}"
            : $"{medicine.Name} ({medicine.ActiveIngredient}) {medicine.Strength}, {medicine.Form}";

    /// <summary>The active ingredient's INN: the Russian one for a Russian reader when the formulary has it, else the English.</summary>
    public static string Ingredient(PrescribedMedicine medicine, string language) =>
        LanguagePreference.IsRussian(language) && !string.IsNullOrWhiteSpace(medicine.ActiveIngredientRu) ? medicine.ActiveIngredientRu.Trim() : medicine.ActiveIngredient;

    /// <summary>The dosage form: "capsule" → "капсулы" for a Russian reader; an unknown form as written.</summary>
    public static string Form(string form, string language) =>
        LanguagePreference.IsRussian(language) ? RussianDosageForms.Find(form) ?? form : form;

    /// <summary>The strength with its units in the reader's words and a decimal comma in Russian: "2.5 mg/5 ml" → "2,5 мг/5 мл".</summary>
    public static string Strength(string strength, string language)
    {
        if (!LanguagePreference.IsRussian(language))
        {
            return strength;
        }

        var words = Word().Replace(strength, w => RussianStrengthWords.GetValueOrDefault(w.Value) ?? DosageWording.Unit(w.Value, language));
        return DecimalPoint().Replace(words, m => $"{m.Groups[1].Value}{Russian.NumberFormat.NumberDecimalSeparator}{m.Groups[2].Value}");
    }

    /// <summary>
    /// The medicine's name in a list (the patient's prescriptions, the doctor's panel, refills, the pharmacist's counter, the
    /// record timeline): the formulary's product name in English ("Amoxicillin 500 mg capsules"); in Russian the medicine as the
    /// printed prescription names it ("Амоксициллин 500 мг, капсулы", <see cref="Prescribed"/>), which the English name stands
    /// for. Never a code: a reader always sees words.
    /// </summary>
    public static string Name(PrescribedMedicine medicine, string language) =>
        LanguagePreference.IsRussian(language) ? Prescribed(medicine, language) : medicine.Name;

    /// <summary>How much to hand out: "21 капсула", "2 ингалятора", "100 мл" in Russian; "21 capsules" in English (<see cref="DispenseUnitWords"/>).</summary>
    public static string Quantity(int quantity, string unit, string language) => DispenseUnitWords.Count(quantity, unit, language);

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Russian) + text[1..];

    [GeneratedRegex(@"[\p{L}µ]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"(\d)\.(\d)")]
    private static partial Regex DecimalPoint();
}
