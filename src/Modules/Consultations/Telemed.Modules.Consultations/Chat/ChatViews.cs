using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Consultations.Attachments;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Chat;

public sealed record AttachmentView(Guid Id, string ContentType, long Size, string? FileName);

/// <summary>One message. <c>SentAt</c> and <c>ReadAt</c> are UTC instants; <c>ReadAt</c> is when someone other than the sender first read up to it.</summary>
public sealed record MessageView(Guid Id, Guid ConversationId, Guid SenderUserId, string SenderName, string SenderRole, string Body, DateTime SentAt,
    IReadOnlyList<AttachmentView> Attachments, DateTime? ReadAt);

/// <summary>
/// A conversation in a list; <c>Unread</c> counts the other party's messages after the caller's read mark. <c>ForDependant</c> is true
/// for a patient account (its list and its reads of one) on a conversation about one of its dependants (a guardian's child,
/// <c>PatientName</c>), not the account's own record, so the list and the chat can say whom it is for; false otherwise (always for a doctor).
/// </summary>
public sealed record ConversationView(Guid Id, string Kind, Guid? ConsultationId, string PatientName, string? DoctorName, string? Subject, DateTime LastMessageAt, int Unread,
    bool ForDependant = false);

public sealed record ReadReceipt(Guid ConversationId, Guid MessageId, Guid ReaderUserId, DateTime ReadAt);

/// <summary>What the chat shows: names come from the directory in one batch per list, never one call per conversation.</summary>
internal sealed class ChatViews(ConsultationsDbContext db, Deferred<IDirectoryModule> deferredDirectory)
{
    // Deferred: a chat message builds these views for its broadcast, and needs the directory (and its database context)
    // only for a connection's first message; the name is then kept per connection.
    private IDirectoryModule DirectoryModule => deferredDirectory.Value;

    public const string GroupPrefix = "conversation:";

    /// <summary>The hub group that receives a conversation's messages, receipts and typing notices.</summary>
    public static string GroupOf(Guid conversationId) => $"{GroupPrefix}{conversationId:N}";

    public async Task<IReadOnlyList<ConversationView>> ConversationsAsync(IReadOnlyList<(Conversation Conversation, int Unread)> rows, CancellationToken ct)
    {
        var names = await NamesAsync(rows.Select(r => r.Conversation).ToList(), ct);
        return [.. rows.Select(r => View(r.Conversation, r.Unread, names))];
    }

    /// <summary>
    /// A patient account's list: as <see cref="ConversationsAsync"/>, each conversation about a patient other than the account's own
    /// record (<paramref name="ownPatientId"/>: a guardian's child) marked <see cref="ConversationView.ForDependant"/>.
    /// </summary>
    public async Task<IReadOnlyList<ConversationView>> ForPatientAccountAsync(IReadOnlyList<(Conversation Conversation, int Unread)> rows, Guid? ownPatientId,
        CancellationToken ct) =>
        [.. (await ConversationsAsync(rows, ct)).Zip(rows, (view, r) => view with { ForDependant = r.Conversation.PatientId != ownPatientId })];

    /// <summary>The patient record the account <paramref name="userId"/> is itself (null when none): what is not a dependant's.</summary>
    public Task<Guid?> OwnPatientIdAsync(Guid userId, CancellationToken ct) => DirectoryModule.FindPatientIdAsync(userId, ct);

    public async Task<ConversationView> ConversationAsync(Conversation c, CancellationToken ct) => (await ConversationsAsync([(c, 0)], ct))[0];

    /// <summary>
    /// One conversation as <paramref name="caller"/> reads it: for its patient account as in its list (<see cref="ForPatientAccountAsync"/>:
    /// a guardian's child's chat is <see cref="ConversationView.ForDependant"/>), for its doctor as <see cref="ConversationAsync(Conversation, CancellationToken)"/>.
    /// </summary>
    public async Task<ConversationView> ConversationAsync(Conversation c, Caller caller, CancellationToken ct) => caller.IsPatient && c.PatientUserId == caller.UserId
        ? (await ForPatientAccountAsync([(c, 0)], await OwnPatientIdAsync(caller.UserId, ct), ct))[0]
        : await ConversationAsync(c, ct);

