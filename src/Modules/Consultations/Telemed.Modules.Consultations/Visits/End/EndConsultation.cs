using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Visits.End;

/// <summary>
/// POST /consultations/{id}/end: the consultation's doctor ends it. <see cref="Consultation.Complete"/> raises
/// <c>ConsultationCompleted</c>, saved to the outbox in the same transaction; scheduling completes the appointment from
/// there (no second write here). Errors: <c>consultation.not_found</c> (unknown or not this doctor's), <c>consultation.invalid_transition</c>.
/// </summary>
internal sealed class EndConsultation(ConsultationsDbContext db, ConsultationEndings endings, AuditScope audit, TimeProvider clock)
{
    public async Task<Result<Consultation>> HandleAsync(Consultation consultation, CancellationToken ct)
    {
        var completed = consultation.Complete(clock.GetUtcNow().UtcDateTime);
        if (!completed.IsSuccess)
        {
            return completed.Error!;
        }

        await db.SaveChangesAsync(ct);
        audit.Record("consultation.completed", AuditOutcome.Success, ConsultationAccess.RecordType, consultation.Id.ToString());
        await endings.AfterItEndedAsync(consultation);
        return consultation;
    }

    public static async Task<Results<Ok<ConsultationView>, ProblemHttpResult>> EndpointAsync(Guid id, ConsultationAccess access, EndConsultation handler,
        ConsultationViews views, CancellationToken ct)
    {
        var (consultation, _) = await access.FindAsAsync(id, [ConsultationRole.Doctor], ct);
        if (consultation is null)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        var ended = await handler.HandleAsync(consultation, ct);
        return ended.IsSuccess ? TypedResults.Ok(await views.OneAsync(ended.Value, forStaff: true, ct)) : Problems.From(ended.Error!);
    }
}
