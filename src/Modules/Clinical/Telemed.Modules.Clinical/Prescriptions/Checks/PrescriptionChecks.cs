using Telemed.Modules.Clinical.Formulary;

namespace Telemed.Modules.Clinical.Prescriptions.Checks;

/// <summary>
/// Runs every check on a prescription and tells which findings are still open: every hard stop, and every warning without
/// an override. Signing needs none open.
/// </summary>
internal static class PrescriptionChecks
{
    public static IReadOnlyList<PrescriptionFinding> Run(PrescriptionCheckContext context, FormularyMedicine? formulary)
    {
        IPrescriptionCheck[] checks =
        [
            new NewTreatmentInRemoteVisit(),
            new BelowMinimumAge(formulary?.MinimumAgeYears, formulary?.Source ?? ""),
            new DailyDoseAboveUsualRange(formulary?.MaxDailyDose, formulary?.Source ?? ""),
            new DailyDoseBelowUsualRange(formulary?.MinDailyDose, formulary?.Source ?? ""),
            new AllergyConflict(),
            new DuplicateTherapy(),
            new KnownInteraction(InteractionTable.All),
        ];
        return [.. checks.SelectMany(c => c.Check(context))];
    }

    /// <summary>The findings that still stop signing.</summary>
    public static IReadOnlyList<PrescriptionFinding> Open(IReadOnlyList<PrescriptionFinding> findings, IReadOnlyList<FindingOverride> overrides) =>
        [.. findings.Where(f => f.IsHardStop || overrides.All(o => o.Code != f.Code))];
}
