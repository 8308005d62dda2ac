using System.Globalization;
using System.Text.RegularExpressions;

namespace Telemed.SchedulingBench;

/// <summary>
/// The host's JIT, read from the runtime's <c>dotnet.jit.compilation.time</c> counter on its Prometheus endpoint (seconds spent
/// compiling since the start, every thread). Under the booking load a fresh host's tiered compilation keeps promoting methods for
/// about 100 s (0.15–0.20 of a core on the 2-core machine, 2026-12-05), so a fixed warm-up can leave the measured run sharing the
/// cores with the compiler. The warm-up therefore goes on until a 10 s window compiles for under 1 % of it, and each run reports
/// what the JIT took during it.
/// </summary>
internal static partial class Jit
{
    /// <summary>Seconds the host's JIT has compiled for, or null when the host does not serve the counter.</summary>
    public static async Task<double?> SecondsAsync(HttpClient http)
    {
        try
        {
            var match = CompilationTime().Match(await http.GetStringAsync("/metrics"));
            return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>
    /// Books for <paramref name="minimum"/>, then in 10 s steps while the JIT compiled for 1 % of the step or more, at most
    /// <paramref name="maximum"/> in all, and never into the last <paramref name="keepSlots"/> free slots (the measured run needs them).
    /// Returns the warm-up's length in seconds.
    /// </summary>
    public static async Task<int> WarmUpAsync(ApiClient api, int? hostPid, int clients, TimeSpan minimum, TimeSpan maximum, Queue<FreeSlot> slots,
        List<Guid> patients, int keepSlots)
    {
        await Throughput.BookForAsync(api, hostPid, clients, minimum, slots, patients, count: false);
        var spent = (int)minimum.TotalSeconds;
        while (spent < maximum.TotalSeconds && slots.Count > keepSlots && await SecondsAsync(api.Http) is { } before)
        {
            await Throughput.BookForAsync(api, hostPid, clients, TimeSpan.FromSeconds(10), slots, patients, count: false);
            spent += 10;
            var share = ((await SecondsAsync(api.Http) ?? before) - before) / 10;
            Console.WriteLine($"   warm-up {spent} s: the JIT compiled for {100 * share:N1} % of the last 10 s");
            if (share < 0.01)
            {
                break;
            }
        }

        return spent;
    }

    [GeneratedRegex(@"^dotnet_jit_compilation_time_seconds(?:_total)?(?:\{[^}]*\})? ([0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex CompilationTime();
}
