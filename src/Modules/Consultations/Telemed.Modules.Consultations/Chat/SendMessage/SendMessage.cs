using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Modules;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Attachments;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.Modules.Consultations.Chat.SendMessage;

/// <summary>A message: text (at most <see cref="ChatMessage.MaxBodyLength"/> characters), up to 10 own uploads, and a client id (≤ 64) that makes retries idempotent.</summary>
public sealed record SendMessageRequest(string? Body, IReadOnlyList<Guid>? AttachmentIds, string? ClientMessageId);

internal sealed class SendMessageRequestValidator : AbstractValidator<SendMessageRequest>
{
    public SendMessageRequestValidator()
    {
        RuleFor(r => r.Body).Must(ChatMessage.BodyFits).WithMessage(ChatErrors.TooLong.Message);
        RuleFor(r => r.AttachmentIds).Must(a => a is null || a.Count <= 10).WithMessage("Attach at most 10 files.");
        RuleFor(r => r.ClientMessageId).Must(ChatMessage.ClientMessageIdIsValid).WithMessage(ChatErrors.InvalidClientMessageId.Message);
    }
}

/// <summary>
/// A participant writes in a conversation (REST and hub share this). A retried send with the same client id answers
/// with the first copy. Errors: <c>chat.read_only</c>, <c>chat.empty_message</c>, <c>chat.message_too_long</c>, <c>chat.attachment_not_found</c>,
/// <c>chat.invalid_client_message_id</c>.
/// </summary>
/// <remarks>
/// A text message is saved in a group commit (<see cref="ChatGroupCommit"/>): one transaction for the messages that arrive
/// together, each with the conversation's last-message time, the other party's read state when a notice is due and its own
/// audit record. A message with attachments, or one that starts a conversation, or one whose batch failed, is saved alone
/// in one transaction (one <c>SaveChanges</c>) with the same rows and the attachments' link. The duplicate check is the unique
/// index. The broadcast and the notices (centre, e-mail) follow the commit, so the acknowledgement means the message is stored.
/// </remarks>
internal sealed class SendMessageHandler(ConsultationsDbContext db, ChatViews views, IHubContext<ChatHub> hub, NewMessageNotices notices,
    Deferred<NewMessageNoticeSender> sender, ChatGroupCommit group, AuditScope audit, TimeProvider clock)
{
    /// <summary>The message this send queued for a group commit, recognised if its batch stored it but reported a failure.</summary>
    private Guid? _queuedId;

    /// <param name="senderName">The sender's display name when the caller knows it (the hub keeps it per connection); null looks it up.</param>
    /// <param name="withUnitOfWork">True when the caller's own changes in this unit of work (a conversation it starts) are saved with the message.</param>
    /// <param name="senderConnectionId">
    /// The hub connection that sent it, when it came over the hub: that connection receives the message as its invocation's
    /// result, so the broadcast skips it (the sender's other tabs and devices still get it). Null for REST.
    /// </param>
    public async Task<Result<MessageView>> HandleAsync(ConversationKeys conversation, Caller caller, SendMessageRequest request, string? senderName, CancellationToken ct,
        bool withUnitOfWork = false, string? senderConnectionId = null)
    {
        if (!conversation.IsParticipant(caller.UserId))
        {
            return ChatErrors.ReadOnly;
        }

        if (!ChatMessage.ClientMessageIdIsValid(request.ClientMessageId))
        {
            return ChatErrors.InvalidClientMessageId;
        }

        var attachments = request.AttachmentIds?.Distinct().ToList() ?? [];
        // One id for every attempt: a batch that committed but failed to say so is then found by it, not written twice.
        var clientId = string.IsNullOrWhiteSpace(request.ClientMessageId) ? Guid.NewGuid().ToString("N") : request.ClientMessageId.Trim();
        if (attachments.Count == 0 && !withUnitOfWork && await InGroupCommitAsync(conversation, caller, request, clientId, senderName, senderConnectionId) is { } grouped)
        {
            return grouped;
        }

        if (attachments.Count > 0 || conversation.Kind == ConversationKind.CareTeam)
        {
            // A read comes before the save: one connection for both (one pool check-out), held until the unit of work ends.
            await db.Database.OpenConnectionAsync(ct);
        }

        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var created = ChatMessage.Create(conversation.Id, caller.UserId, conversation.RoleOf(caller.UserId), request.Body, attachments, clientId, now);
            if (!created.IsSuccess)
            {
                return created.Error!;
            }

            var files = attachments.Count == 0 ? [] : await db.Attachments.Where(a => attachments.Contains(a.Id) && a.UploaderUserId == caller.UserId).ToListAsync(ct);
            if (files.Count != attachments.Count)
            {
                return ChatErrors.AttachmentNotFound;
            }

            var message = created.Value;
            db.Messages.Add(message);
            files.ForEach(f => f.AttachTo(conversation.Id, null));
            Tracked(conversation).Touch(now);
            var notice = conversation.Kind == ConversationKind.CareTeam ? await notices.PrepareAsync(conversation, caller.UserId, now, ct) : null;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException e) when (e.Entries.Any(entry => entry.Entity is Attachment))
            {
                // An attachment's row went between the read above and this save: the retention of uploads attached to nothing
                // took it at its age limit. Answered as for an unknown attachment; nothing of this send was saved.
                db.ChangeTracker.Clear();
                return ChatErrors.AttachmentNotFound;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // The same send arrived twice (a retry, or both at once): the first copy won; answer with it. Otherwise a
                // concurrent send created the other party's read state first: try once more.
                db.ChangeTracker.Clear();
                if (await SentBeforeAsync(conversation, caller.UserId, clientId, ct) is { } earlier)
                {
                    // This send's own group commit stored it after all (it failed only to say so): announce it now.
                    return earlier.Id == _queuedId
                        ? await AnnounceAsync(conversation, caller, earlier, [], null, senderName, senderConnectionId)
                        : (await views.MessagesAsync(conversation, [earlier], ct))[0];
                }

                if (attempt == 2)
                {
                    throw;
                }

                continue;
            }

            return await AnnounceAsync(conversation, caller, message, files, notice, senderName, senderConnectionId);
        }
    }

    /// <summary>
    /// A text message saved in the next group commit (<see cref="ChatGroupCommit"/>) with its audit record and what this unit of
    /// work audited before it; null when its batch failed, and then the message is saved alone (the records go back to the unit of
    /// work, to be written with it or at its end).
    /// </summary>
    private async Task<Result<MessageView>?> InGroupCommitAsync(ConversationKeys conversation, Caller caller, SendMessageRequest request, string clientId,
        string? senderName, string? senderConnectionId)
    {
        var created = ChatMessage.Create(conversation.Id, caller.UserId, conversation.RoleOf(caller.UserId), request.Body, [], clientId, clock.GetUtcNow().UtcDateTime);
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        var message = created.Value;
        _queuedId = message.Id;
        var carried = audit.Drain();
        var records = new List<AuditRecord>(carried.Count + 1) { audit.PhiWrite(AuditActions.PhiCreate, message.AuditRecordType, message.AuditRecordId, ((IPhiRecord)message).AuditPatientId) };
        records.AddRange(carried);
        // Not cancelled with the caller: once queued, the message is written with its batch whether or not anyone waits.
        var outcome = await group.SaveAsync(new QueuedMessage(conversation, message, records));
        if (!outcome.Committed)
        {
            audit.Requeue(carried);
            return null;
        }

        return await AnnounceAsync(conversation, caller, message, [], outcome.Notice, senderName, senderConnectionId);
    }

    /// <summary>
    /// After the commit: counts the message, sends it to the conversation's readers and the notice, if one is due. Never
    /// cancelled with the sender's request or connection: the message is stored, and the recipient's read state already says
    /// they were told, so a sender who leaves meanwhile must not leave the others without the message or its notice. The
    /// notice goes out even when the live broadcast fails. The sending hub connection is left out of the broadcast: it has the
    /// message as its invocation's result, and a second copy of every message it sends would be one frame in twenty of a
    /// conversation's traffic for nothing.
    /// </summary>
    private async Task<MessageView> AnnounceAsync(ConversationKeys conversation, Caller caller, ChatMessage message, IReadOnlyList<Attachment> files,
        PendingNotice? notice, string? senderName, string? senderConnectionId)
    {
        TelemedMetrics.ChatMessages.Add(1, new KeyValuePair<string, object?>("sender", message.SenderRole));
        var name = senderName ?? await views.NameOfAsync(conversation, caller.UserId, CancellationToken.None);
        var view = ChatViews.NewMessage(message, name, files);
        try
        {
            var group = ChatViews.GroupOf(conversation.Id);
            var readers = senderConnectionId is null ? hub.Clients.Group(group) : hub.Clients.GroupExcept(group, senderConnectionId);
            await readers.SendAsync("messageReceived", view, CancellationToken.None);
        }
        finally
        {
            if (notice is not null)
            {
                await sender.Value.SendAsync(notice, message.Id, name, CancellationToken.None);
            }
        }

        return view;
    }

    /// <summary>The conversation's entity to touch: the tracked one (started in this unit of work, or loaded), else a reference to its row.</summary>
    private Conversation Tracked(ConversationKeys conversation)
    {
        if (db.Conversations.Local.FirstOrDefault(c => c.Id == conversation.Id) is { } tracked)
        {
            return tracked;
        }

        var reference = Conversation.Reference(conversation);
        db.Conversations.Attach(reference);
        return reference;
    }

    private Task<ChatMessage?> SentBeforeAsync(ConversationKeys conversation, Guid senderUserId, string clientId, CancellationToken ct) =>
        db.Messages.FirstOrDefaultAsync(m => m.ConversationId == conversation.Id && m.SenderUserId == senderUserId && m.ClientMessageId == clientId, ct);

    public static async Task<Results<Created<MessageView>, ProblemHttpResult>> EndpointAsync(Guid id, SendMessageRequest request, ICurrentUser user,
        ConversationAccess access, SendMessageHandler handler, CancellationToken ct)
    {
        var caller = Caller.Of(user);
        if (await access.FindAsync(id, caller, ct) is not { } conversation)
        {
            return Problems.From(ChatErrors.NotFound);
        }

        var sent = await handler.HandleAsync(ConversationKeys.Of(conversation), caller, request, senderName: null, ct);
        return sent.IsSuccess ? TypedResults.Created($"/api/v1/consultations/conversations/{id}/messages", sent.Value) : Problems.From(sent.Error!);
    }
}
