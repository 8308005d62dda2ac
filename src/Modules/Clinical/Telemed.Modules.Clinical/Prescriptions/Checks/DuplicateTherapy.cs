namespace Telemed.Modules.Clinical.Prescriptions.Checks;

/// <summary>
/// The patient already has an active prescription of the same active ingredient (same INN): a warning, since taking
/// both doubles the dose; a deliberate second product (e.g. another strength) can be overridden with a reason.
/// </summary>
internal sealed class DuplicateTherapy : IPrescriptionCheck
{
    public const string Code = "duplicate_therapy";
    public const string Source = "WHO Guide to Good Prescribing (1994), step 3: check for duplication; same INN (WHO ATC/DDD Index)";

    public IEnumerable<PrescriptionFinding> Check(PrescriptionCheckContext context)
    {
        var ingredient = context.Content.Medication.ActiveIngredient;
        if (context.OtherActiveIngredients.Any(i => string.Equals(i, ingredient, StringComparison.OrdinalIgnoreCase)))
        {
            yield return new PrescriptionFinding(Code, FindingSeverity.Warning,
                FindingWording.DuplicateTherapy(FindingWording.Ingredient(context.Content.Medication, context.Language), context.Language), Source);
        }
    }
}
