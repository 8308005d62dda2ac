using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Chat.SendMessage;

/// <summary>A message: text (at most <see cref="ChatMessage.MaxBodyLength"/> characters), up to 10 own uploads, and a client id (≤ 64) that makes retries idempotent.</summary>
public sealed record SendMessageRequest(string? Body, IReadOnlyList<Guid>? AttachmentIds, string? ClientMessageId);

internal sealed class SendMessageRequestValidator : AbstractValidator<SendMessageRequest>
{
    public SendMessageRequestValidator()
    {
        RuleFor(r => r.Body).Must(ChatMessage.BodyFits).WithMessage(ChatErrors.TooLong.Message);
        RuleFor(r => r.AttachmentIds).Must(a => a is null || a.Count <= 10).WithMessage("Attach at most 10 files.");
        RuleFor(r => r.ClientMessageId).MaximumLength(64);
    }
}

/// <summary>
/// A participant writes in a conversation (REST and hub share this). A retried send with the same client id answers
/// with the first copy. Errors: <c>chat.read_only</c>, <c>chat.empty_message</c>, <c>chat.message_too_long</c>, <c>chat.attachment_not_found</c>.
/// </summary>
internal sealed class SendMessageHandler(ConsultationsDbContext db, ChatViews views, IHubContext<ChatHub> hub, NewMessageNotices notices, TimeProvider clock)
{
    public async Task<Result<MessageView>> HandleAsync(Conversation conversation, Caller caller, SendMessageRequest request, CancellationToken ct)
    {
        if (!conversation.IsParticipant(caller.UserId))
        {
            return ChatErrors.ReadOnly;
        }

        var attachments = request.AttachmentIds?.Distinct().ToList() ?? [];
        var now = clock.GetUtcNow().UtcDateTime;
        var clientId = string.IsNullOrWhiteSpace(request.ClientMessageId) ? Guid.NewGuid().ToString("N") : request.ClientMessageId.Trim()[..Math.Min(64, request.ClientMessageId.Trim().Length)];
        var created = ChatMessage.Create(conversation.Id, caller.UserId, conversation.PatientUserId == caller.UserId ? "patient" : "doctor", request.Body, attachments, clientId, now);
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        if (await SentBeforeAsync(conversation, caller.UserId, clientId, ct) is { } earlier)
        {
            return (await views.MessagesAsync(conversation, [earlier], ct))[0];
        }

        var files = attachments.Count == 0 ? [] : await db.Attachments.Where(a => attachments.Contains(a.Id) && a.UploaderUserId == caller.UserId).ToListAsync(ct);
        if (files.Count != attachments.Count)
        {
            return ChatErrors.AttachmentNotFound;
        }

        var message = created.Value;
        db.Messages.Add(message);
        files.ForEach(f => f.AttachTo(conversation.Id, null));
        conversation.Touch(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same send arrived twice at once: the other copy won; answer with it.
            db.ChangeTracker.Clear();
            return (await views.MessagesAsync(conversation, [(await SentBeforeAsync(conversation, caller.UserId, clientId, ct))!], ct))[0];
        }

        var view = (await views.MessagesAsync(conversation, [message], ct))[0];
        await hub.Clients.Group(ChatViews.GroupOf(conversation.Id)).SendAsync("messageReceived", view, ct);
        if (conversation.Kind == ConversationKind.CareTeam)
        {
            await notices.TellOtherPartyAsync(conversation, caller.UserId, ct);
        }

        return view;
    }

    private Task<ChatMessage?> SentBeforeAsync(Conversation conversation, Guid senderUserId, string clientId, CancellationToken ct) =>
        db.Messages.FirstOrDefaultAsync(m => m.ConversationId == conversation.Id && m.SenderUserId == senderUserId && m.ClientMessageId == clientId, ct);

    public static async Task<Results<Created<MessageView>, ProblemHttpResult>> EndpointAsync(Guid id, SendMessageRequest request, ICurrentUser user,
        ConversationAccess access, SendMessageHandler handler, CancellationToken ct)
    {
        var caller = Caller.Of(user);
        if (await access.FindAsync(id, caller, ct) is not { } conversation)
        {
            return Problems.From(ChatErrors.NotFound);
        }

        var sent = await handler.HandleAsync(conversation, caller, request, ct);
        return sent.IsSuccess ? TypedResults.Created($"/api/v1/consultations/conversations/{id}/messages", sent.Value) : Problems.From(sent.Error!);
    }
}
