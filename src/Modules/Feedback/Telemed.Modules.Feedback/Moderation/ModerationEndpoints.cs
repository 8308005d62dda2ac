using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Feedback.Infrastructure;
using Telemed.Modules.Feedback.Reviews;

namespace Telemed.Modules.Feedback.Moderation;

/// <summary>Admins moderate reviews: list, hide with a reason, show again. Hiding and showing are audited with the reason.</summary>
internal static class ModerationEndpoints
{
    /// <summary>
    /// GET /admin/reviews?hidden=&amp;doctorId=&amp;page=&amp;pageSize=: reviews newest first, optionally only hidden (true) or visible (false) ones, or
    /// one doctor's (directory id). Each review loaded is a PHI read in the audit trail.
    /// </summary>
    public static async Task<Ok<PagedResult<AdminReviewView>>> ListAsync(bool? hidden, Guid? doctorId, int? page, int? pageSize, FeedbackDbContext db,
        IDirectoryModule directory, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        var query = db.Reviews.AsNoTracking();
        if (hidden is { } h)
        {
            query = query.Where(r => r.Hidden == h);
        }

        if (doctorId is { } d)
        {
            query = query.Where(r => r.DoctorId == d);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var names = await directory.GetDoctorNamesByUserAsync([.. rows.Select(r => r.DoctorUserId).Distinct()], ct);
        return TypedResults.Ok(new PagedResult<AdminReviewView>([.. rows.Select(r => View(r, names))], total, paging.Page, paging.PageSize));
    }

    /// <summary>
    /// POST /admin/reviews/{id}/hide {reason}: 200 with the hidden review; it leaves the public list, average and count at once.
    /// 404 <c>feedback.review_not_found</c>; 409 <c>feedback.review_already_hidden</c>, <c>feedback.review_changed</c> (another admin at the same time).
    /// </summary>
    public static async Task<Results<Ok<AdminReviewView>, ProblemHttpResult>> HideAsync(Guid id, HideReviewBody body, ICurrentUser user, FeedbackDbContext db,
        IDirectoryModule directory, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Reviews.SingleOrDefaultAsync(r => r.Id == id, ct) is not { } review)
        {
            return Problems.From(FeedbackErrors.ReviewNotFound);
        }

        if (review.Hide(body.Reason, user.RequireUserId(), clock.GetUtcNow().UtcDateTime).Error is { } error)
        {
            return Problems.From(error);
        }

        // With the save: a hide that loses to another admin (409 review_changed) leaves no hidden entry.
        db.AuditWithNextSave(FeedbackAuditActions.ReviewHidden, Review.RecordType, review.Id.ToString(), review.HiddenReason, review.PatientId);
        return await SaveAsync(review, db, directory, ct);
    }

    /// <summary>POST /admin/reviews/{id}/show: 200 with the review, public again. 404 <c>feedback.review_not_found</c>; 409 <c>feedback.review_not_hidden</c>, <c>feedback.review_changed</c>.</summary>
    public static async Task<Results<Ok<AdminReviewView>, ProblemHttpResult>> ShowAsync(Guid id, FeedbackDbContext db, IDirectoryModule directory,
        CancellationToken ct)
    {
        if (await db.Reviews.SingleOrDefaultAsync(r => r.Id == id, ct) is not { } review)
        {
            return Problems.From(FeedbackErrors.ReviewNotFound);
        }

        var reason = review.HiddenReason;
        if (review.Show().Error is { } error)
        {
            return Problems.From(error);
        }

        db.AuditWithNextSave(FeedbackAuditActions.ReviewShown, Review.RecordType, review.Id.ToString(), $"was hidden: {reason}", review.PatientId);
        return await SaveAsync(review, db, directory, ct);
    }

    private static async Task<Results<Ok<AdminReviewView>, ProblemHttpResult>> SaveAsync(Review review, FeedbackDbContext db, IDirectoryModule directory, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.From(FeedbackErrors.Concurrent);
        }

        var names = await directory.GetDoctorNamesByUserAsync([review.DoctorUserId], ct);
        return TypedResults.Ok(View(review, names));
    }

    private static AdminReviewView View(Review r, IReadOnlyDictionary<Guid, string> names) =>
        new(r.Id, r.ConsultationId, r.DoctorId, r.DoctorUserId, names.GetValueOrDefault(r.DoctorUserId, ""), r.Stars, r.Text, r.Nps, r.CreatedAt, r.Hidden,
            r.HiddenReason, r.HiddenByUserId, r.HiddenAt, r.Version);
}
