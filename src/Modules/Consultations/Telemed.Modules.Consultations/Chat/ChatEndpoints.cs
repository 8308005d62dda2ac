using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.Chat;

public sealed record StartConversationRequest(Guid DoctorId, string Subject, string? Body, IReadOnlyList<Guid>? AttachmentIds);
public sealed record SendMessageRequest(string? Body, IReadOnlyList<Guid>? AttachmentIds, string? ClientMessageId);
public sealed record MarkReadRequest(Guid MessageId);

internal sealed class StartConversationRequestValidator : AbstractValidator<StartConversationRequest>
{
    public StartConversationRequestValidator()
    {
        RuleFor(r => r.DoctorId).NotEmpty().WithMessage("Choose the doctor to write to.");
        RuleFor(r => r.Subject).NotEmpty().WithMessage("Give the conversation a subject.").MaximumLength(200);
        RuleFor(r => r.Body).MaximumLength(ChatService.MaxBodyLength);
        RuleFor(r => r.AttachmentIds).Must(a => a is null || a.Count <= 10).WithMessage("Attach at most 10 files.");
    }
}

internal sealed class SendMessageRequestValidator : AbstractValidator<SendMessageRequest>
{
    public SendMessageRequestValidator()
    {
        RuleFor(r => r.Body).MaximumLength(ChatService.MaxBodyLength).WithMessage("Keep a message under 4000 characters.");
        RuleFor(r => r.AttachmentIds).Must(a => a is null || a.Count <= 10).WithMessage("Attach at most 10 files.");
        RuleFor(r => r.ClientMessageId).MaximumLength(64);
    }
}

internal static class ChatEndpoints
{
    public static void MapChatEndpoints(this IEndpointRouteBuilder consultations)
    {
        var conversations = consultations.MapGroup("/conversations").WithTags("Chat").RequireAuthorization(Policies.SignedIn);
        conversations.MapGet("", ListAsync).WithName("ListConversations");
        conversations.MapPost("", StartAsync).RequireAuthorization(Policies.Patient).Validate<StartConversationRequest>().WithName("StartConversation");
        conversations.MapGet("/{id:guid}", OneAsync).WithName("GetConversation");
        conversations.MapGet("/{id:guid}/messages", MessagesAsync).WithName("ListMessages");
        conversations.MapPost("/{id:guid}/messages", SendAsync).Validate<SendMessageRequest>().WithName("SendMessage");
        conversations.MapPost("/{id:guid}/read", ReadAsync).WithName("MarkConversationRead");
        consultations.MapGet("/{id:guid}/conversation", OfConsultationAsync).WithTags("Chat").RequireAuthorization(Policies.SignedIn).WithName("GetConsultationConversation");
    }

    public static Caller CallerOf(ICurrentUser user) => new(user.RequireUserId(), user.IsInRole(Roles.Patient), user.IsInRole(Roles.Doctor));

    private static async Task<Ok<IReadOnlyList<ConversationView>>> ListAsync(ICurrentUser user, ChatService chat, CancellationToken ct) =>
        TypedResults.Ok(await chat.ListAsync(CallerOf(user), ct));

    private static async Task<Results<Created<ConversationView>, ProblemHttpResult>> StartAsync(StartConversationRequest request, ICurrentUser user, ChatService chat, CancellationToken ct)
    {
        var started = await chat.StartWithDoctorAsync(CallerOf(user), request.DoctorId, request.Subject, request.Body ?? "", request.AttachmentIds ?? [], ct);
        return started.IsSuccess
            ? TypedResults.Created($"/api/v1/consultations/conversations/{started.Value.Id}", await chat.ViewAsync(started.Value, ct))
            : Problems.From(started.Error!);
    }

    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> OneAsync(Guid id, ICurrentUser user, ChatService chat, CancellationToken ct)
    {
        var conversation = await chat.FindAsync(id, CallerOf(user), ct);
        return conversation is null ? Problems.From(ChatErrors.NotFound) : TypedResults.Ok(await chat.ViewAsync(conversation, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<MessageView>>, ProblemHttpResult>> MessagesAsync(Guid id, Guid? before, int? take, ICurrentUser user, ChatService chat, CancellationToken ct)
    {
        var caller = CallerOf(user);
        var conversation = await chat.FindAsync(id, caller, ct);
        return conversation is null ? Problems.From(ChatErrors.NotFound) : TypedResults.Ok(await chat.MessagesAsync(conversation, caller.UserId, before, take ?? 50, ct));
    }

    private static async Task<Results<Created<MessageView>, ProblemHttpResult>> SendAsync(Guid id, SendMessageRequest request, ICurrentUser user, ChatService chat, CancellationToken ct)
    {
        var caller = CallerOf(user);
        var conversation = await chat.FindAsync(id, caller, ct);
        if (conversation is null)
        {
            return Problems.From(ChatErrors.NotFound);
        }

        var sent = await chat.SendAsync(conversation, caller, request.Body, request.AttachmentIds, request.ClientMessageId, ct);
        return sent.IsSuccess ? TypedResults.Created($"/api/v1/consultations/conversations/{id}/messages", sent.Value) : Problems.From(sent.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReadAsync(Guid id, MarkReadRequest request, ICurrentUser user, ChatService chat, CancellationToken ct)
    {
        var caller = CallerOf(user);
        var conversation = await chat.FindAsync(id, caller, ct);
        if (conversation is null)
        {
            return Problems.From(ChatErrors.NotFound);
        }

        await chat.MarkReadAsync(conversation, caller.UserId, request.MessageId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> OfConsultationAsync(Guid id, ConsultationAccess access, ConsultationsDbContext db,
        ICurrentUser user, ChatService chat, CancellationToken ct)
    {
        var (consultation, role) = await access.FindAsync(id, ct, track: false);
        if (consultation is null || role is not (ConsultationRole.Patient or ConsultationRole.Doctor))
        {
            return Problems.From(ChatErrors.NotFound);
        }

        var conversationId = await db.Conversations.AsNoTracking().Where(c => c.ConsultationId == id).Select(c => c.Id).FirstOrDefaultAsync(ct);
        var conversation = await chat.FindAsync(conversationId, CallerOf(user), ct);
        return conversation is null ? Problems.From(ChatErrors.NotFound) : TypedResults.Ok(await chat.ViewAsync(conversation, ct));
    }
}
