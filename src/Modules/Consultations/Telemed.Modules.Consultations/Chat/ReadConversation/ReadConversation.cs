using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.Chat.ReadConversation;

/// <summary>
/// Reading one conversation: GET /conversations/{id}, its messages (oldest first, pages of at most 200 before a message id),
/// and GET /{consultationId}/conversation for a consultation's chat. Unknown and forbidden ids both answer <c>chat.not_found</c>.
/// </summary>
internal static class ReadConversationEndpoints
{
    public const int MaxPage = 200;

    public static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> OneAsync(Guid id, ICurrentUser user, ConversationAccess access, ChatViews views, CancellationToken ct) =>
        await access.FindAsync(id, Caller.Of(user), ct) is { } conversation
            ? TypedResults.Ok(await views.ConversationAsync(conversation, Caller.Of(user), ct))
            : Problems.From(ChatErrors.NotFound);

    public static async Task<Results<Ok<IReadOnlyList<MessageView>>, ProblemHttpResult>> MessagesAsync(Guid id, Guid? before, int? take, ICurrentUser user,
        ConversationAccess access, ConsultationsDbContext db, ChatViews views, CancellationToken ct)
    {
        if (await access.FindAsync(id, Caller.Of(user), ct) is not { } conversation)
        {
            return Problems.From(ChatErrors.NotFound);
        }

        var query = db.Messages.Where(m => m.ConversationId == conversation.Id);
        // The cursor counts only within this conversation: another conversation's message id tells nothing about it.
        if (before is { } beforeId && await db.Messages.AsNoTracking().Where(m => m.Id == beforeId && m.ConversationId == conversation.Id)
                .Select(m => (DateTime?)m.SentAt).FirstOrDefaultAsync(ct) is { } beforeAt)
        {
            query = query.Where(m => m.SentAt < beforeAt);
        }

        var page = await query.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Take(Math.Clamp(take ?? 50, 1, MaxPage)).ToListAsync(ct);
        page.Reverse();
        return TypedResults.Ok<IReadOnlyList<MessageView>>(await views.MessagesAsync(ConversationKeys.Of(conversation), page, ct));
    }

    public static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> OfConsultationAsync(Guid id, ConsultationAccess consultations, ConsultationsDbContext db,
        ICurrentUser user, ConversationAccess access, ChatViews views, CancellationToken ct)
    {
        var (consultation, _) = await consultations.FindAsAsync(id, [ConsultationRole.Patient, ConsultationRole.Doctor], ct, track: false);
        if (consultation is null)
        {
            return Problems.From(ChatErrors.NotFound);
        }

        var conversationId = await db.Conversations.AsNoTracking().Where(c => c.ConsultationId == id).Select(c => c.Id).FirstOrDefaultAsync(ct);
        return await access.FindAsync(conversationId, Caller.Of(user), ct) is { } conversation
            ? TypedResults.Ok(await views.ConversationAsync(conversation, Caller.Of(user), ct))
            : Problems.From(ChatErrors.NotFound);
    }
}
