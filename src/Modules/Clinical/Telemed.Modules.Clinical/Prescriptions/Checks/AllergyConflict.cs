namespace Telemed.Modules.Clinical.Prescriptions.Checks;

/// <summary>
/// A recorded allergy names the medicine's active ingredient (English or Russian INN) or its allergy class (penicillins,
/// NSAIDs, sulfonamides, ...; see <see cref="AllergyClasses"/>), case-insensitive: a warning the prescriber may override
/// with a reason (e.g. "intolerance, not allergy: nausea only"). The source is the class's, else the SmPC's general
/// contra-indication for hypersensitivity to the active substance (section 4.3).
/// </summary>
internal sealed class AllergyConflict : IPrescriptionCheck
{
    public const string Code = "allergy_conflict";
    public const string IngredientSource = "SmPC section 4.3: hypersensitivity to the active substance";

    public IEnumerable<PrescriptionFinding> Check(PrescriptionCheckContext context)
    {
        var medicine = context.Content.Medication;
        AllergyClasses.ByName.TryGetValue(medicine.AllergyClass, out var @class);
        foreach (var allergy in context.Allergies)
        {
            var text = allergy.Trim().ToLowerInvariant();
            if (text.Length < 3)
            {
                continue;
            }

            if (Names(text, medicine.ActiveIngredient) || Names(text, medicine.ActiveIngredientRu))
            {
                yield return new PrescriptionFinding(Code, FindingSeverity.Warning,
                    FindingWording.AllergyNamesIngredient(allergy.Trim(), FindingWording.Ingredient(medicine, context.Language), context.Language),
                    @class?.Source ?? IngredientSource);
                yield break;
            }

            if (@class is not null && @class.Words.Any(text.Contains))
            {
                yield return new PrescriptionFinding(Code, FindingSeverity.Warning,
                    FindingWording.AllergyToClass(allergy.Trim(), @class.Name, FindingWording.Ingredient(medicine, context.Language), context.Language), @class.Source);
                yield break;
            }
        }
    }

    /// <summary>The allergy text names the ingredient, or each part of a combination ("sulfamethoxazole+trimethoprim").</summary>
    private static bool Names(string allergy, string ingredient) =>
        ingredient.Length > 0 && ingredient.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(part => allergy.Contains(part));
}
