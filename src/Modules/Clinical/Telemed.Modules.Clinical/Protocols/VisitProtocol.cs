using System.Text.Json;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Contracts;

namespace Telemed.Modules.Clinical.Protocols;

/// <summary>The sections of a protocol as the doctor writes them (free text is plain text, not HTML).</summary>
internal sealed record ProtocolContent(string Complaints, string HistoryOfPresentIllness, string ObjectiveFindings, string Recommendations,
    IReadOnlyList<ProtocolDiagnosis> Diagnoses, IReadOnlyList<ProtocolReferral> Referrals, DateOnly? FollowUpOn);

/// <summary>
/// The structured record of one consultation (maps to a FHIR Encounter with its Conditions and ServiceRequests): the
/// patient's complaints, history of the present illness, objective findings, ICD-10 diagnoses, recommendations, referrals
/// and a follow-up date. Written by the consultation's doctor while the call runs and after it; every section is encrypted
/// at rest. <see cref="Version"/> increases with each save and guards concurrent autosaves; it is also a field the signature
/// covers, so signing leaves it and changes <see cref="Status"/>, the second concurrency token (VisitProtocolConfiguration):
/// of a signature and an autosave, or two signatures, read from the same draft only the first saves. UTC instants.
/// </summary>
internal sealed class VisitProtocol : AggregateRoot, IPhiRecord
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private VisitProtocol()
    {
    }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid PatientUserId { get; private set; }
    public Guid DoctorUserId { get; private set; }
    public string Status { get; private set; } = "draft";
    public string Complaints { get; private set; } = "";
    public string HistoryOfPresentIllness { get; private set; } = "";
    public string ObjectiveFindings { get; private set; } = "";
    public string Recommendations { get; private set; } = "";
    public string DiagnosesJson { get; private set; } = "[]";
    public string ReferralsJson { get; private set; } = "[]";
    public DateOnly? FollowUpOn { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? SignedAt { get; private set; }
    public string? SignedBy { get; private set; }
    public Guid? SigningCredentialId { get; private set; }

    /// <summary>The detached CMS signature over <see cref="ProtocolCanonicalForm"/> (DER, base64); null until signed.</summary>
    public string? Signature { get; private set; }

    public bool IsSigned => Status == "signed";

    public string AuditRecordType => "VisitProtocol";
    public Guid AuditRecordId => Id;
    public Guid? AuditPatientId => PatientId;

    public IReadOnlyList<ProtocolDiagnosis> Diagnoses => JsonSerializer.Deserialize<List<ProtocolDiagnosis>>(DiagnosesJson, Json) ?? [];
    public IReadOnlyList<ProtocolReferral> Referrals => JsonSerializer.Deserialize<List<ProtocolReferral>>(ReferralsJson, Json) ?? [];

    public ProtocolContent Content => new(Complaints, HistoryOfPresentIllness, ObjectiveFindings, Recommendations, Diagnoses, Referrals, FollowUpOn);

    /// <summary>A new, empty draft for a consultation; saved on its first write.</summary>
    public static VisitProtocol Start(Guid consultationId, Guid patientId, Guid patientUserId, Guid doctorUserId, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        ConsultationId = consultationId,
        PatientId = patientId,
        PatientUserId = patientUserId,
        DoctorUserId = doctorUserId,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// Replaces the content when <paramref name="expectedVersion"/> is the current version (the autosave the doctor's
    /// screen last saw); <c>clinical.protocol_changed</c> otherwise. Content rules are checked by the caller, which also
    /// knows the catalogue and the jurisdiction.
    /// </summary>
    public Result Write(ProtocolContent content, int expectedVersion, DateTime now)
    {
        if (IsSigned)
        {
            return ProtocolRules.ProtocolSigned;
        }

        if (expectedVersion != Version)
        {
            return ProtocolRules.ProtocolChanged;
        }

        Complaints = content.Complaints.Trim();
        HistoryOfPresentIllness = content.HistoryOfPresentIllness.Trim();
        ObjectiveFindings = content.ObjectiveFindings.Trim();
        Recommendations = content.Recommendations.Trim();
        DiagnosesJson = JsonSerializer.Serialize(content.Diagnoses, Json);
        ReferralsJson = JsonSerializer.Serialize(content.Referrals, Json);
        FollowUpOn = content.FollowUpOn;
        Version++;
        UpdatedAt = now;
        return Result.Success;
    }

    /// <summary>
    /// Locks the protocol with its signature: from now on it changes only by signed addenda. Errors:
    /// <c>clinical.protocol_signed</c> (already signed), <c>clinical.protocol_changed</c> (not the version the doctor read).
    /// </summary>
    public Result Sign(int expectedVersion, string signerName, Signing.DocumentSignature signature)
    {
        if (IsSigned)
        {
            return ProtocolRules.ProtocolSigned;
        }

        if (expectedVersion != Version)
        {
            return ProtocolRules.ProtocolChanged;
        }

        Status = "signed";
        SignedAt = signature.SignedAt;
        SignedBy = signerName;
        SigningCredentialId = signature.CredentialId;
        Signature = Convert.ToBase64String(signature.Cms);
        Raise(new ProtocolSigned(Id, ConsultationId, PatientId, DoctorUserId, signature.SignedAt));
        return Result.Success;
    }
}
