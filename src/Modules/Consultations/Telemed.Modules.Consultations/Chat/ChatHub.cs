using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
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
[Authorize(Policy = Policies.SignedIn)]
internal sealed class ChatHub(ConversationAccess access, SendMessageHandler send, MarkReadHandler markRead) : Hub
{
    public const string Path = "/hubs/chat";

    // Which conversations each connection has joined: typing and receipts need no database round trip.
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, bool>> Joined = new();

    public async Task JoinConversation(Guid conversationId)
    {
        _ = await RequireAsync(conversationId);
        Joined.GetOrAdd(Context.ConnectionId, _ => new()).TryAdd(conversationId, true);
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatViews.GroupOf(conversationId), Context.ConnectionAborted);
    }

    public async Task LeaveConversation(Guid conversationId)
    {
        if (Joined.TryGetValue(Context.ConnectionId, out var mine))
        {
            mine.TryRemove(conversationId, out _);
        }

        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ChatViews.GroupOf(conversationId), Context.ConnectionAborted);
    }

    /// <summary>The same use case and body rule as POST …/messages (text only here).</summary>
    [CountsAsActivity]
    public async Task<MessageView> SendMessage(Guid conversationId, string? body, string? clientMessageId)
    {
        var conversation = await RequireAsync(conversationId);
        var sent = await send.HandleAsync(conversation, Caller(), new SendMessageRequest(body, null, clientMessageId), Context.ConnectionAborted);
        return sent.IsSuccess ? sent.Value : throw HubErrors.From(sent.Error!);
    }

    /// <summary>Sent only on the user's keystrokes (throttled by the app), so it counts as activity.</summary>
    [CountsAsActivity]
    public Task Typing(Guid conversationId)
    {
        if (!Joined.TryGetValue(Context.ConnectionId, out var mine) || !mine.ContainsKey(conversationId))
        {
            throw HubErrors.From(ChatErrors.JoinFirst);
        }

        var name = Context.User?.FindFirst(TelemedClaims.DisplayName)?.Value ?? "";
        return Clients.OthersInGroup(ChatViews.GroupOf(conversationId)).SendAsync("typing", new TypingNotice(conversationId, HubCaller.UserId(Context), name), Context.ConnectionAborted);
    }

    /// <summary>Sent by the app by itself when messages arrive on screen: not activity.</summary>
    public async Task MarkRead(Guid conversationId, Guid messageId)
    {
        var conversation = await RequireAsync(conversationId);
        await markRead.HandleAsync(conversation, HubCaller.UserId(Context), messageId, Context.ConnectionAborted);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        Joined.TryRemove(Context.ConnectionId, out _);
        return base.OnDisconnectedAsync(exception);
    }

    private Caller Caller() => new(HubCaller.UserId(Context), Context.User?.IsInRole(Roles.Patient) == true, Context.User?.IsInRole(Roles.Doctor) == true);

    private async Task<Conversation> RequireAsync(Guid conversationId) =>
        await access.FindAsync(conversationId, Caller(), Context.ConnectionAborted) ?? throw HubErrors.From(ChatErrors.NotFound);
}
