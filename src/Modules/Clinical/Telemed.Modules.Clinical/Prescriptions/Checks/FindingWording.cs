using Telemed.BuildingBlocks.Text;
using System.Globalization;

namespace Telemed.Modules.Clinical.Prescriptions.Checks;

/// <summary>
/// The specifics of a check's finding in the prescriber's language (<c>ru…</c> → Russian, else English), after the
/// finding's label the web app words from its code. Ingredients are named by their Russian INN where the formulary has
/// one, the other prescriptions' ingredients too. An interaction's effect comes from the interaction table in the reader's
/// language; every source stays as its publisher titles it (a citation).
/// </summary>
internal static class FindingWording
{
    private static readonly CultureInfo RussianNumbers = CultureInfo.GetCultureInfo("ru-RU");

    private static readonly Dictionary<string, string> RussianClasses = new(StringComparer.Ordinal)
    {
        ["penicillins"] = "пенициллины", ["cephalosporins"] = "цефалоспорины", ["macrolides"] = "макролиды", ["tetracyclines"] = "тетрациклины",
        ["quinolones"] = "хинолоны", ["sulfonamides"] = "сульфаниламиды", ["nsaids"] = "НПВС", ["opioids"] = "опиоиды",
        ["azoles"] = "азольные противогрибковые средства", ["ace-inhibitors"] = "ингибиторы АПФ",
    };

    /// <summary>The medicine's active ingredient as the reader names it (the Russian INN when the formulary has one).</summary>
    public static string Ingredient(PrescribedMedicine medicine, string language) =>
        LanguagePreference.IsRussian(language) && medicine.ActiveIngredientRu.Length > 0 ? medicine.ActiveIngredientRu : medicine.ActiveIngredient;

    /// <summary>A daily dose below the usual minimum.</summary>
    public static string DoseBelowRange(decimal daily, decimal min, string unit, string language)
    {
        if (LanguagePreference.IsRussian(language))
        {
            var ru = DosageWording.Unit(unit, language);
            return $"Суточная доза {Number(daily, RussianNumbers)} {ru} ниже обычного минимума {Number(min, RussianNumbers)} {ru}.";
        }

        return $"Daily dose {Number(daily, CultureInfo.InvariantCulture)} {unit} is below the usual minimum of {Number(min, CultureInfo.InvariantCulture)} {unit}.";
    }

    /// <summary>A daily dose above the usual maximum; <paramref name="far"/> when more than twice it.</summary>
    public static string DoseAboveRange(decimal daily, decimal max, string unit, bool far, string language)
    {
        if (LanguagePreference.IsRussian(language))
        {
            var ru = DosageWording.Unit(unit, language);
            return $"Суточная доза {Number(daily, RussianNumbers)} {ru} {(far ? "более чем вдвое выше" : "выше")} обычного максимума {Number(max, RussianNumbers)} {ru}.";
        }

        return far
            ? $"Daily dose {Number(daily, CultureInfo.InvariantCulture)} {unit} is more than twice the usual maximum of {Number(max, CultureInfo.InvariantCulture)} {unit}."
            : $"Daily dose {Number(daily, CultureInfo.InvariantCulture)} {unit} is above the usual maximum of {Number(max, CultureInfo.InvariantCulture)} {unit}.";
    }

    public static string DuplicateTherapy(string ingredient, string language) => LanguagePreference.IsRussian(language)
        ? $"У пациента уже есть действующий рецепт на {ingredient}."
        : $"The patient already has an active prescription of {ingredient}.";

    public static string BelowMinimumAge(int age, string ingredient, int minimum, string language) => LanguagePreference.IsRussian(language)
        ? $"Пациенту {age} {Years(age)}; {ingredient} в этой форме — с {minimum} {FromYears(minimum)}."
        : $"The patient is {age}; {ingredient} in this form is for {minimum} years and older.";

    public static string AllergyNamesIngredient(string allergy, string ingredient, string language) => LanguagePreference.IsRussian(language)
        ? $"Записанная у пациента аллергия «{allergy}» — на действующее вещество препарата ({ingredient})."
        : $"The patient's recorded allergy \"{allergy}\" names {ingredient}.";

    public static string AllergyToClass(string allergy, string className, string ingredient, string language) => LanguagePreference.IsRussian(language)
        ? $"Записанная у пациента аллергия «{allergy}» — на {RussianClasses.GetValueOrDefault(className, className)}; {ingredient} относится к ним."
        : $"The patient's recorded allergy \"{allergy}\" is to {className}; {ingredient} is one of them.";

    /// <summary>
    /// An interaction with a medicine the patient already takes. The Russian names the other as "препарат {other}" (nominative,
    /// in apposition), so the sentence agrees whatever the INN's gender (варфарин, ацетилсалициловая кислота).
    /// </summary>
    public static string Interaction(string ingredient, string other, string effect, string language) => LanguagePreference.IsRussian(language)
        ? $"{ingredient} и уже назначенный препарат {other}: {AfterColon(effect)}."
        : $"{ingredient} with {other} (already prescribed): {effect}.";

    public static string NewTreatmentInRemoteVisit(string lawSentence, string ingredient, string language) => LanguagePreference.IsRussian(language)
        ? $"По закону (323-ФЗ, ст. 36.2) на дистанционной консультации нельзя начинать новое лечение, пока пациент не побывал на очном приёме. " +
          $"Раньше пациенту не выписывали {ingredient}."
        : $"{lawSentence} The patient has no earlier prescription of {ingredient}.";

    // Russian continues a sentence after a colon in lower case; an abbreviation that opens the effect (МНО) keeps its capitals.
    private static string AfterColon(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLower(text[0], RussianNumbers) + text[1..] : text;

    /// <summary>"1 год", "3 года", "5 лет", "11 лет", "21 год".</summary>
    internal static string Years(int n) => RussianPlural.Form(n, "год", "года", "лет");

    /// <summary>"с 1 года", "с 12 лет", "с 21 года" (the genitive after "с").</summary>
    internal static string FromYears(int n) => RussianPlural.Form(n, "года", "лет", "лет");

    private static string Number(decimal value, CultureInfo culture) => value.ToString("0.###", culture);
}
