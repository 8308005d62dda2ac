using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Feedback.Infrastructure;

namespace Telemed.Modules.Feedback.Reviews;

/// <summary>The reviews on a doctor's public profile.</summary>
internal static class DoctorReviews
{
    /// <summary>
    /// GET /doctors/{doctorId}/reviews?page=&amp;pageSize= (public, within the public read limit): the doctor's visible reviews, newest
    /// first (20 a page unless asked, at most 100), with the average stars (one decimal) and count of all visible ones. No patient
    /// identity leaves: the web app shows "Verified patient". 404 <c>feedback.doctor_not_found</c> for an unknown or inactive doctor.
    /// </summary>
    public static async Task<Results<Ok<DoctorReviewsView>, ProblemHttpResult>> ListAsync(Guid doctorId, int? page, int? pageSize, IDirectoryModule directory,
        FeedbackDbContext db, CancellationToken ct)
    {
        if ((await directory.FindDoctorsAsync(new DoctorFilter(DoctorId: doctorId), ct)).Count == 0)
        {
            return Problems.From(FeedbackErrors.DoctorNotFound);
        }

        var paging = PageRequest.From(page, pageSize);
        var visible = db.Reviews.AsNoTracking().Where(r => r.DoctorId == doctorId && !r.Hidden);
        var totals = await visible.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Sum = g.Sum(r => (long)r.Stars) }).SingleOrDefaultAsync(ct);
        // A projection, not the entity: the public sees no patient, so this is not a read of the patient's record (no PHI entries per visitor).
        var rows = await visible.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(r => new { r.Id, r.Stars, r.Text, r.CreatedAt }).ToListAsync(ct);
        var count = totals?.Count ?? 0;
        return TypedResults.Ok(new DoctorReviewsView(doctorId, AverageStars.Of(count, totals?.Sum ?? 0), count,
            [.. rows.Select(r => new PublicReviewView(r.Id, r.Stars, r.Text, DateOnly.FromDateTime(r.CreatedAt)))], paging.Page, paging.PageSize));
    }
}
