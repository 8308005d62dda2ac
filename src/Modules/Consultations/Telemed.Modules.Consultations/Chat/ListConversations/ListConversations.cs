using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Chat.ListConversations;

/// <summary>
/// GET /consultations/conversations: the caller's own conversations (as patient or as doctor), newest activity first,
/// at most <see cref="Limit"/>. A patient account's list marks a dependant's conversation (<see cref="ConversationView.ForDependant"/>). Unread counts are computed in SQL and names fetched in one batch.
/// </summary>
internal sealed class ListConversationsHandler(ConsultationsDbContext db, ChatViews views)
{
    public const int Limit = 200;

    public async Task<IReadOnlyList<ConversationView>> HandleAsync(Caller caller, CancellationToken ct)
    {
        var me = caller.UserId;
        var mine = caller.IsPatient
            ? db.Conversations.AsNoTracking().Where(c => c.PatientUserId == me)
            : db.Conversations.AsNoTracking().Where(c => c.DoctorUserId == me);
        var rows = await mine.OrderByDescending(c => c.LastMessageAt).Take(Limit)
            .Select(c => new
            {
                Conversation = c,
                // The other party's messages that the caller's read mark does not cover.
                Unread = db.Messages.Count(m => m.ConversationId == c.Id && m.SenderUserId != me
                    && !db.ReadStates.Any(r => r.ConversationId == c.Id && r.UserId == me && r.LastReadSentAt >= m.SentAt)),
            })
            .ToListAsync(ct);
        List<(Conversation, int)> listed = [.. rows.Select(r => (r.Conversation, r.Unread))];
        // A guardian's list holds their children's chats too (the account is their PatientUserId): each says whom it is about.
        return caller.IsPatient
            ? await views.ForPatientAccountAsync(listed, await views.OwnPatientIdAsync(me, ct), ct)
            : await views.ConversationsAsync(listed, ct);
    }

    public static async Task<Ok<IReadOnlyList<ConversationView>>> EndpointAsync(ICurrentUser user, ListConversationsHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(Caller.Of(user), ct));
}
