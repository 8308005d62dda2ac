using System.Globalization;
using System.Text;
using NodaTime;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Calendars;

internal sealed record CalendarEvent(Guid Id, DateTime Start, DateTime End, string TimeZone, string Summary, string? Location, string? Description,
    string? Url, bool Cancelled, int Sequence);

/// <summary>
/// Writes RFC 5545 calendars: CRLF lines folded at 75 octets, escaped text, and for every zone used a
/// VTIMEZONE built from the zone's real transitions around the events, so calendar apps show the
/// clinic's local time correctly on both sides of a DST change.
/// </summary>
internal static class IcsWriter
{
    public static string Write(string calendarName, IReadOnlyList<CalendarEvent> events, DateTime stamp)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Telemed//Scheduling//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Escape(calendarName),
        };
        foreach (var zoneGroup in events.GroupBy(e => e.TimeZone))
        {
            lines.AddRange(TimeZoneLines(zoneGroup.Key, zoneGroup.Min(e => e.Start), zoneGroup.Max(e => e.End)));
        }

        foreach (var e in events)
        {
            lines.Add("BEGIN:VEVENT");
            lines.Add($"UID:{e.Id:D}@telemed");
            lines.Add("DTSTAMP:" + Utc(stamp));
            lines.Add($"DTSTART;TZID={ScheduleReader.Zone(e.TimeZone).Id}:{Local(e.Start, e.TimeZone)}");
            lines.Add($"DTEND;TZID={ScheduleReader.Zone(e.TimeZone).Id}:{Local(e.End, e.TimeZone)}");
            lines.Add("SUMMARY:" + Escape(e.Summary));
            if (e.Location is { Length: > 0 })
            {
                lines.Add("LOCATION:" + Escape(e.Location));
            }

            if (e.Description is { Length: > 0 })
            {
                lines.Add("DESCRIPTION:" + Escape(e.Description));
            }

            if (e.Url is { Length: > 0 })
            {
                lines.Add("URL:" + e.Url);
            }

            lines.Add("STATUS:" + (e.Cancelled ? "CANCELLED" : "CONFIRMED"));
            lines.Add("SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture));
            lines.Add("END:VEVENT");
        }

        lines.Add("END:VCALENDAR");
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(builder, line);
        }

        return builder.ToString();
    }

    private static IEnumerable<string> TimeZoneLines(string zoneId, DateTime from, DateTime until)
    {
        var zone = ScheduleReader.Zone(zoneId);
        var start = Instant.FromDateTimeUtc(DateTime.SpecifyKind(from, DateTimeKind.Utc)) - Duration.FromDays(366);
        var end = Instant.FromDateTimeUtc(DateTime.SpecifyKind(until, DateTimeKind.Utc)) + Duration.FromDays(366);
        yield return "BEGIN:VTIMEZONE";
        yield return "TZID:" + zone.Id;
        var intervals = zone.GetZoneIntervals(start, end).ToList();
        var previousOffset = intervals[0].WallOffset;
        foreach (var interval in intervals)
        {
            var kind = interval.Savings != Offset.Zero ? "DAYLIGHT" : "STANDARD";
            var begins = interval.HasStart && interval.Start > start ? interval.Start : start;
            yield return "BEGIN:" + kind;
            yield return "DTSTART:" + begins.WithOffset(interval.HasStart && interval.Start > start ? previousOffset : interval.WallOffset)
                .LocalDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
            yield return "TZOFFSETFROM:" + OffsetText(interval.HasStart && interval.Start > start ? previousOffset : interval.WallOffset);
            yield return "TZOFFSETTO:" + OffsetText(interval.WallOffset);
            if (interval.Name is { Length: > 0 } name)
            {
                yield return "TZNAME:" + Escape(name);
            }

            yield return "END:" + kind;
            previousOffset = interval.WallOffset;
        }

        yield return "END:VTIMEZONE";
    }

    private static string Local(DateTime utc, string zoneId) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(ScheduleReader.Zone(zoneId)).LocalDateTime
            .ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string Utc(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string OffsetText(Offset offset)
    {
        var seconds = offset.Seconds;
        var sign = seconds < 0 ? "-" : "+";
        seconds = Math.Abs(seconds);
        return $"{sign}{seconds / 3600:00}{seconds % 3600 / 60:00}";
    }

    public static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>
    /// Lines longer than 75 octets continue on the next line after a space, never splitting a UTF-8 character (RFC 5545 3.1).
    /// The line goes in as slices between folds: a string per character, as before, was most of the cost of a notice's
    /// calendar file under the booking load (docs/benchmarks.md). A lone surrogate is written as U+FFFD, as UTF-8 encodes it.
    /// </summary>
    private static void Fold(StringBuilder builder, string line)
    {
        const int Limit = 75;
        if (line.Length <= Limit && System.Text.Ascii.IsValid(line))
        {
            builder.Append(line).Append("\r\n");
            return;
        }

        var octets = 0;
        var sliceStart = 0;
        for (var i = 0; i < line.Length;)
        {
            var status = Rune.DecodeFromUtf16(line.AsSpan(i), out var rune, out var chars);
            var size = rune.Utf8SequenceLength;
            if (octets + size > Limit)
            {
                builder.Append(line, sliceStart, i - sliceStart).Append("\r\n ");
                sliceStart = i;
                octets = 1;
            }

            if (status != System.Buffers.OperationStatus.Done)
            {
                builder.Append(line, sliceStart, i - sliceStart).Append('\uFFFD');
                sliceStart = i + chars;
            }

            octets += size;
            i += chars;
        }

        builder.Append(line, sliceStart, line.Length - sliceStart).Append("\r\n");
    }
}
