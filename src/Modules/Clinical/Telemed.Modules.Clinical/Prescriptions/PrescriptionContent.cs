using System.Globalization;

namespace Telemed.Modules.Clinical.Prescriptions;

/// <summary>
/// The medicine as it was in the formulary when prescribed (a FHIR <c>medicationCodeableConcept</c>): kept with the
/// prescription so a later formulary import does not change what was signed.
/// </summary>
public sealed record PrescribedMedicine(string Code, string Name, string ActiveIngredient, string ActiveIngredientRu, string AtcCode, string Form,
    string Strength, string DoseUnit, string DispenseUnit, string AllergyClass);

/// <summary>
/// How the medicine is taken (FHIR <c>dosageInstruction</c>): <paramref name="DoseQuantity"/> per administration in the
/// medicine's dose unit (mg, microgram), <paramref name="TimesPerDay"/>, <paramref name="DurationDays"/>, the route and the
/// patient's instructions as free text.
/// </summary>
public sealed record DosageInstruction(decimal DoseQuantity, string Route, int TimesPerDay, int DurationDays, string Text)
{
    /// <summary>Dose per day in the medicine's dose unit.</summary>
    public decimal DailyDose => DoseQuantity * TimesPerDay;
}

/// <summary>
/// What the pharmacy may hand out (FHIR <c>dispenseRequest</c> + <c>numberOfRepeatsAllowed</c>): a count of the medicine's
/// dispense unit and the number of further dispensings.
/// </summary>
public sealed record DispenseRequest(int Quantity, int NumberOfRepeatsAllowed);

/// <summary>The clinical content of a prescription; stored encrypted as one JSON document.</summary>
internal sealed record PrescriptionContent(PrescribedMedicine Medication, DosageInstruction DosageInstruction, DispenseRequest DispenseRequest)
{
    /// <summary>The sentence a patient and a pharmacist read, e.g. "500 mg 3 times a day for 7 days, oral. After food."</summary>
    public string DosageText()
    {
        var d = DosageInstruction;
        var dose = d.DoseQuantity.ToString("0.###", CultureInfo.InvariantCulture);
        var core = $"{dose} {Medication.DoseUnit} {d.TimesPerDay} time{(d.TimesPerDay == 1 ? "" : "s")} a day for {d.DurationDays} day{(d.DurationDays == 1 ? "" : "s")}, {d.Route}.";
        return d.Text.Length == 0 ? core : $"{core} {d.Text}";
    }
}

/// <summary>A warning the prescriber chose to override, with their reason (UTC).</summary>
public sealed record FindingOverride(string Code, string Reason, DateTime At);
