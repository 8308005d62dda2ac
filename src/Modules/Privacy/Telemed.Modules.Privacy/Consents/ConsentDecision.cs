using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Modules.Privacy.Consents;

/// <summary>
/// One act of giving or withdrawing a consent: appended, never changed, so the history of what the patient agreed to and
/// when stays whole. <see cref="DecidedAt"/> is a UTC instant; <see cref="Version"/> the text version it answered.
/// </summary>
internal sealed class ConsentDecision : IPhiRecord
{
    private ConsentDecision()
    {
    }

    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public string Kind { get; private set; } = "";
    public int Version { get; private set; }
    public bool Given { get; private set; }
    public DateTime DecidedAt { get; private set; }

    /// <summary>Who decided: the patient, or a guardian acting for a dependant.</summary>
    public Guid DecidedByUserId { get; private set; }

    public string AuditRecordType => "Consent";
    public Guid AuditRecordId => Id;
    public Guid? AuditPatientId => PatientId;

    public static ConsentDecision Give(Guid patientId, ConsentText text, DateTime now, Guid byUserId) => new()
    {
        Id = Guid.CreateVersion7(), PatientId = patientId, Kind = text.Kind, Version = text.Version, Given = true, DecidedAt = now, DecidedByUserId = byUserId,
    };

    public static ConsentDecision Withdraw(Guid patientId, ConsentText text, DateTime now, Guid byUserId) => new()
    {
        Id = Guid.CreateVersion7(), PatientId = patientId, Kind = text.Kind, Version = text.Version, Given = false, DecidedAt = now, DecidedByUserId = byUserId,
    };
}
