using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Prescriptions.Checks;

namespace Telemed.Modules.Clinical.Prescriptions;

/// <summary>
/// A prescription as its doctor sees it (FHIR MedicationRequest element names): status (<c>draft</c>, <c>active</c>,
/// <c>cancelled</c>, <c>expired</c>), version for the next change, the medicine, dosage and dispense request, every check's
/// findings with their source, the overrides given (reason included) and which findings still stop signing. Instants UTC.
/// </summary>
public sealed record PrescriptionView(Guid Id, Guid ConsultationId, string Status, int Version, PrescribedMedicine Medication,
    DosageInstruction DosageInstruction, DispenseRequest DispenseRequest, string DosageText, IReadOnlyList<PrescriptionFinding> Findings,
    IReadOnlyList<FindingOverride> Overrides, IReadOnlyList<PrescriptionFinding> OpenFindings, DateTime CreatedAt, DateTime? SignedAt, string? SignedBy,
    string? VerificationCode, DateTime? ValidUntil, DateTime? CancelledAt, string? CancelReason);

/// <summary>
/// A signed prescription as its patient sees it: what to take, how, how much the pharmacy gives, the QR code's value, validity
/// (UTC), and where it stands at the pharmacy: <paramref name="Dispensing"/> is "none" until it is sent to a pharmacy, then one
/// of the pharmacy module's <c>DispensingStatuses</c> (sent, partiallyDispensed, dispensed, declined), with the pharmacy's name.
/// </summary>
public sealed record PatientPrescriptionView(Guid Id, string Status, string MedicineName, string Strength, string Form, string DosageText,
    int Quantity, string QuantityUnit, int NumberOfRepeatsAllowed, string PrescriberName, DateTime IssuedAt, DateTime ValidUntil, string VerificationCode,
    string Dispensing = "none", string? PharmacyName = null);

internal static class PrescriptionViewMapper
{
    public static PrescriptionView Map(Prescription p, IReadOnlyList<PrescriptionFinding> findings, DateTime now)
    {
        var content = p.Content;
        var overrides = p.Overrides.Select(OverrideReasonCodes.AsRead).ToList();
        var open = p.IsDraft ? PrescriptionChecks.Open(findings, overrides) : [];
        return new PrescriptionView(p.Id, p.ConsultationId, p.StatusAt(now), p.Version, content.Medication, content.DosageInstruction,
            content.DispenseRequest, content.DosageText(ReaderLanguage.Current), findings, overrides, open, p.CreatedAt, p.SignedAt, p.SignedBy, p.VerificationCode, p.ValidUntil,
            p.CancelledAt, p.CancelReason);
    }

    public static PatientPrescriptionView ForPatient(Prescription p, DateTime now)
    {
        var c = p.Content;
        return new PatientPrescriptionView(p.Id, p.StatusAt(now), c.Medication.Name, c.Medication.Strength, c.Medication.Form, c.DosageText(ReaderLanguage.Current),
            c.DispenseRequest.Quantity, c.Medication.DispenseUnit, c.DispenseRequest.NumberOfRepeatsAllowed, p.SignedBy ?? "", p.SignedAt ?? p.CreatedAt,
            p.ValidUntil ?? p.CreatedAt, p.VerificationCode ?? "");
    }
}
