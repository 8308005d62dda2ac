namespace Telemed.BuildingBlocks.Time;

/// <summary>
/// A reporting period of local dates <c>From</c>..<c>To</c> (inclusive) in the IANA zone <c>TimeZone</c>, and the UTC instants
/// it spans [<c>StartUtc</c>, <c>EndUtc</c>) — 23 or 25 hours on a DST change day. The modules' analytics facades take it so
/// that every figure of a dashboard counts the same instants and groups by the same local days.
/// </summary>
public sealed record AnalyticsPeriod(DateOnly From, DateOnly To, string TimeZone, DateTime StartUtc, DateTime EndUtc)
{
    /// <summary>The period of local dates <paramref name="from"/>..<paramref name="to"/> in <paramref name="zone"/> (which must have an IANA id).</summary>
    public static AnalyticsPeriod Of(DateOnly from, DateOnly to, TimeZoneInfo zone) =>
        new(from, to, zone.Id, StartOf(from, zone), StartOf(to.AddDays(1), zone));

    /// <summary>The local date of a UTC instant in the period's zone.</summary>
    public DateOnly LocalDateOf(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(TimeZone)));

    /// <summary>The first instant of a local date: midnight, or the first valid time after it where a DST jump skips midnight.</summary>
    public static DateTime StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
