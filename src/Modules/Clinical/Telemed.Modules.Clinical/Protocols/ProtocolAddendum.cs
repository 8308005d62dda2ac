using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Modules.Clinical.Protocols;

/// <summary>
/// A signed addition to a signed protocol (a correction or a later finding): its text (encrypted), when and by whom, and
/// its own detached CMS signature over <see cref="ProtocolCanonicalForm.Addendum"/>, which binds it to the original's
/// signature. Shown after the original, oldest first. UTC instants.
/// </summary>
internal sealed class ProtocolAddendum : IPhiRecord
{
    public Guid Id { get; init; }
    public Guid ProtocolId { get; init; }
    public string Text { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public string SignedBy { get; init; } = "";
    public Guid SigningCredentialId { get; set; }
    public string Signature { get; set; } = "";

    public string AuditRecordType => "VisitProtocol";
    public Guid AuditRecordId => ProtocolId;
}
