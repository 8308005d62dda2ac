namespace Telemed.Host.AdminHome;

/// <summary>A calendar day in a time zone, as the UTC instants it spans (23, 24 or 25 hours across a DST change).</summary>
public sealed record LocalDay(DateOnly Date, DateTime StartUtc, DateTime EndUtc)
{
    /// <summary>The day that contains <paramref name="nowUtc"/> in <paramref name="zone"/>.</summary>
    public static LocalDay Containing(DateTime nowUtc, TimeZoneInfo zone)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone));
        return new LocalDay(date, StartOf(date, zone), StartOf(date.AddDays(1), zone));
    }

    /// <summary>The first instant of a local date: midnight, or the first valid time after it where a DST jump skips midnight.</summary>
    private static DateTime StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
