using Telemed.BuildingBlocks.Time;

namespace Telemed.Modules.Feedback.Contracts;

/// <summary>
/// Net Promoter Score figures of the patients' answers to "How likely are you to recommend this doctor to a friend or colleague?"
/// (0–10) for the analytics. Hidden reviews still count: moderation hides the text, not the patient's answer.
/// Reviews whose patient skipped the question are not answers and do not count.
/// </summary>
public interface IFeedbackFigures
{
    /// <summary>NPS of one doctor (their user id), over answers given at or after <paramref name="sinceUtc"/> (UTC; null: all time).</summary>
    Task<NpsFigures> NpsOfDoctorAsync(Guid doctorUserId, DateTime? sinceUtc = null, CancellationToken cancellationToken = default);

    /// <summary>NPS of one clinic (visits whose clinic is known), over answers given at or after <paramref name="sinceUtc"/> (UTC; null: all time).</summary>
    Task<NpsFigures> NpsOfClinicAsync(Guid clinicId, DateTime? sinceUtc = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// NPS of the answers given in the period, at the clinic (or everywhere when null): overall and per doctor (directory doctor id;
    /// doctors without answers are left out).
    /// </summary>
    Task<NpsBreakdown> NpsInPeriodAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default);
}

/// <summary>The NPS of a period overall and per doctor (keyed by directory doctor id).</summary>
public sealed record NpsBreakdown(NpsFigures Overall, IReadOnlyDictionary<Guid, NpsFigures> ByDoctor);

/// <summary>
/// How many answered (<paramref name="Answers"/>) and how they split; <paramref name="Score"/> is the NPS, a whole number from −100 to 100,
/// or null when nobody answered (a score of nothing would read as a neutral 0).
/// </summary>
public sealed record NpsFigures(int Answers, int Promoters, int Passives, int Detractors, int? Score);

/// <summary>
/// The Net Promoter Score as Reichheld defined it ("The One Number You Need to Grow", Harvard Business Review, December 2003) and as
/// Bain &amp; Company publishes it: on the 0–10 "how likely are you to recommend" scale, promoters answer 9–10, passives 7–8 and
/// detractors 0–6; NPS = % promoters − % detractors, from −100 to 100. We round half away from zero to a whole number
/// (e.g. 2 promoters, 1 detractor of 8 answers = 25 − 12.5 = 12.5 → 13).
/// </summary>
public static class NetPromoterScore
{
    /// <summary>The lowest answer that makes a promoter.</summary>
    public const int PromoterFrom = 9;

    /// <summary>The highest answer that makes a detractor.</summary>
    public const int DetractorUpTo = 6;

    /// <summary>Counts the answers (each 0–10; anything else throws, since the database only holds valid ones) and computes the score.</summary>
    public static NpsFigures Of(IEnumerable<int> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        int promoters = 0, passives = 0, detractors = 0;
        foreach (var answer in answers)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(answer);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(answer, 10);
            if (answer >= PromoterFrom)
            {
                promoters++;
            }
            else if (answer <= DetractorUpTo)
            {
                detractors++;
            }
            else
            {
                passives++;
            }
        }

        var total = promoters + passives + detractors;
        int? score = total == 0 ? null : (int)Math.Round(100m * (promoters - detractors) / total, MidpointRounding.AwayFromZero);
        return new NpsFigures(total, promoters, passives, detractors, score);
    }
}
