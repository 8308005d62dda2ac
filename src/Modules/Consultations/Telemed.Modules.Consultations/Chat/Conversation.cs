using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Consultations.Chat;

public enum ConversationKind { Consultation, CareTeam }

/// <summary>A chat between a patient and a doctor: the live chat of one consultation, or an asynchronous thread with the care team.</summary>
internal sealed class Conversation : IPhiRecord
{
    private Conversation()
    {
    }

    public Guid Id { get; private set; }
    public ConversationKind Kind { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid PatientUserId { get; private set; }
    public Guid? DoctorId { get; private set; }
    public Guid? DoctorUserId { get; private set; }
    public Guid? ConsultationId { get; private set; }
    public string? Subject { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime LastMessageAt { get; private set; }

    public string AuditRecordType => "Conversation";
    public Guid AuditRecordId => Id;
    public Guid? AuditPatientId => PatientId;

    public bool IsParticipant(Guid userId) => userId == PatientUserId || (DoctorUserId is { } d && d == userId);

    public static Conversation ForConsultation(Guid consultationId, Guid patientId, Guid patientUserId, Guid? doctorId, Guid? doctorUserId, DateTime now) => new()
    {
        Id = Guid.NewGuid(), Kind = ConversationKind.Consultation, ConsultationId = consultationId, PatientId = patientId, PatientUserId = patientUserId,
        DoctorId = doctorId, DoctorUserId = doctorUserId, CreatedAt = now, LastMessageAt = now,
    };

    public static Conversation WithCareTeam(Guid patientId, Guid patientUserId, Guid doctorId, Guid doctorUserId, string subject, DateTime now) => new()
    {
        Id = Guid.NewGuid(), Kind = ConversationKind.CareTeam, PatientId = patientId, PatientUserId = patientUserId, DoctorId = doctorId,
        DoctorUserId = doctorUserId, Subject = subject, CreatedAt = now, LastMessageAt = now,
    };

    /// <summary>
    /// An entity standing for an existing row, carrying only its keys: attached unchanged, so that a change to it (such as
    /// <see cref="Touch"/>) updates just the changed columns without loading the encrypted ones.
    /// </summary>
    public static Conversation Reference(ConversationKeys keys) => new()
    {
        Id = keys.Id, Kind = keys.Kind, PatientId = keys.PatientId, PatientUserId = keys.PatientUserId, DoctorUserId = keys.DoctorUserId,
    };

    public void AssignDoctor(Guid doctorId, Guid doctorUserId)
    {
        DoctorId = doctorId;
        DoctorUserId = doctorUserId;
    }

    public void Touch(DateTime at) => LastMessageAt = at;
}

/// <summary>One message; the body is encrypted at rest. Reads and writes are audited per conversation.</summary>
internal sealed class ChatMessage : IPhiRecord
{
    private ChatMessage()
    {
    }

    public Guid Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public Guid SenderUserId { get; private set; }
    public string SenderRole { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string AttachmentIds { get; private set; } = "";
    public string ClientMessageId { get; private set; } = "";
    public DateTime SentAt { get; private set; }

    public string AuditRecordType => "Conversation";
    public Guid AuditRecordId => ConversationId;

    public IReadOnlyList<Guid> Attachments => AttachmentIds.Length == 0 ? [] : [.. AttachmentIds.Split(',').Select(Guid.Parse)];

    /// <summary>The longest client message id (the sender's key for retries), in characters after trimming.</summary>
    public const int MaxClientMessageIdLength = 64;

    /// <summary>
    /// Rule: a client message id is absent, or at most <see cref="MaxClientMessageIdLength"/> characters after trimming with
    /// no control character and no unpaired surrogate (PostgreSQL refuses NUL, and Npgsql refuses text that is not valid UTF-16).
    /// </summary>
    public static bool ClientMessageIdIsValid(string? clientMessageId)
    {
        var id = clientMessageId?.Trim() ?? "";
        if (id.Length > MaxClientMessageIdLength)
        {
            return false;
        }

        for (var i = 0; i < id.Length; i++)
        {
            if (char.IsControl(id[i]) || (char.IsSurrogate(id[i]) && !char.IsSurrogatePair(id, i > 0 && char.IsLowSurrogate(id[i]) ? i - 1 : i)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The longest message text, in characters after trimming; the same for REST and the hub.</summary>
    public const int MaxBodyLength = 4000;

    /// <summary>Rule: a message's text fits when, trimmed, it has at most <see cref="MaxBodyLength"/> characters (null is empty).</summary>
    public static bool BodyFits(string? body) => (body?.Trim().Length ?? 0) <= MaxBodyLength;

    /// <summary>
    /// Rule: a message says something — text that fits, or at least one attached file. Returns the trimmed text, or
    /// <c>chat.empty_message</c> / <c>chat.message_too_long</c>.
    /// </summary>
    public static Result<string> AcceptableBody(string? body, bool hasAttachments)
    {
        var text = body?.Trim() ?? "";
        if (!BodyFits(text))
        {
            return ChatErrors.TooLong;
        }

        return text.Length == 0 && !hasAttachments ? ChatErrors.EmptyMessage : text;
    }

    /// <summary>A new message; refuses a body that breaks <see cref="AcceptableBody"/>. <paramref name="now"/> is a UTC instant.</summary>
    public static Result<ChatMessage> Create(Guid conversationId, Guid senderUserId, string senderRole, string? body, IReadOnlyList<Guid> attachments, string clientMessageId, DateTime now)
    {
        var text = AcceptableBody(body, attachments.Count > 0);
        if (!text.IsSuccess)
        {
            return text.Error!;
        }

        return new ChatMessage
        {
            Id = Guid.CreateVersion7(now), ConversationId = conversationId, SenderUserId = senderUserId, SenderRole = senderRole, Body = text.Value,
            AttachmentIds = string.Join(',', attachments), ClientMessageId = clientMessageId, SentAt = now,
        };
    }
}

/// <summary>How far each participant has read a conversation (read receipts), and when they were last told about new messages.</summary>
internal sealed class ReadState
{
    private ReadState()
    {
    }

    public Guid ConversationId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime? LastReadSentAt { get; private set; }
    public Guid? LastReadMessageId { get; private set; }
    public DateTime? ReadAt { get; private set; }
    public DateTime? NotifiedAt { get; private set; }

    public static ReadState For(Guid conversationId, Guid userId) => new() { ConversationId = conversationId, UserId = userId };

    /// <summary>Rule: the read mark moves forward only, to the message <paramref name="messageId"/> sent at <paramref name="sentAt"/> (UTC); false when it is not later.</summary>
    public bool MarkRead(Guid messageId, DateTime sentAt, DateTime now)
    {
        if (LastReadSentAt is { } already && already >= sentAt)
        {
            return false;
        }

        LastReadSentAt = sentAt;
        LastReadMessageId = messageId;
        ReadAt = now;
        return true;
    }

    public bool ShouldNotify(DateTime lastMessageAt, DateTime now, TimeSpan quietPeriod)
    {
        // Tell once per batch of unread messages, and not more often than the quiet period.
        var unreadSinceLastNotice = NotifiedAt is null || (LastReadSentAt is { } read && read >= NotifiedAt);
        if (!unreadSinceLastNotice && now - NotifiedAt < quietPeriod)
        {
            return false;
        }

        NotifiedAt = now;
        return lastMessageAt > (LastReadSentAt ?? DateTime.MinValue);
    }
}
