namespace Telemed.Modules.Clinical.Prescriptions.Checks;

/// <summary>
/// The patient is younger than the formulary entry's minimum age (e.g. codeine under 12, doxycycline under 12): a hard
/// stop citing the formulary's source; a child needs another product or a specialist's decision outside this form.
/// </summary>
internal sealed class BelowMinimumAge(int? minimumAgeYears, string source) : IPrescriptionCheck
{
    public const string Code = "below_minimum_age";

    public IEnumerable<PrescriptionFinding> Check(PrescriptionCheckContext context)
    {
        if (minimumAgeYears is { } minimum && context.PatientAgeYears < minimum)
        {
            yield return new PrescriptionFinding(Code, FindingSeverity.HardStop, FindingWording.BelowMinimumAge(context.PatientAgeYears,
                FindingWording.Ingredient(context.Content.Medication, context.Language), minimum, context.Language), source);
        }
    }
}
