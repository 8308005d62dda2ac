using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Time;
using Telemed.Modules.Feedback.Contracts;

namespace Telemed.Modules.Feedback.Infrastructure;

/// <summary>Reads the NPS answers (only the numbers: no text, no patient) and scores them with <see cref="NetPromoterScore"/>.</summary>
internal sealed class FeedbackFiguresReader(FeedbackDbContext db) : IFeedbackFigures
{
    public async Task<NpsFigures> NpsOfDoctorAsync(Guid doctorUserId, DateTime? sinceUtc = null, CancellationToken cancellationToken = default) =>
        NetPromoterScore.Of(await Answers(db.Reviews.Where(r => r.DoctorUserId == doctorUserId), sinceUtc).ToListAsync(cancellationToken));

    public async Task<NpsFigures> NpsOfClinicAsync(Guid clinicId, DateTime? sinceUtc = null, CancellationToken cancellationToken = default) =>
        NetPromoterScore.Of(await Answers(db.Reviews.Where(r => r.ClinicId == clinicId), sinceUtc).ToListAsync(cancellationToken));

    public async Task<NpsBreakdown> NpsInPeriodAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default)
    {
        var reviews = db.Reviews.AsNoTracking().Where(r => r.Nps != null && r.CreatedAt >= period.StartUtc && r.CreatedAt < period.EndUtc);
        if (clinicId is { } clinic)
        {
            reviews = reviews.Where(r => r.ClinicId == clinic);
        }

        // Counts per doctor and answer (at most 11 rows a doctor), expanded back into answers for the one scoring rule.
        var counts = await reviews.GroupBy(r => new { r.DoctorId, Answer = r.Nps!.Value })
            .Select(g => new { g.Key.DoctorId, g.Key.Answer, Count = g.Count() }).ToListAsync(cancellationToken);
        static IEnumerable<int> Expand(IEnumerable<(int Answer, int Count)> rows) => rows.SelectMany(r => Enumerable.Repeat(r.Answer, r.Count));
        return new NpsBreakdown(
            NetPromoterScore.Of(Expand(counts.Select(c => (c.Answer, c.Count)))),
            counts.GroupBy(c => c.DoctorId).ToDictionary(g => g.Key, g => NetPromoterScore.Of(Expand(g.Select(c => (c.Answer, c.Count))))));
    }

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
