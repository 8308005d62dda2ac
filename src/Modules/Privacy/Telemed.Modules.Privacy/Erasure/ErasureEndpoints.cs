using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Privacy.Infrastructure;
using Telemed.Modules.Privacy.Subjects;

namespace Telemed.Modules.Privacy.Erasure;

/// <summary>Erasure requests: the patient asks and follows; admins list, carry out (resumable) or decline. See docs/privacy.md.</summary>
internal static class ErasureEndpoints
{
    /// <summary>
    /// POST /me/erasure-requests: 201 with the new request. 409 <c>privacy.erasure_already_requested</c> while one is open;
    /// 404 <c>privacy.patient_not_found</c> when the caller has no patient record.
    /// </summary>
    public static async Task<Results<Created<ErasureRequestView>, ProblemHttpResult>> RequestAsync(RequestErasureBody body, ICurrentUser user, IDirectoryModule directory,
        PrivacyDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var me = user.RequireUserId();
        if (await directory.FindPatientIdAsync(me, ct) is not { } patientId)
        {
            return Problems.From(PrivacyErrors.PatientNotFound);
        }

        if (await db.ErasureRequests.AnyAsync(r => r.PatientId == patientId && (r.Status == ErasureStatuses.Requested || r.Status == ErasureStatuses.InProgress), ct))
        {
            return Problems.From(ErasureErrors.AlreadyOpen);
        }

        var request = ErasureRequest.Open(patientId, me, me, body.Reason, clock.GetUtcNow().UtcDateTime);
        db.ErasureRequests.Add(request);
        db.AuditWithNextSave(PrivacyAuditActions.ErasureRequested, ErasureRequest.RecordType, request.Id.ToString(), subjectPatientId: patientId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same request sent twice at once: the other one is the open request now (the unique index on open requests).
            return Problems.From(ErasureErrors.AlreadyOpen);
        }

        return TypedResults.Created($"/api/v1/me/erasure-requests/{request.Id}", ErasureRequestView.Of(request));
    }

    /// <summary>GET /me/erasure-requests: the signed-in patient's requests, newest first (empty without a patient record).</summary>
    public static async Task<Ok<IReadOnlyList<ErasureRequestView>>> MineAsync(ICurrentUser user, IDirectoryModule directory, PrivacyDbContext db, CancellationToken ct)
    {
        if (await directory.FindPatientIdAsync(user.RequireUserId(), ct) is not { } patientId)
        {
            return TypedResults.Ok<IReadOnlyList<ErasureRequestView>>([]);
        }

        var mine = await db.ErasureRequests.AsNoTracking().Where(r => r.PatientId == patientId).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ErasureRequestView>>([.. mine.OrderByDescending(r => r.RequestedAt).Select(ErasureRequestView.Of)]);
    }

    /// <summary>
    /// GET /admin/erasure-requests?status=: every request (or those of one status: requested, inProgress, completed, declined, any
    /// case), oldest open first. 400 <c>privacy.invalid_erasure_status</c> for any other status (<see cref="FilterValues"/>).
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<ErasureRequestView>>, ProblemHttpResult>> ListAsync(string? status, PrivacyDbContext db,
        CancellationToken ct)
    {
        if (!FilterValues.TryParse(status, ErasureStatuses.All, out var wanted))
        {
            return Problems.From(ErasureErrors.InvalidStatus);
        }

        var query = db.ErasureRequests.AsNoTracking();
        if (wanted is not null)
        {
            query = query.Where(r => r.Status == wanted);
        }

        var all = await query.ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ErasureRequestView>>([.. all.OrderBy(r => ErasureStatuses.IsOpen(r.Status) ? 0 : 1).ThenBy(r => r.RequestedAt).Select(ErasureRequestView.Of)]);
    }

    /// <summary>
    /// POST /admin/erasure-requests/{id}/carry-out: applies the retention policy and runs the unfinished steps. 200 with the completed
    /// request; 409 <c>privacy.erasure_step_failed</c> when a step failed (the request stays <c>inProgress</c> naming it; call again to
    /// resume); 409 <c>privacy.erasure_closed</c> when declined or completed; 404 <c>privacy.erasure_not_found</c>.
    /// </summary>
    public static async Task<Results<Ok<ErasureRequestView>, ProblemHttpResult>> CarryOutAsync(Guid id, ICurrentUser user, PrivacyDbContext db, IClinicalModule clinical,
        ErasureSteps steps, AuditScope audit, TimeProvider clock, ILogger<ErasureSteps> logger, CancellationToken ct)
    {
        if (await db.ErasureRequests.SingleOrDefaultAsync(r => r.Id == id, ct) is not { } request)
        {
            return Problems.From(ErasureErrors.NotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var kept = RetentionPolicy.WhatIsKept(await clinical.JurisdictionsInUseAsync(ct), DateOnly.FromDateTime(now));
        if (request.Start(kept, user.RequireUserId(), now).Error is { } error)
        {
            return Problems.From(error);
        }

        await db.SaveChangesAsync(ct);
        foreach (var step in ErasureSteps.InOrder.Where(s => !request.FinishedSteps.Contains(s)))
        {
            try
            {
                await steps.RunAsync(step, request, ct);
            }
#pragma warning disable CA1031 // Any failure of another module leaves the request resumable; the admin sees the failed step.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                logger.LogError("Erasure request {RequestId}: step {Step} failed with {ExceptionType}", request.Id, step, ex.GetType().Name);
                request.StepFailed(step);
                audit.Record(PrivacyAuditActions.ErasureDecided, AuditOutcome.Failure, ErasureRequest.RecordType, request.Id.ToString(), step, subjectPatientId: request.PatientId);
                await db.SaveChangesAsync(CancellationToken.None);
                return Problems.From(ErasureErrors.StepFailed);
            }

            // The step's effects are done (records erased, the patient told): they are recorded whatever becomes of the admin's
            // request, or a resumed erasure would do them again, the patient's e-mail included (ADR 0015).
            request.StepFinished(step);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        request.Complete(clock.GetUtcNow().UtcDateTime);
        audit.Record(PrivacyAuditActions.ErasureDecided, AuditOutcome.Success, ErasureRequest.RecordType, request.Id.ToString(), "carried out", subjectPatientId: request.PatientId);
        await db.SaveChangesAsync(CancellationToken.None);
        return TypedResults.Ok(ErasureRequestView.Of(request));
    }

    /// <summary>POST /admin/erasure-requests/{id}/decline: 200 with the declined request; 409 <c>privacy.erasure_closed</c> unless still requested.</summary>
    public static async Task<Results<Ok<ErasureRequestView>, ProblemHttpResult>> DeclineAsync(Guid id, DeclineErasureBody body, ICurrentUser user, PrivacyDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        if (await db.ErasureRequests.SingleOrDefaultAsync(r => r.Id == id, ct) is not { } request)
        {
            return Problems.From(ErasureErrors.NotFound);
        }

        if (request.Decline(body.Reason, user.RequireUserId(), clock.GetUtcNow().UtcDateTime).Error is { } error)
        {
            return Problems.From(error);
        }

        db.AuditWithNextSave(PrivacyAuditActions.ErasureDecided, ErasureRequest.RecordType, request.Id.ToString(), "declined", request.PatientId);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ErasureRequestView.Of(request));
    }
}
