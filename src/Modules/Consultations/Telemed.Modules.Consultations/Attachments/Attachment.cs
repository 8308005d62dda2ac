using Telemed.BuildingBlocks.Auditing;

namespace Telemed.Modules.Consultations.Attachments;

/// <summary>An uploaded photo or document. The bytes live encrypted in the file store; the name is encrypted here.</summary>
internal sealed class Attachment : IPhiRecord
{
    private Attachment()
    {
    }

    public Guid Id { get; private set; }
    public Guid UploaderUserId { get; private set; }
    public Guid? PatientId { get; private set; }
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string? FileName { get; private set; }
    public string ScanResult { get; private set; } = "";
    public DateTime UploadedAt { get; private set; }

    /// <summary>Set when the file is attached to a message: participants of that conversation may read it.</summary>
    public Guid? ConversationId { get; private set; }

    /// <summary>Set when the file is a complaint photo: whoever may see that consultation may read it.</summary>
    public Guid? ConsultationId { get; private set; }

    public void AttachTo(Guid? conversationId, Guid? consultationId)
    {
        ConversationId ??= conversationId;
        ConsultationId ??= consultationId;
    }

    public string AuditRecordType => "Attachment";
    public Guid AuditRecordId => Id;
    public Guid? AuditPatientId => PatientId;

    public string StorageKey => StorageKeyOf(Id);

    /// <summary>Where the file store keeps attachment <paramref name="id"/>'s encrypted bytes.</summary>
    public static string StorageKeyOf(Guid id) => $"consultations/{id:N}";

    public static Attachment Create(Guid uploaderUserId, Guid? patientId, string contentType, long size, string? fileName, string scanResult, DateTime now) => new()
    {
        Id = Guid.NewGuid(), UploaderUserId = uploaderUserId, PatientId = patientId, ContentType = contentType, Size = size,
        FileName = fileName, ScanResult = scanResult, UploadedAt = now,
    };
}
