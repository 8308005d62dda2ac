using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Pharmacy.Contracts;

namespace Telemed.Modules.Pharmacy.Dispensing.PharmacistPortal;

/// <summary>The pharmacist's own pharmacy.</summary>
public sealed record MyPharmacyView(Guid Id, string Name, string Address, string City, string Phone, string OpeningHours);

/// <summary>
/// A prescription at the counter: the signed prescription's fields (patient as initials and birth year only), whether its
/// signature verifies now, the prescriber's status (<c>active</c>, <c>cancelled</c>, <c>expired</c>) and the dispensing
/// state (<c>dispensingStatus</c> null before anything happened; quantities in <c>quantityUnit</c>). UTC instants.
/// <c>sentToMyPharmacy</c> false means it was presented by QR code. <c>declineReason</c> is shown to pharmacists only, and only while the prescription is declined (a later dispensing supersedes it).
/// The texts follow the reader's language (<c>Accept-Language</c>): the clinic, the medicine ("Амоксициллин 500 мг, капсулы"), its
/// ingredient, form, strength and route, the dosage instructions, <c>quantityUnit</c> as a label word ("капсулы") and the counts
/// with their unit in its plural form (<c>quantityText</c> "21 капсула", <c>quantityRemainingText</c> "5 капсул").
/// </summary>
public sealed record PharmacistPrescriptionView(Guid PrescriptionId, string VerificationCode, string ClinicName, string PatientInitials, int PatientBirthYear,
    string PrescriberName, string MedicineName, string ActiveIngredient, string Form, string Strength, string Route, string DosageInstructions,
    int Quantity, string QuantityUnit, int Refills, DateTime IssuedAt, DateTime ValidUntil, string PrescriptionStatus, bool SignatureValid,
    string? SignerCertificateSerial, string? DispensingStatus, int QuantityDispensed, int QuantityRemaining, bool SentToMyPharmacy, string? DeclineReason,
    DateTime? UpdatedAt, string QuantityText, string QuantityRemainingText);

/// <summary>A dispensing to record: <c>quantity</c> units (1 up to what remains); <c>verificationCode</c> when the prescription was presented by QR code.</summary>
public sealed record DispenseRequest(int Quantity, string? VerificationCode);

/// <summary>A decline: the reason (1–500 characters, shown to the pharmacy only); <c>verificationCode</c> as for dispensing.</summary>
public sealed record DeclineRequest(string Reason, string? VerificationCode);

/// <summary>A code typed at the counter or the whole scanned QR URL (…/verify/rx/{code}).</summary>
public sealed record LookupRequest(string Code);

internal static class PharmacistViews
{
    public static PharmacistPrescriptionView From(OpenedPrescription opened)
    {
        var (p, state) = (opened.Prescription, opened.State);
        var dispensed = state?.QuantityDispensed ?? 0;
        var remaining = Math.Max(0, p.Quantity - dispensed);
        var language = ReaderLanguage.Current;
        return new PharmacistPrescriptionView(p.PrescriptionId, p.VerificationCode, p.ClinicName, p.PatientInitials, p.PatientBirthYear, p.PrescriberName,
            p.MedicineName, p.ActiveIngredient, p.Form, p.Strength, p.Route, p.DosageInstructions, p.Quantity, DispenseUnitWords.Label(p.QuantityUnit, language), p.Refills, p.IssuedAt,
            p.ValidUntil, p.Status, p.SignatureValid, p.SignerCertificateSerial, string.IsNullOrEmpty(state?.Status) ? null : state.Status, dispensed,
            remaining, opened.SentHere,
            // The reason of a decline that a later dispensing overtook is history (the audit trail has it), not the current state.
            state is { DeclinedAt: not null } && state.DeclineReason.Length > 0 ? state.DeclineReason : null, state?.UpdatedAt,
            DispenseUnitWords.Count(p.Quantity, p.QuantityUnit, language), DispenseUnitWords.Count(remaining, p.QuantityUnit, language));
    }
}
