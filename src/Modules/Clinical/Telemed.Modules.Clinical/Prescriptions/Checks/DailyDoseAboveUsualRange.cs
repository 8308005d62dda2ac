namespace Telemed.Modules.Clinical.Prescriptions.Checks;

/// <summary>
/// The daily dose (dose × times a day) is above the usual adult maximum of the formulary entry: a warning citing the
/// formulary's own source (BNF, WHO Model Formulary, SmPC). A dose above twice the maximum is a hard stop: that is a
/// typing error far more often than intent.
/// </summary>
internal sealed class DailyDoseAboveUsualRange(decimal? maxDailyDose, string source) : IPrescriptionCheck
{
    public const string Code = "dose_above_range";
    public const string FarCode = "dose_far_above_range";

    public IEnumerable<PrescriptionFinding> Check(PrescriptionCheckContext context)
    {
        if (maxDailyDose is not { } max)
        {
            yield break;
        }

        var daily = context.Content.DosageInstruction.DailyDose;
        var unit = context.Content.Medication.DoseUnit;
        if (daily > 2 * max)
        {
            yield return new PrescriptionFinding(FarCode, FindingSeverity.HardStop, FindingWording.DoseAboveRange(daily, max, unit, far: true, context.Language), source);
        }
        else if (daily > max)
        {
            yield return new PrescriptionFinding(Code, FindingSeverity.Warning, FindingWording.DoseAboveRange(daily, max, unit, far: false, context.Language), source);
        }
    }
}
