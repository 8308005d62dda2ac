using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Telemed.Modules.Clinical.Protocols;

/// <summary>
/// The exact bytes a signature covers: UTF-8 JSON with properties in a fixed order, no whitespace, dates as ISO 8601, and
/// a type tag with a version, so the same stored document always gives the same bytes and any change to a signed field
/// (a section, a diagnosis, the follow-up date, the patient, the consultation) changes them. A new layout gets a new tag;
/// old signatures keep verifying under theirs.
/// </summary>
internal static class ProtocolCanonicalForm
{
    public const string ProtocolType = "telemed.visit-protocol/1";
    public const string AddendumType = "telemed.protocol-addendum/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    private sealed record ProtocolDocument(string Type, Guid ProtocolId, Guid ConsultationId, Guid PatientId, Guid DoctorUserId, int Version,
        string Complaints, string HistoryOfPresentIllness, string ObjectiveFindings, string Recommendations,
        IReadOnlyList<ProtocolDiagnosis> Diagnoses, IReadOnlyList<ProtocolReferral> Referrals, string? FollowUpOn);

    private sealed record AddendumDocument(string Type, Guid AddendumId, Guid ProtocolId, string ProtocolSignatureSha256, string Text, string CreatedAt);

    public static byte[] Protocol(VisitProtocol p) => JsonSerializer.SerializeToUtf8Bytes(new ProtocolDocument(ProtocolType, p.Id, p.ConsultationId,
        p.PatientId, p.DoctorUserId, p.Version, p.Complaints, p.HistoryOfPresentIllness, p.ObjectiveFindings, p.Recommendations, p.Diagnoses,
        p.Referrals, p.FollowUpOn?.ToString("yyyy-MM-dd")), Json);

    public static byte[] Addendum(ProtocolAddendum a, string protocolSignature) => JsonSerializer.SerializeToUtf8Bytes(new AddendumDocument(AddendumType,
        a.Id, a.ProtocolId, Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(protocolSignature))), a.Text,
        a.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ")), Json);
}
