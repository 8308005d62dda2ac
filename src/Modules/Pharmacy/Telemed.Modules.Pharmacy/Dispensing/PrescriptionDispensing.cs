using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Pharmacy.Contracts;

namespace Telemed.Modules.Pharmacy.Dispensing;

/// <summary>
/// One prescription's life at the pharmacy: where the patient sent it, how much has been handed over, whether it was
/// declined (reason encrypted). One row per prescription; <see cref="Version"/> is the concurrency token that makes two
/// simultaneous dispensings have exactly one winner. The link to the patient is encrypted. UTC times; quantities are
/// counts of the prescription's quantity unit.
/// </summary>
internal sealed class PrescriptionDispensing : AggregateRoot, IPhiRecord
{
    private PrescriptionDispensing()
    {
    }

    public Guid PrescriptionId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid PrescriberUserId { get; private set; }

    /// <summary>The pharmacy the patient sent it to; null when only presented by QR code.</summary>
    public Guid? PharmacyId { get; private set; }
    public DateTime? SentAt { get; private set; }

    /// <summary>The pharmacy that last dispensed or declined it.</summary>
    public Guid? LastPharmacyId { get; private set; }
    public string Status { get; private set; } = "";
    public int QuantityPrescribed { get; private set; }
    public int QuantityDispensed { get; private set; }
    public string DeclineReason { get; private set; } = "";
    public DateTime? DeclinedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>
    /// A pharmacy declined the rest of a partly dispensed prescription (and no dispensing came after): the remainder is released
    /// and the patient may send it to another pharmacy (<see cref="DispensingRules.ADeclineAfterAPartialDispensingReleasesTheRest"/>).
    /// </summary>
    public bool RemainderReleased => QuantityDispensed > 0 && DeclinedAt is not null;

    public string AuditRecordType => "Prescription";
    public Guid AuditRecordId => PrescriptionId;
    public Guid? AuditPatientId => PatientId;

    /// <summary>Starts tracking a signed prescription; the first transition (send, dispense, decline) gives it a status.</summary>
    public static PrescriptionDispensing Track(PrescriptionForDispensing prescription, DateTime now) => new()
    {
        PrescriptionId = prescription.PrescriptionId,
        PatientId = prescription.PatientId,
        PrescriberUserId = prescription.PrescriberUserId,
        QuantityPrescribed = prescription.Quantity,
        UpdatedAt = now,
    };

    /// <summary>
    /// The patient sends it to <paramref name="pharmacyId"/> (again, or to another one; after a partial dispensing only once the
    /// pharmacy declined the rest, <see cref="RemainderReleased"/>). Errors:
    /// <c>pharmacy.prescription_not_active</c>, <c>pharmacy.already_dispensing</c>.
    /// </summary>
    public Result<PrescriptionDispensing> SendTo(Guid pharmacyId, PrescriptionForDispensing prescription, DateTime now)
    {
        if (DispensingRules.OnlyAnActivePrescriptionIsDispensed(prescription.Status) is { } notActive)
        {
            return notActive;
        }

        if (DispensingRules.APatientChangesPharmacyOnlyBeforeAnythingIsDispensed(QuantityDispensed, RemainderReleased) is { } dispensing)
        {
            return dispensing;
        }

        PharmacyId = pharmacyId;
        SentAt = now;
        // What was handed over stays counted: the rest of a partly dispensed prescription is sent on, still partly dispensed.
        Status = QuantityDispensed > 0 ? DispensingStatuses.PartiallyDispensed : DispensingStatuses.Sent;
        DeclineReason = "";
        DeclinedAt = null;
        Touch(now);
        Raise(new PrescriptionSentToPharmacy(PrescriptionId, pharmacyId, PatientId, PrescriberUserId, now));
        return this;
    }

