using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Consultations.Chat;

/// <summary>Who is asking, passed explicitly so the same rules hold for REST requests and hub invocations.</summary>
internal sealed record Caller(Guid UserId, bool IsPatient, bool IsDoctor);

public sealed record AttachmentView(Guid Id, string ContentType, long Size, string? FileName);

public sealed record MessageView(Guid Id, Guid ConversationId, Guid SenderUserId, string SenderName, string SenderRole, string Body, DateTime SentAt,
    IReadOnlyList<AttachmentView> Attachments, DateTime? ReadAt);

public sealed record ConversationView(Guid Id, string Kind, Guid? ConsultationId, string PatientName, string? DoctorName, string? Subject, DateTime LastMessageAt, int Unread);

public sealed record ReadReceipt(Guid ConversationId, Guid MessageId, Guid ReaderUserId, DateTime ReadAt);

internal static class ChatErrors
{
    public static readonly Error NotFound = new("chat.not_found", "There is no such conversation.", ErrorKind.NotFound);
    public static readonly Error EmptyMessage = Error.Validation("chat.empty_message", "Write a message or attach a file.");
    public static readonly Error TooLong = Error.Validation("chat.message_too_long", "Keep a message under 4000 characters.");
    public static readonly Error AttachmentNotFound = Error.Validation("chat.attachment_not_found", "An attached file was not found; attach it again.");
    public static readonly Error ReadOnly = Error.Forbidden("chat.read_only", "You can read this conversation as part of the patient's record, but only its participants write in it.");
    public static readonly Error DoctorNotFound = new("chat.doctor_not_found", "There is no such doctor.", ErrorKind.NotFound);
}

