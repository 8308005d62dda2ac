using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Feedback.Infrastructure;

namespace Telemed.Modules.Feedback.Reviews;

/// <summary>The patient reviews a completed visit, once.</summary>
internal static class LeaveReview
{
    /// <summary>
    /// POST /consultations/{consultationId}/review: 201 with the review. 404 <c>feedback.consultation_not_found</c> unless the caller
    /// is the visit's patient or their guardian (staff included, so nobody learns the visit exists); 409 <c>feedback.visit_not_completed</c>,
    /// <c>feedback.review_window_closed</c> (more than <c>Feedback:ReviewWindowDays</c> after the visit), <c>feedback.review_exists</c>
    /// (the database's unique index decides a race); 400 <c>validation.failed</c> for stars outside 1–5, NPS outside 0–10, text over 2,000.
    /// Refusals are audited as denied.
    /// </summary>
    public static async Task<Results<Created<MyReviewView>, ProblemHttpResult>> HandleAsync(Guid consultationId, LeaveReviewBody body, ICurrentUser user,
        IConsultationsModule consultations, IDirectoryModule directory, IPatientRepresentation representation, FeedbackDbContext db, AuditScope audit,
        TimeProvider clock, FeedbackOptions options, CancellationToken ct)
    {
        var visit = await consultations.GetConsultationAsync(consultationId, ct);
        var mine = await ReviewAccess.IsPatientOrGuardianAsync(user, visit, representation, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var error = ReviewNeedsACompletedVisitOfThePatient.Check(visit, mine)
            ?? (ReviewCanBeLeftWithinNDaysOfTheVisit.Allows(visit!.EndedAt, visit.StartedAt, now, options.ReviewWindowDays) ? null : FeedbackErrors.WindowClosed);
        if (error is not null)
        {
            audit.Record(FeedbackAuditActions.ReviewRefused, AuditOutcome.Denied, "Consultation", consultationId.ToString(), error.Code,
                subjectPatientId: mine ? visit?.PatientId : null);
            return Problems.From(error);
        }

        if (await db.Reviews.AnyAsync(r => r.ConsultationId == consultationId, ct))
        {
            return Problems.From(FeedbackErrors.ReviewExists);
        }

        if (await directory.GetDoctorByUserAsync(visit!.DoctorUserId!.Value, ct) is not { } doctor)
        {
            return Problems.From(FeedbackErrors.DoctorUnknown);
        }

        var review = Review.Leave(consultationId, visit.PatientId, visit.PatientUserId, user.RequireUserId(), visit.DoctorUserId.Value, doctor.DoctorId, visit.ClinicId,
            body.Stars, body.Text, body.Nps, now);
        db.Reviews.Add(review);
        // With the save: a review the unique index refuses (409) leaves no entry naming a review that does not exist.
        db.AuditWithNextSave(FeedbackAuditActions.ReviewLeft, Review.RecordType, review.Id.ToString(), subjectPatientId: visit.PatientId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another request reviewed the same visit between our check and our write: the index keeps one.
            return Problems.From(FeedbackErrors.ReviewExists);
        }

        return TypedResults.Created($"/api/v1/consultations/{consultationId}/review", MyReviewView.Of(review));
    }

    /// <summary>
    /// GET /consultations/{consultationId}/review: 200 with the caller's review of the visit, 204 when it has none yet;
    /// 404 <c>feedback.consultation_not_found</c> unless the caller is the visit's patient or their guardian.
    /// </summary>
    public static async Task<Results<Ok<MyReviewView>, NoContent, ProblemHttpResult>> GetMineAsync(Guid consultationId, ICurrentUser user,
        IConsultationsModule consultations, IPatientRepresentation representation, FeedbackDbContext db, AuditScope audit, CancellationToken ct)
    {
        var visit = await consultations.GetConsultationAsync(consultationId, ct);
        if (!await ReviewAccess.IsPatientOrGuardianAsync(user, visit, representation, ct))
        {
            audit.Record(FeedbackAuditActions.ReviewRefused, AuditOutcome.Denied, "Consultation", consultationId.ToString(), "read");
            return Problems.From(FeedbackErrors.ConsultationNotFound);
        }

        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.ConsultationId == consultationId, ct);
        return review is null ? TypedResults.NoContent() : TypedResults.Ok(MyReviewView.Of(review));
    }
}
