using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Clinical.Prescriptions;

/// <summary>The errors of the prescription use cases (stable codes; see docs/clinical.md).</summary>
internal static class PrescriptionErrors
{
    public static readonly Error NotDraft = new("clinical.prescription_not_draft", "The prescription is signed or cancelled; it can no longer be changed.", ErrorKind.Conflict);

    public static readonly Error Changed = new("clinical.prescription_changed", "The prescription was changed since you read it; reload it.", ErrorKind.Conflict);

    public static readonly Error NotCancellable = new("clinical.prescription_not_cancellable", "Only a draft or an active prescription can be cancelled.", ErrorKind.Conflict);

    public static readonly Error UnknownMedicine = new("clinical.unknown_medicine", "The medicine is not in the clinic's formulary.", ErrorKind.Unprocessable,
        new Dictionary<string, string[]> { ["medicineCode"] = ["Not in the formulary."] });

    public static readonly Error PrescriberNotActive = new("clinical.prescriber_not_active",
        "Only an active doctor with a verified licence may prescribe.", ErrorKind.Unprocessable);

    public static readonly Error UnknownPatient = new("clinical.unknown_patient", "The consultation's patient has no record.", ErrorKind.Unprocessable);

    public static readonly Error WrongRoute = new("clinical.route_not_for_medicine", "This medicine is not given by that route.", ErrorKind.Unprocessable,
        new Dictionary<string, string[]> { ["route"] = ["Not a route of this medicine."] });

    public static readonly Error NotAWarning = new("clinical.finding_not_overridable",
        "Only an open warning can be overridden; a hard stop cannot.", ErrorKind.Unprocessable);

    public static Error OpenFindings(IReadOnlyList<Checks.PrescriptionFinding> open) => new("clinical.prescription_has_open_findings",
        $"Resolve or override before signing: {string.Join(", ", open.Select(f => f.Code))}.", ErrorKind.Unprocessable,
        open.GroupBy(f => f.Code).ToDictionary(g => g.Key, g => g.Select(f => $"{f.Severity}: {f.Message} ({f.Source})").ToArray()));
}
