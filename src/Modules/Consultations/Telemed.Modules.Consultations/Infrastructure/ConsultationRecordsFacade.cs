using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Consultations.Chat;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.Infrastructure;

/// <summary>Consultations and chat messages as structured records (<see cref="IConsultationRecords"/>); loading them is audited by the DbContext.</summary>
internal sealed class ConsultationRecordsFacade(ConsultationsDbContext db) : IConsultationRecords
{
    public async Task<IReadOnlyList<ConsultationEncounterRecord>> ConsultationsOfAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken = default)
    {
        var ids = patientIds.ToList();
        var consultations = await db.Consultations.AsNoTracking().Where(c => ids.Contains(c.PatientId)).ToListAsync(cancellationToken);
        return consultations.Select(ToRecord).ToList();
    }

    public async Task<ConsultationEncounterRecord?> FindConsultationAsync(Guid consultationId, CancellationToken cancellationToken = default) =>
        await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken) is { } c ? ToRecord(c) : null;

    public async Task<IReadOnlyList<ChatMessageRecord>> MessagesOfAsync(IReadOnlyCollection<Guid> patientIds, int limit, CancellationToken cancellationToken = default)
    {
        var ids = patientIds.ToList();
        var conversations = await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.PatientId)).ToListAsync(cancellationToken);
        var conversationIds = conversations.Select(c => c.Id).ToList();
        var messages = await db.Messages.AsNoTracking().Where(m => conversationIds.Contains(m.ConversationId))
            .OrderBy(m => m.SentAt).ThenBy(m => m.Id).Take(limit).ToListAsync(cancellationToken);
        return await ToRecordsAsync(messages, conversations.ToDictionary(c => c.Id), cancellationToken);
    }

    public async Task<ChatMessageRecord?> FindMessageAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        if (await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken) is not { } message
            || await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == message.ConversationId, cancellationToken) is not { } conversation)
        {
            return null;
        }

        return (await ToRecordsAsync([message], new Dictionary<Guid, Conversation> { [conversation.Id] = conversation }, cancellationToken))[0];
    }

    private async Task<IReadOnlyList<ChatMessageRecord>> ToRecordsAsync(IReadOnlyList<ChatMessage> messages, IReadOnlyDictionary<Guid, Conversation> conversations,
        CancellationToken ct)
    {
        var attachmentIds = messages.SelectMany(m => m.Attachments).Distinct().ToList();
        var attachments = attachmentIds.Count == 0
            ? new Dictionary<Guid, ChatAttachmentRecord>()
            : await db.Attachments.AsNoTracking().Where(a => attachmentIds.Contains(a.Id))
                .Select(a => new ChatAttachmentRecord(a.Id, a.FileName, a.ContentType, a.Size)).ToDictionaryAsync(a => a.AttachmentId, ct);
        return messages.Select(m =>
        {
            var c = conversations[m.ConversationId];
            return new ChatMessageRecord(m.Id, c.Id, c.ConsultationId, c.PatientId, c.PatientUserId, c.DoctorId, c.DoctorUserId, m.SenderUserId, m.SenderRole,
                m.Body, m.Attachments.Where(attachments.ContainsKey).Select(a => attachments[a]).ToList(), m.SentAt);
        }).ToList();
    }

    private static ConsultationEncounterRecord ToRecord(Consultation c)
    {
        // The consultation keeps no single "updated" column: its latest recorded instant is when it last changed.
        DateTime?[] instants = [c.CreatedAt, c.EnteredWaitingAt, c.StartedAt, c.EndedAt, c.NotesUpdatedAt, c.EscalatedAt, c.CalledBackAt, c.EscalationDismissedAt];
        var updated = instants.Where(i => i is not null).Max()!.Value;
        return new ConsultationEncounterRecord(c.Id, c.PatientId, c.DoctorId, c.DoctorUserId, c.AppointmentId, c.Kind,
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.Status.ToString()), c.ScheduledStart, c.StartedAt, c.EndedAt, c.CreatedAt, updated);
    }
}
