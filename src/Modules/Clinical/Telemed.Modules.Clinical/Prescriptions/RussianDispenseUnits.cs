using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Clinical.Prescriptions;

/// <summary>
/// The units a medicine is dispensed in (the formulary's <c>dispense_unit</c>: "tablets", "capsules", "ml", "inhalers") as
/// Russian words after a count, in the three plural forms of <see cref="RussianPlural"/>: 1 капсула, 2 капсулы, 5 капсул.
/// Abbreviations (мл, г) do not change. A clinic's own unit this table does not know is printed as written.
/// </summary>
internal static class RussianDispenseUnits
{
    private static readonly (string One, string Few, string Many) Tablet = ("таблетка", "таблетки", "таблеток");
    private static readonly (string One, string Few, string Many) Capsule = ("капсула", "капсулы", "капсул");
    private static readonly (string One, string Few, string Many) Millilitre = ("мл", "мл", "мл");
    private static readonly (string One, string Few, string Many) Gram = ("г", "г", "г");
    private static readonly (string One, string Few, string Many) Inhaler = ("ингалятор", "ингалятора", "ингаляторов");
    private static readonly (string One, string Few, string Many) Sachet = ("пакетик", "пакетика", "пакетиков");
    private static readonly (string One, string Few, string Many) Pack = ("упаковка", "упаковки", "упаковок");
    private static readonly (string One, string Few, string Many) Bottle = ("флакон", "флакона", "флаконов");
    private static readonly (string One, string Few, string Many) Tube = ("туба", "тубы", "туб");
    private static readonly (string One, string Few, string Many) Ampoule = ("ампула", "ампулы", "ампул");
    private static readonly (string One, string Few, string Many) Suppository = ("суппозиторий", "суппозитория", "суппозиториев");
    private static readonly (string One, string Few, string Many) Patch = ("пластырь", "пластыря", "пластырей");
    private static readonly (string One, string Few, string Many) Dose = ("доза", "дозы", "доз");
    private static readonly (string One, string Few, string Many) Drop = ("капля", "капли", "капель");
    private static readonly (string One, string Few, string Many) Lozenge = ("таблетка для рассасывания", "таблетки для рассасывания", "таблеток для рассасывания");

    private static readonly Dictionary<string, (string One, string Few, string Many)> Units = new(StringComparer.OrdinalIgnoreCase)
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

    /// <summary>"21 капсула", "2 таблетки", "100 мл"; null when the table does not know <paramref name="unit"/>.</summary>
    public static string? Count(int quantity, string unit) =>
        Units.TryGetValue(unit.Trim(), out var forms) ? $"{quantity} {RussianPlural.Form(quantity, forms.One, forms.Few, forms.Many)}" : null;
}