    /// <summary>
    /// Hands over <paramref name="quantity"/> at <paramref name="pharmacyId"/>. Errors: <c>pharmacy.prescription_not_active</c>,
    /// <c>pharmacy.signature_invalid</c>, <c>pharmacy.already_dispensed</c>, <c>pharmacy.invalid_quantity</c>,
    /// <c>pharmacy.quantity_exceeds_remaining</c>.
    /// </summary>
    public Result<DispensingRecord> Dispense(Guid pharmacyId, Guid pharmacistUserId, int quantity, PrescriptionForDispensing prescription, DateTime now)
    {
        var refusal = DispensingRules.OnlyAnActivePrescriptionIsDispensed(prescription.Status)
            ?? DispensingRules.OnlyAValidlySignedPrescriptionIsDispensed(prescription.SignatureValid)
            ?? DispensingRules.TheQuantityMustFitWhatRemains(quantity, QuantityPrescribed, QuantityDispensed);
        if (refusal is not null)
        {
            return refusal;
        }

        QuantityDispensed += quantity;
        LastPharmacyId = pharmacyId;
        // A dispensing supersedes an earlier decline (its reason stays in the row as history, hidden from views).
        DeclinedAt = null;
        var full = QuantityDispensed >= QuantityPrescribed;
        Status = full ? DispensingStatuses.Dispensed : DispensingStatuses.PartiallyDispensed;
        Touch(now);
        Raise(new PrescriptionDispensed(PrescriptionId, pharmacyId, PatientId, PrescriberUserId, full ? "full" : "partial", quantity, QuantityDispensed,
            QuantityPrescribed, now));
        return DispensingRecord.Of(PrescriptionId, pharmacyId, pharmacistUserId, quantity, now);
    }

    /// <summary>
    /// Declines with a reason (1–500 characters). Nothing dispensed yet: the status becomes <c>declined</c>. After a partial
    /// dispensing the status stays <c>partiallyDispensed</c> and the remainder is released (the pharmacy choice is cleared) so the
    /// patient can send the rest elsewhere (<see cref="DispensingRules.ADeclineAfterAPartialDispensingReleasesTheRest"/>). Errors:
    /// <c>pharmacy.prescription_not_active</c> (cancelled or expired: there is nothing to decline), <c>pharmacy.reason_required</c>,
    /// <c>pharmacy.already_dispensed</c>.
    /// </summary>
    public Result<PrescriptionDispensing> Decline(Guid pharmacyId, string? reason, PrescriptionForDispensing prescription, DateTime now)
    {
        var refusal = DispensingRules.OnlyAnActivePrescriptionIsDispensed(prescription.Status)
            ?? DispensingRules.ADeclineNeedsAReasonAndSomethingLeft(reason, QuantityPrescribed, QuantityDispensed);
        if (refusal is not null)
        {
            return refusal;
        }

        if (DispensingRules.ADeclineAfterAPartialDispensingReleasesTheRest(QuantityDispensed))
        {
            Status = DispensingStatuses.PartiallyDispensed;
            PharmacyId = null;
        }
        else
        {
            Status = DispensingStatuses.Declined;
        }

        LastPharmacyId = pharmacyId;
        DeclineReason = reason!.Trim();
        DeclinedAt = now;
        Touch(now);
        Raise(new PrescriptionDeclined(PrescriptionId, pharmacyId, PatientId, PrescriberUserId, now));
        return this;
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>One handing-over of medicine: which pharmacy and pharmacist, how many units, when (UTC).</summary>
internal sealed class DispensingRecord
{
    private DispensingRecord()
    {
    }

    public Guid Id { get; private set; }
    public Guid PrescriptionId { get; private set; }
    public Guid PharmacyId { get; private set; }
    public Guid PharmacistUserId { get; private set; }
    public int Quantity { get; private set; }
    public DateTime DispensedAt { get; private set; }

    public static DispensingRecord Of(Guid prescriptionId, Guid pharmacyId, Guid pharmacistUserId, int quantity, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        PrescriptionId = prescriptionId,
        PharmacyId = pharmacyId,
        PharmacistUserId = pharmacistUserId,
        Quantity = quantity,
        DispensedAt = now,
    };
}