/// <summary>
/// Secure messaging. The patient and the doctor of a conversation read and write it; doctors with a care
/// relationship read it as part of the patient's record (break-glass flagged); everyone else is told it does not exist.
/// </summary>
internal sealed class ChatService(ConsultationsDbContext db, ICareAccess care, IDirectoryModule directory, IIdentityModule identity,
    INotificationSender notifications, IHubContext<ChatHub> hub, AuditScope audit, TimeProvider clock, PublicUrls urls)
{
    public const int MaxBodyLength = 4000;
    private static readonly TimeSpan NotificationQuietPeriod = TimeSpan.FromMinutes(10);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string GroupOf(Guid conversationId) => $"conversation:{conversationId:N}";

    public async Task<Conversation?> FindAsync(Guid conversationId, Caller caller, CancellationToken ct)
    {
        var keys = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.PatientUserId, c.DoctorUserId, c.PatientId }).FirstOrDefaultAsync(ct);
        if (keys is null)
        {
            return null;
        }

        var participant = (caller.IsPatient && keys.PatientUserId == caller.UserId) || (caller.IsDoctor && keys.DoctorUserId == caller.UserId);
        if (!participant)
        {
            if (!caller.IsDoctor)
            {
                return null;
            }

            var decision = await care.CheckAsync(caller.UserId, keys.PatientId, ct);
            if (!decision.Allowed)
            {
                return null;
            }

            if (decision.ViaBreakGlass)
            {
                audit.MarkBreakGlass(decision.BreakGlassReason ?? "break-glass");
            }
        }

        return await db.Conversations.FirstAsync(c => c.Id == conversationId, ct);
    }

    public async Task<IReadOnlyList<ConversationView>> ListAsync(Caller caller, CancellationToken ct)
    {
        var mine = caller.IsPatient
            ? db.Conversations.Where(c => c.PatientUserId == caller.UserId)
            : db.Conversations.Where(c => c.DoctorUserId == caller.UserId);
        var conversations = await mine.OrderByDescending(c => c.LastMessageAt).Take(200).ToListAsync(ct);
        var ids = conversations.Select(c => c.Id).ToList();
        var reads = await db.ReadStates.AsNoTracking().Where(r => ids.Contains(r.ConversationId) && r.UserId == caller.UserId).ToListAsync(ct);
        var unread = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.ConversationId) && m.SenderUserId != caller.UserId)
            .Select(m => new { m.ConversationId, m.SentAt }).ToListAsync(ct);
        var views = new List<ConversationView>();
        foreach (var c in conversations)
        {
            var readUpTo = reads.FirstOrDefault(r => r.ConversationId == c.Id)?.LastReadSentAt ?? DateTime.MinValue;
            var (patientName, doctorName) = await NamesAsync(c, ct);
            views.Add(new ConversationView(c.Id, Camel(c.Kind.ToString()), c.ConsultationId, patientName, doctorName, c.Subject, c.LastMessageAt,
                unread.Count(m => m.ConversationId == c.Id && m.SentAt > readUpTo)));
        }

        return views;
    }

    public async Task<ConversationView> ViewAsync(Conversation c, CancellationToken ct)
    {
        var (patientName, doctorName) = await NamesAsync(c, ct);
        return new ConversationView(c.Id, Camel(c.Kind.ToString()), c.ConsultationId, patientName, doctorName, c.Subject, c.LastMessageAt, 0);
    }

    public async Task<Result<Conversation>> StartWithDoctorAsync(Caller caller, Guid doctorId, string subject, string body, IReadOnlyList<Guid> attachmentIds, CancellationToken ct)
    {
        var patientId = await directory.FindPatientIdAsync(caller.UserId, ct);
        var doctor = (await directory.FindDoctorsAsync(new DoctorFilter(DoctorId: doctorId), ct)).FirstOrDefault();
        if (patientId is null || doctor is null)
        {
            return ChatErrors.DoctorNotFound;
        }

        var conversation = Conversation.WithCareTeam(patientId.Value, caller.UserId, doctor.DoctorId, doctor.UserId, subject.Trim(), Now);
        db.Conversations.Add(conversation);
        var sent = await SendAsync(conversation, caller, body, attachmentIds, Guid.NewGuid().ToString("N"), ct);
        return sent.IsSuccess ? conversation : sent.Error!;
    }

    public async Task<IReadOnlyList<MessageView>> MessagesAsync(Conversation conversation, Guid readerUserId, Guid? before, int take, CancellationToken ct)
    {
        var query = db.Messages.Where(m => m.ConversationId == conversation.Id);
        if (before is { } beforeId && await db.Messages.AsNoTracking().Where(m => m.Id == beforeId).Select(m => (DateTime?)m.SentAt).FirstOrDefaultAsync(ct) is { } beforeAt)
        {
            query = query.Where(m => m.SentAt < beforeAt);
        }

        var page = await query.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        page.Reverse();
        return await ViewsAsync(conversation, page, readerUserId, ct);
    }

    public async Task<Result<MessageView>> SendAsync(Conversation conversation, Caller caller, string? body, IReadOnlyList<Guid>? attachmentIds, string? clientMessageId, CancellationToken ct)
    {
        if (!conversation.IsParticipant(caller.UserId))
        {
            return ChatErrors.ReadOnly;
        }

        var text = body?.Trim() ?? "";
        var attachments = attachmentIds?.Distinct().ToList() ?? [];
        if (text.Length == 0 && attachments.Count == 0)
        {
            return ChatErrors.EmptyMessage;
        }

        if (text.Length > MaxBodyLength)
        {
            return ChatErrors.TooLong;
        }

        var clientId = string.IsNullOrWhiteSpace(clientMessageId) ? Guid.NewGuid().ToString("N") : clientMessageId.Trim()[..Math.Min(64, clientMessageId.Trim().Length)];
        var earlier = await db.Messages.FirstOrDefaultAsync(m => m.ConversationId == conversation.Id && m.SenderUserId == caller.UserId && m.ClientMessageId == clientId, ct);
        if (earlier is not null)
        {
            return (await ViewsAsync(conversation, [earlier], caller.UserId, ct))[0];
        }

        var files = attachments.Count == 0 ? [] : await db.Attachments.Where(a => attachments.Contains(a.Id) && a.UploaderUserId == caller.UserId).ToListAsync(ct);
        if (files.Count != attachments.Count)
        {
            return ChatErrors.AttachmentNotFound;
        }

        var now = Now;
        var message = ChatMessage.Create(conversation.Id, caller.UserId, conversation.PatientUserId == caller.UserId ? "patient" : "doctor", text, attachments, clientId, now);
        db.Messages.Add(message);
        foreach (var file in files)
        {
            file.AttachTo(conversation.Id, null);
        }

        conversation.Touch(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same send arrived twice at once: the other copy won; answer with it.
            db.ChangeTracker.Clear();
            var winner = await db.Messages.FirstAsync(m => m.ConversationId == conversation.Id && m.SenderUserId == caller.UserId && m.ClientMessageId == clientId, ct);
            return (await ViewsAsync(conversation, [winner], caller.UserId, ct))[0];
        }

        var view = (await ViewsAsync(conversation, [message], caller.UserId, ct))[0];
        await hub.Clients.Group(GroupOf(conversation.Id)).SendAsync("messageReceived", view, ct);
        if (conversation.Kind == ConversationKind.CareTeam)
        {
            await NotifyOtherPartyAsync(conversation, caller.UserId, ct);
        }

        return view;
    }

    public async Task<ReadReceipt?> MarkReadAsync(Conversation conversation, Guid readerUserId, Guid messageId, CancellationToken ct)
    {
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId && m.ConversationId == conversation.Id, ct);
        if (message is null || !conversation.IsParticipant(readerUserId))
        {
            return null;
        }

        var state = await db.ReadStates.FirstOrDefaultAsync(r => r.ConversationId == conversation.Id && r.UserId == readerUserId, ct);
        if (state is null)
        {
            state = ReadState.For(conversation.Id, readerUserId);
            db.ReadStates.Add(state);
        }

        var now = Now;
        if (!state.MarkRead(message, now))
        {
            return null;
        }

        await db.SaveChangesAsync(ct);
        var receipt = new ReadReceipt(conversation.Id, message.Id, readerUserId, now);
        await hub.Clients.Group(GroupOf(conversation.Id)).SendAsync("readReceipt", receipt, ct);
        return receipt;
    }

    private async Task NotifyOtherPartyAsync(Conversation conversation, Guid senderUserId, CancellationToken ct)
    {
        var recipient = senderUserId == conversation.PatientUserId ? conversation.DoctorUserId : conversation.PatientUserId;
        if (recipient is not { } recipientUserId)
        {
            return;
        }

        var state = await db.ReadStates.FirstOrDefaultAsync(r => r.ConversationId == conversation.Id && r.UserId == recipientUserId, ct);
        if (state is null)
        {
            state = ReadState.For(conversation.Id, recipientUserId);
            db.ReadStates.Add(state);
        }

        if (!state.ShouldNotify(conversation.LastMessageAt, Now, NotificationQuietPeriod))
        {
            return;
        }

        await db.SaveChangesAsync(ct);
        var email = await identity.GetEmailAsync(recipientUserId, ct);
        if (email is null)
        {
            return;
        }

        // No PHI in the message: it says there is something to read and where, nothing more.
        var portal = recipientUserId == conversation.PatientUserId ? "patient" : "doctor";
        var link = urls.To($"/{portal}/messages/{conversation.Id}");
        await notifications.SendEmailAsync(email, "You have a new message in Telemed",
            $"You have a new secure message in Telemed.\n\nSign in to read it: {link}\n\nFor your privacy, the message itself is only shown after you sign in.", ct);
    }

    private async Task<List<MessageView>> ViewsAsync(Conversation conversation, IReadOnlyList<ChatMessage> messages, Guid readerUserId, CancellationToken ct)
    {
        var attachmentIds = messages.SelectMany(m => m.Attachments).Distinct().ToList();
        var files = attachmentIds.Count == 0 ? [] : await db.Attachments.AsNoTracking().Where(a => attachmentIds.Contains(a.Id)).ToListAsync(ct);
        var states = await db.ReadStates.AsNoTracking().Where(r => r.ConversationId == conversation.Id).ToListAsync(ct);
        var (patientName, doctorName) = await NamesAsync(conversation, ct);
        return [.. messages.Select(m =>
        {
            // A message is read when someone other than its sender has read up to it.
            var readAt = states.Where(s => s.UserId != m.SenderUserId && s.LastReadSentAt >= m.SentAt).Select(s => s.ReadAt).Min();
            return new MessageView(m.Id, m.ConversationId, m.SenderUserId, m.SenderRole == "patient" ? patientName : doctorName ?? "Doctor", m.SenderRole, m.Body, m.SentAt,
                [.. m.Attachments.Select(id => files.FirstOrDefault(f => f.Id == id)).OfType<Attachments.Attachment>().Select(f => new AttachmentView(f.Id, f.ContentType, f.Size, f.FileName))],
                readAt);
        })];
    }

    private async Task<(string PatientName, string? DoctorName)> NamesAsync(Conversation c, CancellationToken ct)
    {
        var patient = (await directory.GetPatientNamesAsync([c.PatientId], ct)).GetValueOrDefault(c.PatientId, "Patient");
        var doctor = c.DoctorUserId is { } d ? (await directory.GetDoctorByUserAsync(d, ct))?.DisplayName : null;
        return (patient, doctor);
    }

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];
}
