using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Chat.MarkRead;

public sealed record MarkReadRequest(Guid MessageId);

/// <summary>
/// A participant has read a conversation up to a message: the read mark moves forward only, and the conversation's
/// group gets a <see cref="ReadReceipt"/>. A reader who only views the record changes nothing; an unknown message id, or one of another
/// conversation, is 404 <c>chat.message_not_found</c> (a HubException with that code on the hub) and changes nothing.
/// </summary>
internal sealed class MarkReadHandler(ConsultationsDbContext db, IHubContext<ChatHub> hub, TimeProvider clock)
{
    public async Task<Result<ReadReceipt?>> HandleAsync(ConversationKeys conversation, Guid readerUserId, Guid messageId, CancellationToken ct)
    {
        // Only the message's id and time: a read mark needs neither its (encrypted) body nor another record of reading it.
        var message = await db.Messages.AsNoTracking().Where(m => m.Id == messageId && m.ConversationId == conversation.Id)
            .Select(m => new { m.Id, m.SentAt }).FirstOrDefaultAsync(ct);
        if (message is null)
        {
            // An unknown id, or another conversation's: said so (it once answered OK and changed nothing, so a client never learnt of its mistake).
            return ChatErrors.MessageNotFound;
        }

        if (!conversation.IsParticipant(readerUserId))
        {
            return (ReadReceipt?)null;
        }

        var state = await db.ReadStates.FirstOrDefaultAsync(r => r.ConversationId == conversation.Id && r.UserId == readerUserId, ct);
        if (state is null)
        {
            state = ReadState.For(conversation.Id, readerUserId);
            db.ReadStates.Add(state);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (!state.MarkRead(message.Id, message.SentAt, now))
        {
            return (ReadReceipt?)null;
        }

        await db.SaveChangesAsync(ct);
        var receipt = new ReadReceipt(conversation.Id, message.Id, readerUserId, now);
        // After the commit: not cancelled with the reader's request (the receipt is stored; the sender is told either way).
        await hub.Clients.Group(ChatViews.GroupOf(conversation.Id)).SendAsync("readReceipt", receipt, CancellationToken.None);
        return receipt;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EndpointAsync(Guid id, MarkReadRequest request, ICurrentUser user, ConversationAccess access,
        MarkReadHandler handler, CancellationToken ct)
    {
        var caller = Caller.Of(user);
        if (await access.FindAsync(id, caller, ct) is not { } conversation)
        {
            return Problems.From(ChatErrors.NotFound);
        }

        var marked = await handler.HandleAsync(ConversationKeys.Of(conversation), caller.UserId, request.MessageId, ct);
        return marked.IsSuccess ? TypedResults.NoContent() : Problems.From(marked.Error!);
    }
}
