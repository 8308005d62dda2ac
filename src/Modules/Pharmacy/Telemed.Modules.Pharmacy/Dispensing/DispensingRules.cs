using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Contracts;

namespace Telemed.Modules.Pharmacy.Dispensing;

/// <summary>
/// What must hold before medicine is handed over or a prescription changes pharmacy. Each rule returns null when it
/// holds, or the error to answer with. Quantities are counts of the prescription's quantity unit.
/// </summary>
internal static class DispensingRules
{
    /// <summary>Audit actions of the counter (record type <c>Prescription</c>, record id the prescription id, the patient as subject; no reason text).</summary>
    public const string DispensedAction = "pharmacy.prescription_dispensed";
    public const string DeclinedAction = "pharmacy.prescription_declined";

    public const int MaxDeclineReasonLength = 500;

    public static readonly Error NotFound = new("pharmacy.not_found", "There is no such prescription or pharmacy.", ErrorKind.NotFound);
    public static readonly Error NotActive = new("pharmacy.prescription_not_active",
        "This prescription is not active (it was cancelled or has expired) and must not be dispensed.", ErrorKind.Unprocessable);
    public static readonly Error SignatureInvalid = new("pharmacy.signature_invalid",
        "The prescription's signature does not verify: do not dispense, contact the prescriber.", ErrorKind.Unprocessable);
    public static readonly Error InvalidQuantity = Error.Validation("pharmacy.invalid_quantity", "Enter a quantity of at least 1.");
    public static readonly Error QuantityExceedsRemaining = new("pharmacy.quantity_exceeds_remaining",
        "That is more than remains to be dispensed on this prescription.", ErrorKind.Unprocessable);
    public static readonly Error AlreadyDispensed = Error.Conflict("pharmacy.already_dispensed", "This prescription has been dispensed in full.");
    public static readonly Error AlreadyDispensing = Error.Conflict("pharmacy.already_dispensing",
        "Medicine has already been handed over on this prescription, so it stays with that pharmacy.");
    public static readonly Error DispensingConflict = Error.Conflict("pharmacy.dispensing_conflict",
        "Someone else changed this prescription at the same moment. Reload it and check what remains.");
    public static readonly Error ReasonRequired = Error.Validation("pharmacy.reason_required", "Say why the prescription is declined (at most 500 characters).");

    /// <summary>Only an active prescription (signed, not cancelled, not expired) is sent or dispensed.</summary>
    public static Error? OnlyAnActivePrescriptionIsDispensed(string prescriptionStatus) =>
        prescriptionStatus == PrescriptionStatuses.Active ? null : NotActive;

    /// <summary>A prescription whose signature does not verify against its document is never dispensed.</summary>
    public static Error? OnlyAValidlySignedPrescriptionIsDispensed(bool signatureValid) => signatureValid ? null : SignatureInvalid;

    /// <summary>A dispensing hands over at least one unit and no more than remains of the prescribed quantity.</summary>
    public static Error? TheQuantityMustFitWhatRemains(int quantity, int prescribed, int alreadyDispensed) =>
        alreadyDispensed >= prescribed ? AlreadyDispensed
        : quantity < 1 ? InvalidQuantity
        : quantity > prescribed - alreadyDispensed ? QuantityExceedsRemaining
        : null;

    /// <summary>
    /// The patient may choose another pharmacy while nothing has been handed over, or once the pharmacy that handed over part of
    /// it declined the rest (<paramref name="remainderReleased"/>).
    /// </summary>
    public static Error? APatientChangesPharmacyOnlyBeforeAnythingIsDispensed(int alreadyDispensed, bool remainderReleased) =>
        alreadyDispensed > 0 && !remainderReleased ? AlreadyDispensing : null;

    /// <summary>
    /// A pharmacy that handed over part of a prescription and cannot supply the rest (out of stock) declines the rest: what was
    /// handed over stays counted, the status stays partially dispensed (not "declined": the patient has medicine from it), and
    /// the remainder is released for the patient to send to another pharmacy. True when the decline is such a release.
    /// </summary>
    public static bool ADeclineAfterAPartialDispensingReleasesTheRest(int alreadyDispensed) => alreadyDispensed > 0;

    /// <summary>
    /// A decline is not final: the same or another pharmacy may still dispense what remains (stock arrived, the patient came
    /// back), and the prescription then reads as dispensed to everyone. The decline stays in the audit trail
    /// (<see cref="DeclinedAction"/>) and its reason in the row, shown to pharmacists only while the prescription is declined.
    /// True when a dispensing now supersedes a decline (the state before it, <paramref name="dispensingStatus"/>, is declined).
    /// </summary>
    public static bool ADeclineIsSupersededByALaterDispensing(string dispensingStatus) => dispensingStatus == Contracts.DispensingStatuses.Declined;

    /// <summary>A decline names its reason (1–500 characters) and is not possible once everything is dispensed.</summary>
    public static Error? ADeclineNeedsAReasonAndSomethingLeft(string? reason, int prescribed, int alreadyDispensed) =>
        alreadyDispensed >= prescribed ? AlreadyDispensed
        : string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxDeclineReasonLength ? ReasonRequired
        : null;

    /// <summary>A pharmacist sees a prescription sent to their own pharmacy, or one whose QR verification code they were shown.</summary>
    public static bool APharmacistSeesOnlyWhatWasSentOrPresented(Guid myPharmacyId, Guid? sentToPharmacyId, bool presentedByCode) =>
        presentedByCode || sentToPharmacyId == myPharmacyId;
}
