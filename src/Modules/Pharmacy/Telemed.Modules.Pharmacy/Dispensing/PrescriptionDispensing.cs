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
    /// The patient sends it to <paramref name="pharmacyId"/> (again, or to another one). Errors:
    /// <c>pharmacy.prescription_not_active</c>, <c>pharmacy.already_dispensing</c>.
    /// </summary>
    public Result<PrescriptionDispensing> SendTo(Guid pharmacyId, PrescriptionForDispensing prescription, DateTime now)
    {
        if (DispensingRules.OnlyAnActivePrescriptionIsDispensed(prescription.Status) is { } notActive)
        {
            return notActive;
        }

        if (DispensingRules.APatientChangesPharmacyOnlyBeforeAnythingIsDispensed(QuantityDispensed) is { } dispensing)
        {
            return dispensing;
        }

        PharmacyId = pharmacyId;
        SentAt = now;
        Status = DispensingStatuses.Sent;
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
        var full = QuantityDispensed >= QuantityPrescribed;
        Status = full ? DispensingStatuses.Dispensed : DispensingStatuses.PartiallyDispensed;
        Touch(now);
        Raise(new PrescriptionDispensed(PrescriptionId, pharmacyId, PatientId, PrescriberUserId, full ? "full" : "partial", quantity, QuantityDispensed,
            QuantityPrescribed, now));
        return DispensingRecord.Of(PrescriptionId, pharmacyId, pharmacistUserId, quantity, now);
    }

    /// <summary>Declines with a reason (1–500 characters). Errors: <c>pharmacy.reason_required</c>, <c>pharmacy.already_dispensed</c>.</summary>
    public Result<PrescriptionDispensing> Decline(Guid pharmacyId, string? reason, DateTime now)
    {
        if (DispensingRules.ADeclineNeedsAReasonAndSomethingLeft(reason, QuantityPrescribed, QuantityDispensed) is { } error)
        {
            return error;
        }

        Status = DispensingStatuses.Declined;
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
