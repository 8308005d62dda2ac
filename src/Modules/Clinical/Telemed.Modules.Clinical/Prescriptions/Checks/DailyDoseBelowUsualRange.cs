namespace Telemed.Modules.Clinical.Prescriptions.Checks;

/// <summary>
/// The daily dose (dose × times a day) is below the usual adult minimum of the formulary entry (<c>minDailyDose</c>): a
/// warning citing the formulary's source. Far more often a unit or typing slip (0.5 for 500 mg) than intent; a deliberate low
/// dose (a child, a titration start) is prescribed by overriding it with a reason.
/// </summary>
internal sealed class DailyDoseBelowUsualRange(decimal? minDailyDose, string source) : IPrescriptionCheck
{
    public const string Code = "dose_below_range";

    public IEnumerable<PrescriptionFinding> Check(PrescriptionCheckContext context)
    {
        if (minDailyDose is not { } min || min <= 0)
        {
            yield break;
        }

        var daily = context.Content.DosageInstruction.DailyDose;
        if (daily < min)
        {
            yield return new PrescriptionFinding(Code, FindingSeverity.Warning,
                FindingWording.DoseBelowRange(daily, min, context.Content.Medication.DoseUnit, context.Language), source);
        }
    }
}
