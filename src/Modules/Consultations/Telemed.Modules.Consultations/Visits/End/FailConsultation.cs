using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.WaitingRoom;

namespace Telemed.Modules.Consultations.Visits.End;

/// <summary>Why a consultation did not take place; details (≤ 1000 characters) are encrypted at rest.</summary>
public sealed record FailRequest(FailureReason Reason, string? Details);

internal sealed class FailRequestValidator : AbstractValidator<FailRequest>
{
    public FailRequestValidator()
    {
        RuleFor(r => r.Reason).IsDefinedEnum().NotEqual(FailureReason.EmergencyAdvised).WithMessage("Choose why the consultation did not take place.");
        RuleFor(r => r.Details).MaximumLength(1000);
    }
}

/// <summary>
/// POST /consultations/{id}/fail: the doctor records why a consultation did not take place, or the patient leaves the queue.
/// Errors: <c>consultation.not_found</c> (unknown or not theirs), <c>consultation.patient_may_only_leave</c>, <c>consultation.invalid_transition</c>.
/// </summary>
internal sealed class FailConsultation(ConsultationsDbContext db, WaitingRoomFeed feed, ConsultationEndings endings, AuditScope audit, TimeProvider clock)
{
    public async Task<Result<Consultation>> HandleAsync(Consultation consultation, ConsultationRole role, FailRequest request, CancellationToken ct)
    {
        if (role == ConsultationRole.Patient && request.Reason != FailureReason.PatientLeft)
        {
            return ConsultationErrors.PatientMayOnlyLeave;
        }

        var wasWaiting = consultation.Status == ConsultationStatus.Waiting;
        var failed = consultation.Fail(request.Reason, request.Details, clock.GetUtcNow().UtcDateTime);
        if (!failed.IsSuccess)
        {
            return failed.Error!;
        }

        await db.SaveChangesAsync(ct);
        audit.Record("consultation.failed", AuditOutcome.Success, ConsultationAccess.RecordType, consultation.Id.ToString(), ConsultationViews.Camel(request.Reason.ToString()));
        if (wasWaiting)
        {
            await feed.QueueChangedAsync(consultation, "removed");
        }

        await endings.AfterItEndedAsync(consultation);
        return consultation;
    }

    public static async Task<Results<Ok<ConsultationView>, ProblemHttpResult>> EndpointAsync(Guid id, FailRequest request, ConsultationAccess access,
        FailConsultation handler, ConsultationViews views, CancellationToken ct)
    {
        var (consultation, role) = await access.FindAsAsync(id, [ConsultationRole.Patient, ConsultationRole.Doctor], ct);
        if (consultation is null)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        var failed = await handler.HandleAsync(consultation, role, request, ct);
        return failed.IsSuccess ? TypedResults.Ok(await views.OneAsync(failed.Value, role, ct)) : Problems.From(failed.Error!);
    }
}
