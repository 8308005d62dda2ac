using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Chat.ListConversations;
using Telemed.Modules.Consultations.Chat.MarkRead;
using Telemed.Modules.Consultations.Chat.ReadConversation;
using Telemed.Modules.Consultations.Chat.SendMessage;
using Telemed.Modules.Consultations.Chat.StartConversation;

namespace Telemed.Modules.Consultations.Chat;

/// <summary>The chat's routes; each use case's handler and endpoint live in its own folder.</summary>
internal static class ChatEndpoints
{
    public static void MapChatEndpoints(this IEndpointRouteBuilder consultations)
    {
        var conversations = consultations.MapGroup("/conversations").WithTags("Chat").RequireAuthorization(Policies.SignedIn);
        conversations.MapGet("", ListConversationsHandler.EndpointAsync).WithName("ListConversations");
        conversations.MapPost("", StartConversationHandler.EndpointAsync).RequireAuthorization(Policies.Patient).Validate<StartConversationRequest>().AcceptsIdempotencyKey()
            .WithName("StartConversation");
        conversations.MapGet("/{id:guid}", ReadConversationEndpoints.OneAsync).WithName("GetConversation");
        conversations.MapGet("/{id:guid}/messages", ReadConversationEndpoints.MessagesAsync).WithName("ListMessages");
        conversations.MapPost("/{id:guid}/messages", SendMessageHandler.EndpointAsync).Validate<SendMessageRequest>().WithName("SendMessage");
        conversations.MapPost("/{id:guid}/read", MarkReadHandler.EndpointAsync).WithName("MarkConversationRead");
        consultations.MapGet("/{id:guid}/conversation", ReadConversationEndpoints.OfConsultationAsync).WithTags("Chat").RequireAuthorization(Policies.SignedIn)
            .WithName("GetConsultationConversation");
    }
}
