using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Chat.SendMessage;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Chat.StartConversation;

/// <summary>
/// A patient's new thread with a doctor: a subject (≤ 200 characters) and a first message. <c>PatientId</c> is whom it is about: the
/// account's own record when null, or a dependant's (a guardian's child) when the account is its guardian.
/// </summary>
public sealed record StartConversationRequest(Guid DoctorId, string Subject, string? Body, IReadOnlyList<Guid>? AttachmentIds, Guid? PatientId = null);

internal sealed class StartConversationRequestValidator : AbstractValidator<StartConversationRequest>
{
    public StartConversationRequestValidator()
    {
        RuleFor(r => r.DoctorId).NotEmpty().WithMessage("Choose the doctor to write to.");
        RuleFor(r => r.Subject).NotEmpty().WithMessage("Give the conversation a subject.").MaximumLength(200);
        RuleFor(r => r.Body).Must(ChatMessage.BodyFits).WithMessage(ChatErrors.TooLong.Message);
        RuleFor(r => r.AttachmentIds).Must(a => a is null || a.Count <= 10).WithMessage("Attach at most 10 files.");
    }
}

/// <summary>
/// POST /consultations/conversations: a patient starts an asynchronous conversation with a doctor's care team.
/// The thread is about the account's own record or, with <c>PatientId</c>, a child it is the guardian of (<see cref="IPatientRepresentation.ActingForAsync"/>).
/// Errors: 404 <c>chat.patient_not_found</c> (anyone else's patient, or an account without a patient record), <c>chat.doctor_not_found</c>, and those of <see cref="SendMessageHandler"/> for the first message.
/// With an <c>Idempotency-Key</c> (kept per account with the doctor, subject, text, files and patient) the same request sent again (a
/// lost answer, a second click, or twice at once) is answered 201 with the conversation it started, instead of starting a second thread
/// with the same first message; the same key with another request is 422 <c>idempotency.key_reused</c>, a key over 100 characters or
/// two keys 400 <c>idempotency.key_invalid</c> (docs/api-v1.md, "Retrying a create").
/// </summary>
internal sealed class StartConversationHandler(ConsultationsDbContext db, IDirectoryModule directory, IPatientRepresentation representation, SendMessageHandler send,
    TimeProvider clock)
{
    public const string Operation = "consultations.start_conversation";

    /// <summary>
    /// Starts the conversation; <paramref name="requestKey"/> (the request's <c>Idempotency-Key</c>, or null) is saved in its transaction.
    /// The conversation's <c>Result</c>, or for a request whose key another send of it committed first (both at once), that send's
    /// conversation id as <see cref="CreateRequestKeys.EarlierAsync"/> gives it.
    /// </summary>
    public async Task<Result<Conversation>> HandleAsync(Caller caller, StartConversationRequest request, CancellationToken ct, CreateRequestKey? requestKey = null)
    {
        if (await representation.ActingForAsync(caller.UserId, request.PatientId, ct) is not { } patientId)
        {
            return ChatErrors.PatientNotFound;
        }

        var doctor = (await directory.FindDoctorsAsync(new DoctorFilter(DoctorId: request.DoctorId), ct)).FirstOrDefault();
        if (doctor is null)
        {
            return ChatErrors.DoctorNotFound;
        }

        var conversation = Conversation.WithCareTeam(patientId, caller.UserId, doctor.DoctorId, doctor.UserId, request.Subject.Trim(), clock.GetUtcNow().UtcDateTime);
        db.Conversations.Add(conversation);
        if (requestKey is not null)
        {
            requestKey.ResourceId = conversation.Id;
            db.Set<CreateRequestKey>().Add(requestKey);
        }

        var sent = await send.HandleAsync(ConversationKeys.Of(conversation), caller, new SendMessageRequest(request.Body ?? "", request.AttachmentIds ?? [], null), senderName: null, ct,
            withUnitOfWork: true);
        return sent.IsSuccess ? conversation : sent.Error!;
    }

    /// <summary>What the key is hashed with: the request as it is acted on (its files as a set).</summary>
    public static object ContentOf(StartConversationRequest r) =>
        new { r.DoctorId, Subject = r.Subject.Trim(), Body = r.Body ?? "", AttachmentIds = (r.AttachmentIds ?? []).Distinct().Order().ToList(), r.PatientId };

    public static async Task<Results<Created<ConversationView>, ProblemHttpResult>> EndpointAsync(HttpRequest http, StartConversationRequest request, ICurrentUser user,
        StartConversationHandler handler, ChatViews views, ConsultationsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.Of(user);
        var claim = await db.ClaimAsync(http, caller.UserId, Operation, ContentOf(request), clock.GetUtcNow().UtcDateTime, ct);
        if (claim.Answer is { } answered)
        {
            return await AnswerOfAsync(answered, caller, db, views, ct);
        }

        Result<Conversation> started;
        try
        {
            started = await handler.HandleAsync(caller, request, ct, claim.Key);
        }
        catch (DbUpdateException) when (claim.Key is not null)
        {
            // The same request sent twice at once: the send that committed its key first started the conversation this one answers with.
            db.ChangeTracker.Clear();
            if (await db.EarlierAsync(claim.Key, ct) is not { } earlier)
            {
                throw;
            }

            return await AnswerOfAsync(earlier, caller, db, views, ct);
        }

        return started.IsSuccess
            ? TypedResults.Created($"/api/v1/consultations/conversations/{started.Value.Id}", await views.ConversationAsync(started.Value, caller, ct))
            : Problems.From(started.Error!);
    }

    /// <summary>
    /// The answer to an earlier send with the same key: 201 with the conversation it started, its key's error (422), or 404
    /// <c>chat.not_found</c> should the conversation be gone (the patient's erasure).
    /// </summary>
    private static Task<Results<Created<ConversationView>, ProblemHttpResult>> AnswerOfAsync(Result<Guid> earlier, Caller caller, ConsultationsDbContext db,
        ChatViews views, CancellationToken ct) =>
        earlier.AnswerAsync(async id => await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.PatientUserId == caller.UserId, ct) is { } found
            ? TypedResults.Created($"/api/v1/consultations/conversations/{found.Id}", await views.ConversationAsync(found, caller, ct))
            : null, ChatErrors.NotFound);
}
