using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Access;
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
/// </summary>
internal sealed class StartConversationHandler(ConsultationsDbContext db, IDirectoryModule directory, IPatientRepresentation representation, SendMessageHandler send,
    TimeProvider clock)
{
    public async Task<Result<Conversation>> HandleAsync(Caller caller, StartConversationRequest request, CancellationToken ct)
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
        var sent = await send.HandleAsync(ConversationKeys.Of(conversation), caller, new SendMessageRequest(request.Body ?? "", request.AttachmentIds ?? [], null), senderName: null, ct,
            withUnitOfWork: true);
        return sent.IsSuccess ? conversation : sent.Error!;
    }

    public static async Task<Results<Created<ConversationView>, ProblemHttpResult>> EndpointAsync(StartConversationRequest request, ICurrentUser user,
        StartConversationHandler handler, ChatViews views, CancellationToken ct)
    {
        var started = await handler.HandleAsync(Caller.Of(user), request, ct);
        return started.IsSuccess
            ? TypedResults.Created($"/api/v1/consultations/conversations/{started.Value.Id}", await views.ConversationAsync(started.Value, Caller.Of(user), ct))
            : Problems.From(started.Error!);
    }
}
