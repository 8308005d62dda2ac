using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Chat.MarkRead;
using Telemed.Modules.Consultations.Chat.SendMessage;
using Telemed.Modules.Consultations.WaitingRoom;

namespace Telemed.Modules.Consultations.Chat;

public sealed record TypingNotice(Guid ConversationId, Guid UserId, string Name);

/// <summary>
/// Live chat: messages, typing indicators and read receipts, for the conversation's readers only. Errors carry the
/// same stable codes as the REST endpoints ("chat.not_found: …", see <see cref="HubErrors"/>).
/// </summary>
/// <remarks>
/// A participant's access and display name are looked up once per connection (<see cref="ChatConnection"/>), so that
/// joining writes nothing and a message costs one transaction: the message, the conversation's last-message time, the
/// other party's read state when they are due a notice, and the audit records. A reader's access is decided at every
/// invocation, and <see cref="ChatReaderLeases"/> takes them out of the group when it lapses. The hub is created for every
/// invocation, connect and disconnect, so what only some methods need comes into them from DI instead of into every
/// activation: the send and read use cases with their database contexts and notification channels, and the access
/// decision with its own (a database context costs EF Core's service-provider lookup when it is constructed, used or not,
/// which was a quarter of a connect's CPU: docs/benchmarks.md, "Joining").
/// </remarks>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class ChatHub(ChatReaderLeases leases) : Hub
{
    public const string Path = "/hubs/chat";

    private ChatConnection Connection => ChatConnection.Of(Context);

    /// <summary>Receives the conversation's messages, receipts and typing notices from now on. A participant's join reads one row and writes nothing.</summary>
    public async Task JoinConversation(Guid conversationId, [FromServices] ConversationAccess access)
    {
        var grant = await RequireAsync(access, conversationId);
        Connection.Joined(conversationId);
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatViews.GroupOf(conversationId), Context.ConnectionAborted);
        if (!grant.Participant && grant.Until is { } until)
        {
            leases.Add(Context.ConnectionId, conversationId, until, Connection);
        }
    }

    public async Task LeaveConversation(Guid conversationId)
    {
        Connection.Left(conversationId);
        leases.Remove(Context.ConnectionId, conversationId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ChatViews.GroupOf(conversationId), Context.ConnectionAborted);
    }

    /// <summary>
    /// The same use case and body rule as POST …/messages (text only here). Returns the stored message; the calling connection
    /// does not receive it again as <c>messageReceived</c> (the conversation's other connections do, the sender's other tabs included).
    /// </summary>
    [CountsAsActivity]
    public async Task<MessageView> SendMessage(Guid conversationId, string? body, string? clientMessageId, [FromServices] ConversationAccess access,
        [FromServices] SendMessageHandler send, [FromServices] ChatViews views)
    {
        var caller = Caller();
        var grant = await RequireAsync(access, conversationId);
        if (!grant.Participant)
        {
            throw HubErrors.From(ChatErrors.ReadOnly);
        }

        var keys = grant.Conversation;
        var name = await Connection.NameAsync(keys.RoleOf(caller.UserId), () => views.NameOfAsync(keys, caller.UserId, Context.ConnectionAborted));
        var sent = await send.HandleAsync(keys, caller, new SendMessageRequest(body, null, clientMessageId), name, Context.ConnectionAborted,
            senderConnectionId: Context.ConnectionId);
        return sent.IsSuccess ? sent.Value : throw HubErrors.From(sent.Error!);
    }

    /// <summary>
    /// Sent only on the user's keystrokes (throttled by the app), so it counts as activity. Only a participant who joined
    /// types (no database round trip: both are known to the connection); a reader is refused with <c>chat.read_only</c>.
    /// </summary>
    [CountsAsActivity]
    public Task Typing(Guid conversationId)
    {
        if (!Connection.HasJoined(conversationId))
        {
            throw HubErrors.From(ChatErrors.JoinFirst);
        }

        if (Connection.ParticipantGrant(conversationId) is null)
        {
            throw HubErrors.From(ChatErrors.ReadOnly);
        }

        var name = Context.User?.FindFirst(TelemedClaims.DisplayName)?.Value ?? "";
        return Clients.OthersInGroup(ChatViews.GroupOf(conversationId)).SendAsync("typing", new TypingNotice(conversationId, HubCaller.UserId(Context), name), Context.ConnectionAborted);
    }

    /// <summary>Sent by the app by itself when messages arrive on screen: not activity. An unknown message is <c>chat.message_not_found</c>, as on REST.</summary>
    public async Task MarkRead(Guid conversationId, Guid messageId, [FromServices] ConversationAccess access, [FromServices] MarkReadHandler markRead)
    {
        var grant = await RequireAsync(access, conversationId);
        var marked = await markRead.HandleAsync(grant.Conversation, HubCaller.UserId(Context), messageId, Context.ConnectionAborted);
        if (!marked.IsSuccess)
        {
            throw HubErrors.From(marked.Error!);
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        leases.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private Caller Caller() => new(HubCaller.UserId(Context), Context.User?.IsInRole(Roles.Patient) == true, Context.User?.IsInRole(Roles.Doctor) == true);

    private async Task<ConversationGrant> RequireAsync(ConversationAccess access, Guid conversationId) =>
        await access.DecideAsync(conversationId, Caller(), Connection, Context.ConnectionAborted) ?? throw HubErrors.From(ChatErrors.NotFound);
}
