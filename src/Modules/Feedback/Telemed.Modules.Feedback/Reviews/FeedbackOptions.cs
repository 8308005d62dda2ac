using Microsoft.Extensions.Configuration;

namespace Telemed.Modules.Feedback.Reviews;

/// <summary>The module's settings: <c>Feedback:ReviewWindowDays</c> (default 90, at least 1), how long after a visit it may be reviewed.</summary>
internal sealed record FeedbackOptions(int ReviewWindowDays)
{
    public static FeedbackOptions From(IConfiguration configuration) =>
        new(Math.Max(1, configuration.GetValue(ReviewCanBeLeftWithinNDaysOfTheVisit.Setting, ReviewCanBeLeftWithinNDaysOfTheVisit.DefaultDays)));
}
