using Telemed.BuildingBlocks.Results;

namespace Telemed.Host.Analytics;

/// <summary>
/// How a dashboard period is bucketed: by day up to <see cref="DailyUpToDays"/> days, by ISO week (Monday first) up to
/// <see cref="WeeklyUpToDays"/>, by month beyond; periods longer than <see cref="MaximumDays"/> days are refused.
/// </summary>
public sealed record ReportingInterval(string Name)
{
    public const int DailyUpToDays = 62;
    public const int WeeklyUpToDays = 366;
    public const int MaximumDays = 731;

    public static readonly Error InvalidPeriod = Error.Validation("analytics.invalid_period",
        $"Choose a period that ends on or after its start and is at most {MaximumDays} days long, with dates as YYYY-MM-DD.");

    public static readonly ReportingInterval Day = new("day");
    public static readonly ReportingInterval Week = new("week");
    public static readonly ReportingInterval Month = new("month");

    /// <summary>The interval for <paramref name="from"/>..<paramref name="to"/> (inclusive), or <see cref="InvalidPeriod"/>.</summary>
    public static Result<ReportingInterval> For(DateOnly from, DateOnly to)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        if (days < 1 || days > MaximumDays)
        {
            return InvalidPeriod;
        }

        return days <= DailyUpToDays ? Day : days <= WeeklyUpToDays ? Week : Month;
    }

    /// <summary>The first date of the bucket holding <paramref name="date"/>, never before <paramref name="from"/>.</summary>
    public DateOnly BucketOf(DateOnly date, DateOnly from)
    {
        var start = Name switch
        {
            "week" => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
            "month" => new DateOnly(date.Year, date.Month, 1),
            _ => date,
        };
        return start < from ? from : start;
    }

    /// <summary>Every bucket's first date from <paramref name="from"/> to <paramref name="to"/>, in order, without gaps.</summary>
    public IReadOnlyList<DateOnly> Buckets(DateOnly from, DateOnly to)
    {
        var buckets = new List<DateOnly>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            var bucket = BucketOf(date, from);
            if (buckets.Count == 0 || buckets[^1] != bucket)
            {
                buckets.Add(bucket);
            }
        }

        return buckets;
    }
}
