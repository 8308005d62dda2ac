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
    /// <summary>
    /// The sentence a patient and a pharmacist read, in <paramref name="language"/> (<c>en</c> or <c>ru</c>; see
    /// <see cref="DosageWording"/>), e.g. "500 mg 3 times a day for 7 days, oral. After food."
    /// </summary>
    public string DosageText(string language = "en") => DosageWording.Text(Medication, DosageInstruction, language);
}

/// <summary>
/// A warning the prescriber chose to override, with their reason (UTC). <paramref name="ReasonCode"/> is set when the system
/// recorded the reason on the prescriber's behalf (<see cref="OverrideReasonCodes"/>): clients word it in their reader's
/// language; <paramref name="Reason"/> then keeps the English sentence for the record.
/// </summary>
public sealed record FindingOverride(string Code, string Reason, DateTime At, string? ReasonCode = null);

/// <summary>Reasons to override a warning that the system records for the prescriber (not typed by them).</summary>
public static class OverrideReasonCodes
{
    /// <summary>Approving a refill: the copy of a still active prescription meets the duplicate-therapy warning by design.</summary>
    public const string Refill = "refill";

    /// <summary>The English sentence recorded with <see cref="Refill"/> (and alone, before the code existed).</summary>
    public const string RefillSentence = "Refill of the patient's active prescription, approved by the prescriber.";

    /// <summary>An override as a reader sees it: one recorded before the code existed gets its code back from its sentence.</summary>
    public static FindingOverride AsRead(FindingOverride o) =>
        o.ReasonCode is null && o.Reason == RefillSentence ? o with { ReasonCode = Refill } : o;
}
