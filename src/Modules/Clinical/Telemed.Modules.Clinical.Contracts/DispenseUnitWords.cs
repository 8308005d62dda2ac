using System.Globalization;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Clinical.Contracts;

/// <summary>
/// The units a medicine is dispensed in (the formulary's <c>dispense_unit</c>: "tablets", "capsules", "ml", "inhalers") in the
/// reader's words (<see cref="LanguagePreference"/>). In English as the formulary writes them ("21 capsules"). In Russian after a
/// count in the three plural forms of <see cref="RussianPlural"/> (1 капсула, 2 капсулы, 5 капсул), and as a label word in the
/// nominative plural ("Сколько отпустить (капсулы)"). Abbreviations (мл, г) do not change. A clinic's own unit this table does
/// not know is written as the formulary has it. Shared by the printed prescription, the patient's list, the pharmacist's counter
/// and the public verification page, so each words a count the same way.
/// </summary>
public static class DispenseUnitWords
{
    private sealed record Forms(string One, string Few, string Many, string Plural);

    private static readonly Forms Tablet = new("таблетка", "таблетки", "таблеток", "таблетки");
    private static readonly Forms Capsule = new("капсула", "капсулы", "капсул", "капсулы");
    private static readonly Forms Millilitre = new("мл", "мл", "мл", "мл");
    private static readonly Forms Gram = new("г", "г", "г", "г");
    private static readonly Forms Inhaler = new("ингалятор", "ингалятора", "ингаляторов", "ингаляторы");
    private static readonly Forms Sachet = new("пакетик", "пакетика", "пакетиков", "пакетики");
    private static readonly Forms Pack = new("упаковка", "упаковки", "упаковок", "упаковки");
    private static readonly Forms Bottle = new("флакон", "флакона", "флаконов", "флаконы");
    private static readonly Forms Tube = new("туба", "тубы", "туб", "тубы");
    private static readonly Forms Ampoule = new("ампула", "ампулы", "ампул", "ампулы");
    private static readonly Forms Suppository = new("суппозиторий", "суппозитория", "суппозиториев", "суппозитории");
    private static readonly Forms Patch = new("пластырь", "пластыря", "пластырей", "пластыри");
    private static readonly Forms Dose = new("доза", "дозы", "доз", "дозы");
    private static readonly Forms Drop = new("капля", "капли", "капель", "капли");
    private static readonly Forms Lozenge = new("таблетка для рассасывания", "таблетки для рассасывания", "таблеток для рассасывания", "таблетки для рассасывания");

    private static readonly Dictionary<string, Forms> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tablet"] = Tablet, ["tablets"] = Tablet, ["tab"] = Tablet, ["tabs"] = Tablet,
        ["capsule"] = Capsule, ["capsules"] = Capsule, ["caps"] = Capsule,
        ["ml"] = Millilitre, ["millilitre"] = Millilitre, ["millilitres"] = Millilitre, ["g"] = Gram, ["gram"] = Gram, ["grams"] = Gram,
        ["inhaler"] = Inhaler, ["inhalers"] = Inhaler, ["sachet"] = Sachet, ["sachets"] = Sachet, ["pack"] = Pack, ["packs"] = Pack,
        ["bottle"] = Bottle, ["bottles"] = Bottle, ["vial"] = Bottle, ["vials"] = Bottle, ["tube"] = Tube, ["tubes"] = Tube,
        ["ampoule"] = Ampoule, ["ampoules"] = Ampoule, ["ampule"] = Ampoule, ["ampules"] = Ampoule,
        ["suppository"] = Suppository, ["suppositories"] = Suppository, ["patch"] = Patch, ["patches"] = Patch,
        ["dose"] = Dose, ["doses"] = Dose, ["drop"] = Drop, ["drops"] = Drop, ["lozenge"] = Lozenge, ["lozenges"] = Lozenge,
    };

    /// <summary>
    /// A count of <paramref name="unit"/> for a reader of <paramref name="language"/>: "21 капсула", "2 ингалятора", "100 мл" in
    /// Russian, "21 capsules" in English; a unit the table does not know as "21 {unit}".
    /// </summary>
    public static string Count(int quantity, string unit, string language) =>
        LanguagePreference.IsRussian(language) && Units.TryGetValue(unit.Trim(), out var forms)
            ? $"{quantity.ToString(CultureInfo.InvariantCulture)} {RussianPlural.Form(quantity, forms.One, forms.Few, forms.Many)}"
            : $"{quantity.ToString(CultureInfo.InvariantCulture)} {unit}";

    /// <summary>The unit as a label word ("капсулы", "мл" in Russian; the formulary's own word in English or when unknown).</summary>
    public static string Label(string unit, string language) =>
        LanguagePreference.IsRussian(language) && Units.TryGetValue(unit.Trim(), out var forms) ? forms.Plural : unit;
}
