using NodaTime;
using NodaTime.TimeZones;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Availability;

namespace Telemed.Modules.Scheduling.Slots;

/// <summary>One bookable time: where it is and what it occupies (the appointment plus its buffers).</summary>
internal readonly record struct CandidateSlot(Guid ClinicId, Instant Start, Instant End, Instant BlockedFrom, Instant BlockedUntil);

/// <summary>
/// A doctor's rules at one clinic, as the generator needs them. <paramref name="LicenceExpiresOn"/>: the last day of the doctor's licence;
/// no slot is generated on a later local date (<see cref="DoctorPractisesOnlyWhileLicensed"/>).
/// </summary>
internal sealed record ClinicSchedule(Guid ClinicId, DateTimeZone Zone, IReadOnlyList<WeeklyHours> Weekly, IReadOnlyList<AvailabilityException> Exceptions,
    DateOnly? LicenceExpiresOn = null);

/// <summary>
/// Turns weekly hours in the clinic's local time into concrete instants. Local wall-clock times are
/// resolved per date, so 09:00 stays 09:00 on both sides of a DST change; a time that falls in a
/// spring-forward gap moves forward, and an ambiguous autumn time takes its earlier occurrence.
/// </summary>
internal static class SlotGenerator
{
    public const int GranuleMinutes = 5;

    public static IEnumerable<CandidateSlot> Generate(ClinicSchedule clinic, AppointmentTypeSettings type, Instant from, Instant to, Instant now)
    {
        if (!type.Enabled)
        {
            yield break;
        }

        var earliest = Max(from, now + Duration.FromMinutes(type.MinimumNoticeMinutes));
        var latest = Min(to, now + Duration.FromDays(type.MaximumHorizonDays));
        if (earliest >= latest)
        {
            yield break;
        }

        var step = type.BufferBeforeMinutes + type.DurationMinutes + type.BufferAfterMinutes;
        var firstDate = earliest.InZone(clinic.Zone).Date.PlusDays(-1);
        var lastDate = latest.InZone(clinic.Zone).Date;
        for (var date = firstDate; date <= lastDate; date = date.PlusDays(1))
        {
            if (!DoctorPractisesOnlyWhileLicensed.Covers(clinic.LicenceExpiresOn, new DateOnly(date.Year, date.Month, date.Day)))
            {
                yield break;
            }

            foreach (var (startMinute, endMinute) in WorkingRanges(clinic, date))
            {
                for (var slotStart = startMinute + type.BufferBeforeMinutes; slotStart + type.DurationMinutes <= endMinute; slotStart += step)
                {
                    var start = ToInstant(clinic.Zone, date, slotStart);
                    if (start < earliest || start >= latest)
                    {
                        continue;
                    }

                    var end = start + Duration.FromMinutes(type.DurationMinutes);
                    yield return new CandidateSlot(clinic.ClinicId, start, end,
                        start - Duration.FromMinutes(type.BufferBeforeMinutes), end + Duration.FromMinutes(type.BufferAfterMinutes));
                }
            }
        }
    }

    /// <summary>The day's working ranges at the clinic: the weekday's hours unless the day is off, plus extra hours; sorted and merged.</summary>
    public static IReadOnlyList<(int Start, int End)> WorkingRanges(ClinicSchedule clinic, LocalDate date)
    {
        var exceptions = clinic.Exceptions.Where(e => e.Date == new DateOnly(date.Year, date.Month, date.Day)).ToList();
        var ranges = new List<(int Start, int End)>();
        if (!exceptions.Any(e => e.Kind == ExceptionKind.DayOff))
        {
            var weekday = (DayOfWeek)((int)date.DayOfWeek % 7);
            ranges.AddRange(clinic.Weekly.Where(w => w.DayOfWeek == weekday).Select(w => (w.StartMinute, w.EndMinute)));
        }

        ranges.AddRange(exceptions.Where(e => e.Kind == ExceptionKind.ExtraHours && e.StartMinute is not null && e.EndMinute is not null)
            .Select(e => (e.StartMinute!.Value, e.EndMinute!.Value)));
        return Merge(ranges);
    }

    public static int WorkingMinutes(ClinicSchedule clinic, LocalDate date) => WorkingRanges(clinic, date).Sum(r => r.End - r.Start);

    public static Instant ToInstant(DateTimeZone zone, LocalDate date, int minuteOfDay) =>
        zone.ResolveLocal(date.AtMidnight().PlusMinutes(minuteOfDay), Resolvers.LenientResolver).ToInstant();

    /// <summary>The 5-minute granules (UTC) an interval covers; the database allows each granule of a doctor's time to be held once.</summary>
    public static IEnumerable<DateTime> Granules(Instant from, Instant until)
    {
        var ticks = Duration.FromMinutes(GranuleMinutes).BclCompatibleTicks;
        var first = from.ToDateTimeUtc().Ticks / ticks * ticks;
        for (var t = first; t < until.ToDateTimeUtc().Ticks; t += ticks)
        {
            yield return new DateTime(t, DateTimeKind.Utc);
        }
    }

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> ranges)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var range in ranges.Where(r => r.End > r.Start).OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;
    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
