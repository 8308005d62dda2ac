using System.Text.Json;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Contracts;

namespace Telemed.Modules.Clinical.Prescriptions;

/// <summary>
/// An e-prescription written in a consultation (maps to a FHIR MedicationRequest: <c>medication</c>,
/// <c>dosageInstruction</c>, <c>dispenseRequest.quantity</c>, <c>numberOfRepeatsAllowed</c>,
/// <c>dispenseRequest.validityPeriod</c>). The clinical content, the override reasons and the cancel reason are encrypted
/// at rest. Lifecycle: draft → active (signed, valid until <see cref="ValidUntil"/>) → cancelled; a draft may be cancelled
/// too. <see cref="Version"/>, the concurrency token, increases with every change — a draft's edits and overrides, signing and
/// cancelling — so of two writers that read the same version only the first saves. UTC instants.
/// </summary>
internal sealed class Prescription : AggregateRoot, IPhiRecord
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Prescription()
    {
    }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid PatientUserId { get; private set; }
    public Guid PrescriberUserId { get; private set; }
    public Guid? ClinicId { get; private set; }
    public string Status { get; private set; } = PrescriptionStatuses.Draft;
    public string ContentJson { get; private set; } = "";
    public string OverridesJson { get; private set; } = "[]";
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? SignedAt { get; private set; }
    public string? SignedBy { get; private set; }
    public Guid? SigningCredentialId { get; private set; }

    /// <summary>The detached CMS signature over <see cref="PrescriptionCanonicalForm"/> (DER, base64); null until signed.</summary>
    public string? Signature { get; private set; }

    /// <summary>20 characters of base32 printed as a QR code; the pharmacy's key to the signed prescription. Null for drafts.</summary>
    public string? VerificationCode { get; private set; }

    public DateTime? ValidUntil { get; private set; }
    public DateTime? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }

    public string AuditRecordType => "Prescription";
    public Guid AuditRecordId => Id;
    public Guid? AuditPatientId => PatientId;

    public bool IsDraft => Status == PrescriptionStatuses.Draft;

    public PrescriptionContent Content => JsonSerializer.Deserialize<PrescriptionContent>(ContentJson, Json)!;

    public IReadOnlyList<FindingOverride> Overrides => JsonSerializer.Deserialize<List<FindingOverride>>(OverridesJson, Json) ?? [];

    /// <summary>The status a reader sees: an active prescription past <see cref="ValidUntil"/> is expired.</summary>
    public string StatusAt(DateTime now) => Status == PrescriptionStatuses.Active && ValidUntil is { } until && until <= now ? PrescriptionStatuses.Expired : Status;

    /// <summary>A new draft built by <see cref="PrescriptionBuilder"/>.</summary>
    public static Prescription Draft(Guid consultationId, Guid patientId, Guid patientUserId, Guid prescriberUserId, Guid? clinicId,
        PrescriptionContent content, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        ConsultationId = consultationId,
        PatientId = patientId,
        PatientUserId = patientUserId,
        PrescriberUserId = prescriberUserId,
        ClinicId = clinicId,
        ContentJson = JsonSerializer.Serialize(content, Json),
        Version = 1,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// Replaces a draft's content when <paramref name="expectedVersion"/> is current; overrides are dropped because they were
    /// given for the old content. Errors: <c>clinical.prescription_not_draft</c>, <c>clinical.prescription_changed</c>.
    /// </summary>
    public Result Write(PrescriptionContent content, int expectedVersion, DateTime now)
    {
        if (Guard(expectedVersion) is { } broken)
        {
            return broken;
        }

        ContentJson = JsonSerializer.Serialize(content, Json);
        OverridesJson = "[]";
        Version++;
        UpdatedAt = now;
        return Result.Success;
    }

    /// <summary>
    /// Records the prescriber's reason to go ahead despite a warning (replaces an earlier reason for the same code); a reason the
    /// system records for them also carries its <paramref name="reasonCode"/> (<see cref="OverrideReasonCodes"/>).
    /// </summary>
    public Result Override(string findingCode, string reason, int expectedVersion, DateTime now, string? reasonCode = null)
    {
        if (Guard(expectedVersion) is { } broken)
        {
            return broken;
        }

        var overrides = Overrides.Where(o => o.Code != findingCode).Append(new FindingOverride(findingCode, reason.Trim(), now, reasonCode)).ToList();
        OverridesJson = JsonSerializer.Serialize(overrides, Json);
        Version++;
        UpdatedAt = now;
        return Result.Success;
    }

    /// <summary>Fixes what the signature will cover: the verification code and the validity (set just before signing).</summary>
    public void PrepareForSigning(string verificationCode, DateTime validUntil)
    {
        VerificationCode = verificationCode;
        ValidUntil = validUntil;
    }

    /// <summary>
    /// Makes the draft active with its signature and raises <see cref="PrescriptionSigned"/>. Errors:
    /// <c>clinical.prescription_not_draft</c>, <c>clinical.prescription_changed</c>.
    /// </summary>
    public Result Sign(int expectedVersion, string signerName, Signing.DocumentSignature signature)
    {
        if (Guard(expectedVersion) is { } broken)
        {
            return broken;
        }

        Status = PrescriptionStatuses.Active;
        SignedAt = signature.SignedAt;
        SignedBy = signerName;
        SigningCredentialId = signature.CredentialId;
        Signature = Convert.ToBase64String(signature.Cms);
        // The signature does not cover the version (PrescriptionCanonicalForm), so it moves like on any other change: an edit or a
        // cancel that read the draft's version can no longer be saved over the signed prescription.
        Version++;
        UpdatedAt = signature.SignedAt;
        Raise(new PrescriptionSigned(Id, ConsultationId, PatientId, PrescriberUserId, signature.SignedAt));
        return Result.Success;
    }

    /// <summary>Withdraws a draft or an active prescription. Error: <c>clinical.prescription_not_cancellable</c>.</summary>
    public Result Cancel(string reason, DateTime now)
    {
        if (StatusAt(now) is not (PrescriptionStatuses.Draft or PrescriptionStatuses.Active))
        {
            return PrescriptionErrors.NotCancellable;
        }

        Status = PrescriptionStatuses.Cancelled;
        CancelledAt = now;
        CancelReason = reason.Trim();
        // A sign or an edit that read the version before the cancel must not be saved over it (or it over them).
        Version++;
        UpdatedAt = now;
        return Result.Success;
    }

    private Error? Guard(int expectedVersion) =>
        !IsDraft ? PrescriptionErrors.NotDraft : expectedVersion != Version ? PrescriptionErrors.Changed : null;
}
