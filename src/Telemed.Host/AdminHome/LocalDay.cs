using Telemed.BuildingBlocks.Time;

namespace Telemed.Host.AdminHome;

/// <summary>A calendar day in a time zone, as the UTC instants it spans (23, 24 or 25 hours across a DST change).</summary>
public sealed record LocalDay(DateOnly Date, DateTime StartUtc, DateTime EndUtc)
{
    /// <summary>The day that contains <paramref name="nowUtc"/> in <paramref name="zone"/>.</summary>
    public static LocalDay Containing(DateTime nowUtc, TimeZoneInfo zone)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone));
        return new LocalDay(date, AnalyticsPeriod.StartOf(date, zone), AnalyticsPeriod.StartOf(date.AddDays(1), zone));
    }
}
