using System.Text;
using Telemed.Modules.Scheduling.Calendars;

namespace Telemed.UnitTests.Scheduling;

/// <summary>The calendar files attached to notices and served as feeds follow RFC 5545's line rules (section 3.1).</summary>
public sealed class IcsWriterTests
{
    private static readonly DateTime Stamp = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);

    private static string Write(string summary, string? description = null, string zone = "Europe/Berlin") =>
        IcsWriter.Write("Telemed appointment",
            [new CalendarEvent(Guid.Parse("0f3a6c1e-7b2d-4e59-9a41-5c3d2e1f0a9b"), new DateTime(2027, 3, 29, 8, 0, 0, DateTimeKind.Utc),
                new DateTime(2027, 3, 29, 8, 30, 0, DateTimeKind.Utc), zone, summary, "Online (Telemed)", description, null, Cancelled: false, Sequence: 2)],
            Stamp);

    [Fact]
    public void Every_line_is_at_most_75_octets_and_ends_with_CRLF()
    {
        var ics = Write(new string('a', 200), "Описание визита к врачу: " + new string('ж', 120) + " 🙂 " + new string('x', 90));

        ics.ShouldEndWith("END:VCALENDAR\r\n");
        var lines = ics[..^2].Split("\r\n");
        lines.ShouldAllBe(line => Encoding.UTF8.GetByteCount(line) <= 75);
        ics.Replace("\r\n", "").ShouldNotContain("\n");
    }

    [Fact]
    public void A_folded_line_continues_after_one_space_and_unfolds_to_the_original_without_splitting_a_character()
    {
        var description = "Описание визита к врачу: " + new string('ж', 120) + " 🙂🙂🙂 " + new string('x', 90);
        var ics = Write(new string('a', 200), description);

        // Unfolding (RFC 5545 3.1: remove every CRLF followed by one space) gives the content lines back whole.
        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        unfolded.ShouldContain("SUMMARY:" + new string('a', 200));
        unfolded.ShouldContain("DESCRIPTION:" + description);
        // A four-octet character is never cut: no half of a surrogate pair on either side of a fold.
        foreach (var line in ics.Split("\r\n"))
        {
            (line.Length > 0 && char.IsHighSurrogate(line[^1])).ShouldBeFalse();
            (line.Length > 1 && char.IsLowSurrogate(line[1]) && line[0] == ' ').ShouldBeFalse();
        }

        // The first line of a long value takes 75 octets, each continuation 74 after its space.
        var summary = ics.Split("\r\n").SkipWhile(l => !l.StartsWith("SUMMARY:", StringComparison.Ordinal)).Take(4).ToList();
        summary[0].Length.ShouldBe(75);
        summary[1].ShouldBe(" " + new string('a', 74));
        summary[2].ShouldBe(" " + new string('a', 200 - 67 - 74));
        summary[3].ShouldStartWith("LOCATION:");
    }

    [Fact]
    public void Folding_agrees_with_the_character_by_character_rule_for_any_text()
    {
        var random = new Random(20261206);
        string[] pieces = ["a", "Ж", "€", "🙂", "\ud83d", ";", " ", "x"];
        for (var n = 0; n < 300; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 160)).Select(_ => pieces[random.Next(pieces.Length)]));
            var ics = Write("s", text);
            var line = "DESCRIPTION:" + IcsWriter.Escape(text);
            ics.ShouldContain(ReferenceFold(line));
        }
    }

    /// <summary>RFC 5545 3.1 applied one character at a time: a fold before any character that would take the line past 75 octets.</summary>
    private static string ReferenceFold(string line)
    {
        var builder = new StringBuilder();
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            if (octets + rune.Utf8SequenceLength > 75)
            {
                builder.Append("\r\n ");
                octets = 1;
            }

            builder.Append(rune.ToString());
            octets += rune.Utf8SequenceLength;
        }

        return builder.Append("\r\n").ToString();
    }

    [Fact]
    public void The_time_zone_is_described_on_both_sides_of_a_daylight_saving_change()
    {
        var ics = Write("Video visit with Dr Weber");

        ics.ShouldContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n");
        ics.ShouldContain("BEGIN:DAYLIGHT\r\n");
        ics.ShouldContain("TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n");
        ics.ShouldContain("TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n");
        // 08:00 UTC on 29 March 2027 is 10:00 in Berlin (summer time began on the 28th).
        ics.ShouldContain("DTSTART;TZID=Europe/Berlin:20270329T100000\r\n");
        ics.ShouldContain("DTSTAMP:20261206T100000Z\r\n");
    }

    [Fact]
    public void Text_values_escape_the_characters_RFC_5545_reserves()
    {
        var ics = Write("Visit; follow-up, \\ notes\nline two");

        ics.Replace("\r\n ", "", StringComparison.Ordinal).ShouldContain("SUMMARY:Visit\\; follow-up\\, \\\\ notes\\nline two\r\n");
    }
}
