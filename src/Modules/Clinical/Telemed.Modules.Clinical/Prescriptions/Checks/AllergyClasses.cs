namespace Telemed.Modules.Clinical.Prescriptions.Checks;

/// <summary>
/// Allergy classes: the words (English and Russian, lower case, matched as substrings so plurals and case endings match)
/// by which a recorded allergy names the class, and the source that makes a recorded allergy to the class a reason not to
/// give its members.
/// </summary>
internal static class AllergyClasses
{
    public sealed record AllergyClass(string Name, IReadOnlyList<string> Words, string Source);

    public static readonly IReadOnlyDictionary<string, AllergyClass> ByName = new[]
    {
        new AllergyClass("penicillins", ["penicillin", "amoxicillin", "ampicillin", "beta-lactam", "пенициллин", "амоксициллин", "ампициллин", "бета-лактам", "амоксиклав", "augmentin", "аугментин"],
            "BNF: penicillins — contra-indicated in penicillin hypersensitivity"),
        new AllergyClass("cephalosporins", ["cephalosporin", "cefalexin", "cephalexin", "цефалоспорин", "цефалексин"],
            "BNF: cephalosporins — contra-indicated in cephalosporin hypersensitivity"),
        new AllergyClass("macrolides", ["macrolide", "clarithromycin", "azithromycin", "erythromycin", "макролид", "кларитромицин", "азитромицин", "эритромицин"],
            "BNF: macrolides — contra-indicated in macrolide hypersensitivity"),
        new AllergyClass("tetracyclines", ["tetracycline", "doxycycline", "тетрациклин", "доксициклин"],
            "BNF: tetracyclines — contra-indicated in tetracycline hypersensitivity"),
        new AllergyClass("quinolones", ["quinolone", "ciprofloxacin", "levofloxacin", "хинолон", "ципрофлоксацин", "левофлоксацин"],
            "BNF: quinolones — contra-indicated in quinolone hypersensitivity"),
        new AllergyClass("sulfonamides", ["sulfonamide", "sulphonamide", "sulfa", "sulpha", "co-trimoxazole", "septrin", "bactrim", "сульфаниламид", "сульфа", "ко-тримоксазол", "бисептол"],
            "BNF: co-trimoxazole — contra-indicated in sulfonamide hypersensitivity"),
        new AllergyClass("nsaids", ["nsaid", "aspirin", "acetylsalicylic", "ibuprofen", "diclofenac", "naproxen", "нпвс", "нпвп", "аспирин", "ацетилсалицил", "ибупрофен", "диклофенак", "напроксен"],
            "BNF: NSAIDs — contra-indicated with a history of hypersensitivity to aspirin or any other NSAID"),
        new AllergyClass("opioids", ["opioid", "opiate", "codeine", "tramadol", "morphine", "опиоид", "опиат", "кодеин", "трамадол", "морфин"],
            "BNF: opioid analgesics — avoid with a history of opioid hypersensitivity"),
        new AllergyClass("azoles", ["azole antifungal", "fluconazole", "флуконазол", "азол"],
            "SmPC Diflucan 4.3: hypersensitivity to fluconazole or related azoles"),
        new AllergyClass("ace-inhibitors", ["ace inhibitor", "ace-inhibitor", "angioedema", "ингибитор апф", "иапф", "ангионевротический"],
            "BNF: ACE inhibitors — contra-indicated with a history of angioedema or ACE-inhibitor hypersensitivity"),
    }.ToDictionary(c => c.Name);
}
