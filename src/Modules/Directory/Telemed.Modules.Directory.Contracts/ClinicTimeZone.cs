using NodaTime;

namespace Telemed.Modules.Directory.Contracts;

/// <summary>
/// A clinic's time zone as every module reads it. The directory stores the IANA id as the tz database spells it ("Europe/Moscow"),
/// whatever letter case an administrator typed: .NET's <see cref="TimeZoneInfo"/> finds ids in any case, NodaTime's tz database
/// (scheduling's slots, working hours, calendars) only in its own, so "europe/moscow" was accepted, stored, and read by scheduling
/// as UTC. A stored zone never quietly reads as UTC: an unknown one is refused when stored and throws when read.
/// </summary>
public static class ClinicTimeZone
{
    private static readonly Dictionary<string, string> TzdbIds = DateTimeZoneProviders.Tzdb.Ids
        .GroupBy(id => id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The IANA id as the tz database spells it for <paramref name="id"/> in any letter case (surrounding spaces ignored), or null when
    /// the tz database or the system's time zones do not know it (or know it only by a Windows name).
    /// </summary>
    public static string? CanonicalId(string? id)
    {
        var canonical = TzdbId(id);
        return canonical is not null && TimeZoneInfo.TryFindSystemTimeZoneById(canonical, out var zone) && zone.HasIanaId ? canonical : null;
    }

    /// <summary>
    /// The <see cref="TimeZoneInfo"/> of a stored clinic zone. Throws <see cref="InvalidOperationException"/> naming the id (a zone id,
    /// no personal data) when it is unknown: the directory refuses such ids, so one can only be a damaged row, which must not read as UTC.
    /// </summary>
    public static TimeZoneInfo Find(string id) =>
        TzdbId(id) is { } canonical && TimeZoneInfo.TryFindSystemTimeZoneById(canonical, out var zone) ? zone : throw Unknown(id);

    /// <summary>The NodaTime zone of a stored clinic zone (scheduling's reader); throws as <see cref="Find"/> does when it is unknown.</summary>
    public static DateTimeZone NodaZone(string id) =>
        TzdbId(id) is { } canonical ? DateTimeZoneProviders.Tzdb[canonical] : throw Unknown(id);

    private static string? TzdbId(string? id) => !string.IsNullOrWhiteSpace(id) && TzdbIds.TryGetValue(id.Trim(), out var canonical) ? canonical : null;

    private static InvalidOperationException Unknown(string id) =>
        new($"The stored clinic time zone '{id}' is not a known IANA time zone; fix the clinic's time zone in the administration.");
}
