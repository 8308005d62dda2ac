namespace Telemed.Modules.Consultations.Contracts;

/// <summary>
/// A consultation as a structured record: its patient, doctor (directory doctor id and user id; null until accepted), the
/// appointment it came from, how it is held, its status (camelCase: scheduled, waiting, inProgress, completed, failed), and UTC
/// instants: scheduled start, actual start and end, creation and <paramref name="UpdatedAt"/> (the latest of its recorded instants).
/// </summary>
public sealed record ConsultationEncounterRecord(Guid ConsultationId, Guid PatientId, Guid? DoctorId, Guid? DoctorUserId, Guid? AppointmentId,
    ConsultationKind Kind, string Status, DateTime? ScheduledStart, DateTime? StartedAt, DateTime? EndedAt, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A file attached to a chat message: its id, the name given at upload (may be null), MIME type and size in bytes. No content.</summary>
public sealed record ChatAttachmentRecord(Guid AttachmentId, string? FileName, string ContentType, long Size);

/// <summary>
/// One chat message of a patient's conversation: the conversation's participants (patient, doctor; user ids and directory ids),
/// the consultation it belongs to (null for a care-team conversation), the sender's user id and role ("patient" or "doctor" as
/// stored), the text (decrypted), its attachments and when it was sent (UTC).
/// </summary>
public sealed record ChatMessageRecord(Guid MessageId, Guid ConversationId, Guid? ConsultationId, Guid PatientId, Guid PatientUserId, Guid? DoctorId,
    Guid? DoctorUserId, Guid SenderUserId, string SenderRole, string Body, IReadOnlyList<ChatAttachmentRecord> Attachments, DateTime SentAt);

/// <summary>
/// The consultations module's records of patients as structured data (for the FHIR API). No access check: the caller has made it;
/// every record loaded is audited as a PHI read by the module's DbContext.
/// </summary>
public interface IConsultationRecords
{
    /// <summary>The consultations of these patients (any order).</summary>
    Task<IReadOnlyList<ConsultationEncounterRecord>> ConsultationsOfAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken = default);

    /// <summary>The consultation with this id, or null.</summary>
    Task<ConsultationEncounterRecord?> FindConsultationAsync(Guid consultationId, CancellationToken cancellationToken = default);

    /// <summary>The chat messages of these patients' conversations, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ChatMessageRecord>> MessagesOfAsync(IReadOnlyCollection<Guid> patientIds, int limit, CancellationToken cancellationToken = default);

    /// <summary>The chat message with this id, or null.</summary>
    Task<ChatMessageRecord?> FindMessageAsync(Guid messageId, CancellationToken cancellationToken = default);
}
