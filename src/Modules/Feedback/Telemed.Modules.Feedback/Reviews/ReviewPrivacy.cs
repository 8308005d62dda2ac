using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Feedback.Contracts;
using Telemed.Modules.Feedback.Infrastructure;

namespace Telemed.Modules.Feedback.Reviews;

/// <summary>The patient's reviews for the data export and the erasure (see <see cref="IReviewPrivacy"/>).</summary>
internal sealed class ReviewPrivacy(FeedbackDbContext db) : IReviewPrivacy
{
    public async Task<IReadOnlyList<PatientReview>> ReviewsOfAsync(Guid patientId, CancellationToken cancellationToken = default) =>
        (await db.Reviews.AsNoTracking().Where(r => r.PatientId == patientId).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken))
            .Select(r => new PatientReview(r.ConsultationId, r.DoctorId, r.Stars, r.Text, r.Nps, r.CreatedAt, r.Hidden))
            .ToList();

    public async Task<int> EraseReviewsOfAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        // Loaded and removed through the change tracker (not ExecuteDelete), so each deletion is audited as a PHI write.
        var reviews = await db.Reviews.Where(r => r.PatientId == patientId).ToListAsync(cancellationToken);
        db.Reviews.RemoveRange(reviews);
        await db.SaveChangesAsync(cancellationToken);
        return reviews.Count;
    }
}