    public async Task<List<MessageView>> MessagesAsync(ConversationKeys conversation, IReadOnlyList<ChatMessage> messages, CancellationToken ct)
    {
        var attachmentIds = messages.SelectMany(m => m.Attachments).Distinct().ToList();
        var files = attachmentIds.Count == 0 ? [] : await db.Attachments.AsNoTracking().Where(a => attachmentIds.Contains(a.Id)).ToListAsync(ct);
        var states = await db.ReadStates.AsNoTracking().Where(r => r.ConversationId == conversation.Id).ToListAsync(ct);
        var patientName = (await DirectoryModule.GetPatientNamesAsync([conversation.PatientId], ct)).GetValueOrDefault(conversation.PatientId, "Patient");
        var doctorName = conversation.DoctorUserId is { } d ? (await DirectoryModule.GetDoctorNamesByUserAsync([d], ct)).GetValueOrDefault(d) : null;
        return [.. messages.Select(m =>
        {
            // A message is read when someone other than its sender has read up to it.
            var readAt = states.Where(s => s.UserId != m.SenderUserId && s.LastReadSentAt >= m.SentAt).Select(s => s.ReadAt).Min();
            return View(m, m.SenderRole == "patient" ? patientName : doctorName ?? "Doctor", files, readAt);
        })];
    }

    /// <summary>A message just sent: nobody else has read it yet, and its files are those the sender attached (no query).</summary>
    public static MessageView NewMessage(ChatMessage message, string senderName, IReadOnlyList<Attachment> files) => View(message, senderName, files, readAt: null);

    /// <summary>
    /// The name a participant writes under, as the conversation's history shows it: the patient's name from the directory,
    /// or the doctor's display name ("Patient" / "Doctor" when the directory has none).
    /// </summary>
    public async Task<string> NameOfAsync(ConversationKeys conversation, Guid participantUserId, CancellationToken ct) =>
        conversation.RoleOf(participantUserId) == "patient"
            ? (await DirectoryModule.GetPatientNamesAsync([conversation.PatientId], ct)).GetValueOrDefault(conversation.PatientId, "Patient")
            : (await DirectoryModule.GetDoctorNamesByUserAsync([participantUserId], ct)).GetValueOrDefault(participantUserId, "Doctor");

    private static MessageView View(ChatMessage m, string senderName, IReadOnlyList<Attachment> files, DateTime? readAt) =>
        new(m.Id, m.ConversationId, m.SenderUserId, senderName, m.SenderRole, m.Body, m.SentAt,
            [.. m.Attachments.Select(id => files.FirstOrDefault(f => f.Id == id)).OfType<Attachment>().Select(f => new AttachmentView(f.Id, f.ContentType, f.Size, f.FileName))],
            readAt);

    private static ConversationView View(Conversation c, int unread, Names names) => new(c.Id, Camel(c.Kind.ToString()), c.ConsultationId,
        names.Patients.GetValueOrDefault(c.PatientId, "Patient"), c.DoctorUserId is { } d ? names.Doctors.GetValueOrDefault(d) : null, c.Subject, c.LastMessageAt, unread);

    private sealed record Names(IReadOnlyDictionary<Guid, string> Patients, IReadOnlyDictionary<Guid, string> Doctors);

    private async Task<Names> NamesAsync(IReadOnlyList<Conversation> conversations, CancellationToken ct)
    {
        var patients = await DirectoryModule.GetPatientNamesAsync([.. conversations.Select(c => c.PatientId).Distinct()], ct);
        var doctors = await DirectoryModule.GetDoctorNamesByUserAsync([.. conversations.Select(c => c.DoctorUserId).OfType<Guid>().Distinct()], ct);
        return new Names(patients, doctors);
    }

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];
}
