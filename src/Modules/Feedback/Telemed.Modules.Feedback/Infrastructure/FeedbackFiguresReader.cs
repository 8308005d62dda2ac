using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Feedback.Contracts;

namespace Telemed.Modules.Feedback.Infrastructure;

/// <summary>Reads the NPS answers (only the numbers: no text, no patient) and scores them with <see cref="NetPromoterScore"/>.</summary>
internal sealed class FeedbackFiguresReader(FeedbackDbContext db) : IFeedbackFigures
{
    public async Task<NpsFigures> NpsOfDoctorAsync(Guid doctorUserId, DateTime? sinceUtc = null, CancellationToken cancellationToken = default) =>
        NetPromoterScore.Of(await Answers(db.Reviews.Where(r => r.DoctorUserId == doctorUserId), sinceUtc).ToListAsync(cancellationToken));

    public async Task<NpsFigures> NpsOfClinicAsync(Guid clinicId, DateTime? sinceUtc = null, CancellationToken cancellationToken = default) =>
        NetPromoterScore.Of(await Answers(db.Reviews.Where(r => r.ClinicId == clinicId), sinceUtc).ToListAsync(cancellationToken));

    private static IQueryable<int> Answers(IQueryable<Reviews.Review> reviews, DateTime? sinceUtc)
    {
        var query = reviews.AsNoTracking().Where(r => r.Nps != null);
        if (sinceUtc is { } since)
        {
            query = query.Where(r => r.CreatedAt >= since);
        }

        return query.Select(r => r.Nps!.Value);
    }
}
