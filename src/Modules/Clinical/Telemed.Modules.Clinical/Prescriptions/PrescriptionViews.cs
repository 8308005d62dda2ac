using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Prescriptions.Checks;

namespace Telemed.Modules.Clinical.Prescriptions;

/// <summary>
/// A prescription as its doctor sees it (FHIR MedicationRequest element names): status (<c>draft</c>, <c>active</c>,
/// <c>cancelled</c>, <c>expired</c>), version for the next change, the medicine, dosage and dispense request, every check's
/// findings with their source, the overrides given (reason included) and which findings still stop signing. Instants UTC.
/// <c>Medication</c> is the signed content as the formulary wrote it (codes and English words, for FHIR and the record);
/// <c>MedicineName</c> and <c>DosageText</c> are worded for the reader's language (<c>Accept-Language</c>): "Amoxicillin 500 mg
/// capsules" / "Амоксициллин 500 мг, капсулы".
/// </summary>
public sealed record PrescriptionView(Guid Id, Guid ConsultationId, string Status, int Version, PrescribedMedicine Medication,
    DosageInstruction DosageInstruction, DispenseRequest DispenseRequest, string DosageText, IReadOnlyList<PrescriptionFinding> Findings,
    IReadOnlyList<FindingOverride> Overrides, IReadOnlyList<PrescriptionFinding> OpenFindings, DateTime CreatedAt, DateTime? SignedAt, string? SignedBy,
    string? VerificationCode, DateTime? ValidUntil, DateTime? CancelledAt, string? CancelReason, string MedicineName);

/// <summary>
/// A signed prescription as its patient sees it: what to take, how, how much the pharmacy gives, the QR code's value, validity
/// (UTC), and where it stands at the pharmacy: <paramref name="Dispensing"/> is "none" until it is sent to a pharmacy, then one
/// of the pharmacy module's <c>DispensingStatuses</c> (sent, partiallyDispensed, dispensed, declined), with the pharmacy's name.
/// The medicine's words follow the reader's language (<c>Accept-Language</c>): <c>MedicineName</c> "Амоксициллин 500 мг, капсулы",
/// <c>Strength</c> "500 мг", <c>Form</c> "капсулы", <c>QuantityUnit</c> as a label ("капсулы") and <c>QuantityText</c> the count in
/// its plural form ("21 капсула"); an English reader gets the formulary's words ("21 capsules").
/// Whose it is: <c>PatientId</c>, and <c>PatientName</c> (the patient's display name) when it is a dependant's, for a guardian's list
/// ("for Masha"); null on the account's own, as in every patient list (appointments, lab orders and results, refill requests).
/// </summary>
public sealed record PatientPrescriptionView(Guid Id, string Status, string MedicineName, string Strength, string Form, string DosageText,
    int Quantity, string QuantityUnit, int NumberOfRepeatsAllowed, string PrescriberName, DateTime IssuedAt, DateTime ValidUntil, string VerificationCode,
    string QuantityText, Guid PatientId, string? PatientName, string Dispensing = "none", string? PharmacyName = null);

internal static class PrescriptionViewMapper
{
    public static PrescriptionView Map(Prescription p, IReadOnlyList<PrescriptionFinding> findings, DateTime now)
    {
        var content = p.Content;
        var language = ReaderLanguage.Current;
        var overrides = p.Overrides.Select(OverrideReasonCodes.AsRead).ToList();
        var open = p.IsDraft ? PrescriptionChecks.Open(findings, overrides) : [];
        return new PrescriptionView(p.Id, p.ConsultationId, p.StatusAt(now), p.Version, content.Medication, content.DosageInstruction,
            content.DispenseRequest, content.DosageText(language), findings, overrides, open, p.CreatedAt, p.SignedAt, p.SignedBy, p.VerificationCode, p.ValidUntil,
            p.CancelledAt, p.CancelReason, MedicineWording.Name(content.Medication, language));
    }

    /// <summary>The patient's view; <paramref name="patientName"/> only for a dependant's prescription (null on the reader's own).</summary>
    public static PatientPrescriptionView ForPatient(Prescription p, DateTime now, string? patientName = null)
    {
        var c = p.Content;
        var m = c.Medication;
        var language = ReaderLanguage.Current;
        return new PatientPrescriptionView(p.Id, p.StatusAt(now), MedicineWording.Name(m, language), MedicineWording.Strength(m.Strength, language),
            MedicineWording.Form(m.Form, language), c.DosageText(language), c.DispenseRequest.Quantity, DispenseUnitWords.Label(m.DispenseUnit, language),
            c.DispenseRequest.NumberOfRepeatsAllowed, p.SignedBy ?? "", p.SignedAt ?? p.CreatedAt, p.ValidUntil ?? p.CreatedAt, p.VerificationCode ?? "",
            DispenseUnitWords.Count(c.DispenseRequest.Quantity, m.DispenseUnit, language), p.PatientId, patientName);
    }
}
