using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Prescriptions.Refills.DecideRefill;

/// <summary>Why the refill is declined (3–500 characters; shown to the patient, stored encrypted).</summary>
public sealed record DeclineRefillRequest(string Reason);

internal sealed class DeclineRefillRequestValidator : AbstractValidator<DeclineRefillRequest>
{
    public DeclineRefillRequestValidator() =>
        RuleFor(r => r.Reason).NotEmpty().Must(r => r is not null && r.Trim().Length is >= 3 and <= 500).WithMessage("3 to 500 characters.");
}

/// <summary>
/// The assigned doctor decides a refill request. Anyone else, and an unknown id, gets 404 <c>clinical.not_found</c> (refusal
/// audited). A decided request answers 409 <c>clinical.refill_already_decided</c>, and so does the loser of two decisions sent at
/// once (two approvals, an approval and a decline): the request's version is its concurrency token, so only the first saves —
/// one draft per request, and no draft left to sign for a declined one.
/// </summary>
internal static class DecideRefill
{
    /// <summary>
    /// POST /clinical/refill-requests/{id}/approve: drafts a new prescription with the original's content on the original
    /// consultation (or returns the draft already started), with the duplicate-therapy warning the active original raises
    /// overridden as a refill (<see cref="OverrideReasonCodes.Refill"/>), for the doctor to sign through the usual sign endpoint, where every
    /// check runs again. The request becomes <c>approved</c> when that draft is signed (the <c>PrescriptionSigned</c> event,
    /// <see cref="ApproveRefillWhenSigned"/>). Error 409 <c>clinical.prescription_not_refillable</c> when the original was cancelled
    /// (<see cref="RefillRules.OriginalStillStands"/>).
    /// </summary>
    public static async Task<Results<Ok<RefillApprovalStarted>, ProblemHttpResult>> ApproveAsync(Guid id, ICurrentUser user, ClinicalDbContext db,
        AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        var found = await AssignedAsync(id, user, db, audit, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        var refill = found.Value;
        var original = await db.Prescriptions.AsNoTracking().FirstAsync(p => p.Id == refill.PrescriptionId, ct);
        if (refill.IsOpen && !RefillRules.OriginalStillStands(original))
        {
            // Cancelled after the patient asked (the cancel declines open requests; this guards requests left from before).
            return Problems.From(RefillErrors.NotRefillable);
        }

        if (refill.NewPrescriptionId is { } started && refill.IsOpen
            && await db.Prescriptions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == started && p.Status == Contracts.PrescriptionStatuses.Draft, ct) is { } draft)
        {
            return TypedResults.Ok(new RefillApprovalStarted(refill.Id, draft.ConsultationId, draft.Id, draft.Version));
        }

        var copy = Prescription.Draft(original.ConsultationId, original.PatientId, original.PatientUserId, original.PrescriberUserId, original.ClinicId,
            original.Content, clock.GetUtcNow().UtcDateTime);
        // The original is still active, so the copy always meets the duplicate-therapy warning; approving the refill is the
        // prescriber's reason to continue the same therapy, recorded as such. Every other check still runs at signing.
        copy.Override(Checks.DuplicateTherapy.Code, OverrideReasonCodes.RefillSentence, copy.Version, clock.GetUtcNow().UtcDateTime, OverrideReasonCodes.Refill);
        var linked = refill.StartApproval(copy.Id);
        if (!linked.IsSuccess)
        {
            return Problems.From(linked.Error!);
        }

        db.Prescriptions.Add(copy);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another approval or a decline saved first; the draft was not saved with this one.
            return Problems.From(RefillErrors.AlreadyDecided);
        }

        return TypedResults.Ok(new RefillApprovalStarted(refill.Id, copy.ConsultationId, copy.Id, copy.Version));
    }

    /// <summary>
    /// POST /clinical/refill-requests/{id}/decline {reason}: declines; a draft started for it is cancelled; the patient is notified.
    /// Errors: 404 <c>clinical.not_found</c>; 409 <c>clinical.refill_already_decided</c> (decided, or another decision or the
    /// draft's signature saved first).
    /// </summary>
    public static async Task<Results<Ok<RefillRequestView>, ProblemHttpResult>> DeclineAsync(Guid id, DeclineRefillRequest request, ICurrentUser user,
        ClinicalDbContext db, AuditScope audit, TimeProvider clock, CancellationToken ct)
    {
        var found = await AssignedAsync(id, user, db, audit, ct);
        if (!found.IsSuccess)
        {
            return Problems.From(found.Error!);
        }

        var refill = found.Value;
        if (refill.IsOpen && refill.NewPrescriptionId is { } approving
            && await db.Prescriptions.AsNoTracking().AnyAsync(p => p.Id == approving && p.Status == Contracts.PrescriptionStatuses.Active, ct))
        {
            // The approval's draft is signed and the request becomes approved as soon as that event is handled: declining now
            // would tell the patient "declined" about a prescription they hold.
            return Problems.From(RefillErrors.AlreadyDecided);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var declined = refill.Decline(request.Reason, now);
        if (!declined.IsSuccess)
        {
            return Problems.From(declined.Error!);
        }

        if (refill.NewPrescriptionId is { } started && await db.Prescriptions.FirstOrDefaultAsync(p => p.Id == started, ct) is { IsDraft: true } draft)
        {
            draft.Cancel("Refill declined", now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // An approval started, or the started draft was signed, after this read: declining now would leave a draft (or an
            // active prescription) behind a declined request.
            return Problems.From(RefillErrors.AlreadyDecided);
        }

        var original = await db.Prescriptions.AsNoTracking().FirstAsync(p => p.Id == refill.PrescriptionId, ct);
        return TypedResults.Ok(RefillViewMapper.Map(refill, original, ""));
    }

    private static async Task<Result<RefillRequest>> AssignedAsync(Guid id, ICurrentUser user, ClinicalDbContext db, AuditScope audit, CancellationToken ct)
    {
        var refill = await db.RefillRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (refill is null)
        {
            return RefillErrors.NotFound;
        }

        if (refill.AssignedDoctorUserId != user.RequireUserId() || !user.IsInRole(Roles.Doctor))
        {
            audit.RecordDenied("RefillRequest", id, "not the assigned doctor");
            return RefillErrors.NotFound;
        }

        return refill;
    }
}
