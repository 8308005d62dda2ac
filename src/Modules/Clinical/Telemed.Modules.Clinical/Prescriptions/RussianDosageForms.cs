namespace Telemed.Modules.Clinical.Prescriptions;

/// <summary>
/// Dosage forms as the formulary writes them in English ("capsule", "oral suspension") and as a Russian prescription names
/// them: the nominative of the State Register of Medicines (ГРЛС) — "капсулы", "суспензия для приёма внутрь". A clinic's own
/// formulary may write forms this table does not know; <see cref="MedicineWording"/> then prints them as written.
/// </summary>
internal static class RussianDosageForms
{
    private static readonly Dictionary<string, string> Forms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tablet"] = "таблетки", ["tablets"] = "таблетки",
        ["film-coated tablet"] = "таблетки, покрытые плёночной оболочкой", ["film-coated tablets"] = "таблетки, покрытые плёночной оболочкой",
        ["gastro-resistant tablet"] = "таблетки кишечнорастворимые", ["gastro-resistant tablets"] = "таблетки кишечнорастворимые",
        ["modified-release tablet"] = "таблетки с модифицированным высвобождением", ["modified-release tablets"] = "таблетки с модифицированным высвобождением",
        ["prolonged-release tablet"] = "таблетки пролонгированного действия", ["prolonged-release tablets"] = "таблетки пролонгированного действия",
        ["chewable tablet"] = "таблетки жевательные", ["chewable tablets"] = "таблетки жевательные",
        ["dispersible tablet"] = "таблетки диспергируемые", ["dispersible tablets"] = "таблетки диспергируемые",
        ["effervescent tablet"] = "таблетки шипучие", ["effervescent tablets"] = "таблетки шипучие",
        ["lozenge"] = "таблетки для рассасывания", ["lozenges"] = "таблетки для рассасывания",
        ["capsule"] = "капсулы", ["capsules"] = "капсулы",
        ["gastro-resistant capsule"] = "капсулы кишечнорастворимые", ["gastro-resistant capsules"] = "капсулы кишечнорастворимые",
        ["modified-release capsule"] = "капсулы с модифицированным высвобождением", ["modified-release capsules"] = "капсулы с модифицированным высвобождением",
        ["oral suspension"] = "суспензия для приёма внутрь", ["powder for oral suspension"] = "порошок для приготовления суспензии для приёма внутрь",
        ["oral solution"] = "раствор для приёма внутрь", ["oral drops"] = "капли для приёма внутрь", ["syrup"] = "сироп",
        ["granules"] = "гранулы", ["powder"] = "порошок",
        ["inhaler"] = "аэрозоль для ингаляций дозированный", ["pressurised inhaler"] = "аэрозоль для ингаляций дозированный",
        ["inhalation powder"] = "порошок для ингаляций", ["nebuliser solution"] = "раствор для ингаляций",
        ["eye drops"] = "капли глазные", ["ear drops"] = "капли ушные", ["nasal spray"] = "спрей назальный",
        ["cream"] = "крем", ["ointment"] = "мазь", ["gel"] = "гель",
        ["suppository"] = "суппозитории", ["suppositories"] = "суппозитории",
        ["solution for injection"] = "раствор для инъекций", ["injection"] = "раствор для инъекций",
        ["transdermal patch"] = "пластырь трансдермальный",
    };

    /// <summary>The Russian name of <paramref name="form"/>, or null when the table does not know it.</summary>
    public static string? Find(string form) => Forms.GetValueOrDefault(form.Trim());
}
