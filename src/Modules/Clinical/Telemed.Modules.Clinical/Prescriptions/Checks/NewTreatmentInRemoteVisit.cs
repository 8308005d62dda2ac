namespace Telemed.Modules.Clinical.Prescriptions.Checks;

/// <summary>
/// The clinic's jurisdiction forbids starting new treatment in this remote visit (Russia: 323-FZ art. 36.2 part 3 and
/// order 965n, until the patient has had an in-person visit) and the patient has never been prescribed this active
/// ingredient before: a hard stop. Renewing or continuing a medicine the patient already had is allowed.
/// </summary>
internal sealed class NewTreatmentInRemoteVisit : IPrescriptionCheck
{
    public const string Code = "new_treatment_needs_in_person_visit";
    public const string Source = "Federal Law 323-FZ art. 36.2 part 3; Ministry of Health order 965n";

    public IEnumerable<PrescriptionFinding> Check(PrescriptionCheckContext context)
    {
        var ingredient = context.Content.Medication.ActiveIngredient;
        if (context.Policy.MayStartNewTreatment(context.Facts) is { } refusal
            && !context.PreviouslyPrescribedIngredients.Any(i => string.Equals(i, ingredient, StringComparison.OrdinalIgnoreCase)))
        {
            yield return new PrescriptionFinding(Code, FindingSeverity.HardStop,
                FindingWording.NewTreatmentInRemoteVisit(refusal.Message, FindingWording.Ingredient(context.Content.Medication, context.Language), context.Language),
                Source);
        }
    }
}
