using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Consultations.Chat;

/// <summary>The chat's expected failures; the codes are the stable contract for REST and hub clients alike.</summary>
internal static class ChatErrors
{
    public static readonly Error NotFound = new("chat.not_found", "There is no such conversation.", ErrorKind.NotFound);
    public static readonly Error EmptyMessage = Error.Validation("chat.empty_message", "Write a message or attach a file.");
    public static readonly Error TooLong = Error.Validation("chat.message_too_long", $"Keep a message under {ChatMessage.MaxBodyLength} characters.");
    public static readonly Error AttachmentNotFound = Error.Validation("chat.attachment_not_found", "An attached file was not found; attach it again.");
    public static readonly Error ReadOnly = Error.Forbidden("chat.read_only", "You can read this conversation as part of the patient's record, but only its participants write in it.");
    /// <summary>The thread was asked for a patient the account neither is nor is a guardian of (refusal audited by the directory).</summary>
    public static readonly Error PatientNotFound = new("chat.patient_not_found", "There is no such patient.", ErrorKind.NotFound);
    public static readonly Error DoctorNotFound = new("chat.doctor_not_found", "There is no such doctor.", ErrorKind.NotFound);
    public static readonly Error InvalidClientMessageId = Error.Validation("chat.invalid_client_message_id",
        $"A message's client id has at most {ChatMessage.MaxClientMessageIdLength} printable characters.");
    public static readonly Error MessageNotFound = new("chat.message_not_found", "There is no such message in this conversation.", ErrorKind.NotFound);
    public static readonly Error JoinFirst = Error.Validation("chat.join_first", "Join the conversation first.");
}
