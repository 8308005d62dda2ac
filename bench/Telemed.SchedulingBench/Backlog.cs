using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Telemed.SchedulingBench;

/// <summary>
/// The integration events a host has written but not yet delivered (a booking's confirmation notices, payment, care access),
/// read from its Prometheus gauge <c>telemed_outbox_pending</c> (run-scheduling.sh starts the hosts with Prometheus on and a
/// 1 s gauge refresh, which runs only after a scrape). Bookings/s only counts if the consequences keep up: the bench waits for the backlog to drain after each
/// measured run and reports the sustained rate, bookings ÷ (run + drain).
/// </summary>
internal static partial class Backlog
{
    /// <summary>The pending count now, or null when the host does not serve the gauge.</summary>
    public static async Task<int?> PendingAsync(HttpClient http)
    {
        try
        {
            var text = await http.GetStringAsync("/metrics");
            var match = PendingLine().Match(text);
            return match.Success ? (int)double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Waits until nothing is pending (at most <paramref name="max"/>); returns the count at the start and the seconds it took (null: no gauge).</summary>
    public static async Task<(int AtStart, double Seconds)?> DrainAsync(HttpClient http, TimeSpan max)
    {
        // The host refreshes its gauges every second, but only once something collected them (nothing does during the run, so
        // the run pays for no backlog counts): collect once, then wait for a value read after that.
        await PendingAsync(http);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        if (await PendingAsync(http) is not { } atStart)
        {
            return null;
        }

        var clock = Stopwatch.StartNew();
        var pending = atStart;
        while (pending > 0 && clock.Elapsed < max)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            pending = await PendingAsync(http) ?? 0;
        }

        // A drained backlog was seen up to one refresh late; an empty one at once.
        return (atStart, atStart == 0 ? 0 : Math.Max(0, clock.Elapsed.TotalSeconds - 0.5));
    }

    [GeneratedRegex(@"^telemed_outbox_pending(?:\{[^}]*\})? ([0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex PendingLine();
}
