using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Telemed.CrashBench;

/// <summary>One kill -9 cycle: the load before the kill, the restart, and what the checks found after it.</summary>
internal sealed record CycleResult(int Cycle, LoadResult Load, double RestartSeconds, StoreCheck Store, string AuditVerdict, long? AuditVerified,
    long? AuditUnsealed, double VerifySeconds, string AuditOutput, int HostErrorLines, List<string> HostErrorSamples, double LoadAverage,
    string? AuditFirstReport = null)
{
    /// <summary>Intact, or a BROKEN report on the live host that a second run at once found intact past the entry it named (see <see cref="CrashRun"/>).</summary>
    public bool ChainIntact => AuditVerdict is "intact" or RecheckedVerdict;

    public const string RecheckedVerdict = "intact on re-check";

    public bool Passed => Store.MissingBookings == 0 && Store.MissingMessages == 0 && Store.DoubleBooked == 0 && ChainIntact;
}

/// <summary>All cycles on one database, as the report reads them back.</summary>
internal sealed record RunRecord(string Label, string Provider, string Settings, DateTime StartedAt, DateTime FinishedAt, int Cores, double LoadAverageStart,
    double LoadAverageEnd, int Seed, int Bookers, int Chatters, double Contended, string LoadSeconds, double FirstStartSeconds, List<CycleResult> Cycles,
    string? Aborted)
{
    public bool Passed => Aborted is null && Cycles.All(c => c.Passed);
}

/// <summary>
/// <c>run</c>: the host on one database, CYCLES times: mixed load for a random 2–6 s, SIGKILL mid-load, restart, then every
/// acknowledged booking and message must be in the database, no doctor double-booked, and <c>audit verify</c> must say intact.
/// </summary>
internal static partial class CrashRun
{
    public static async Task<int> RunAsync(Options options)
    {
        var started = DateTime.UtcNow;
        var loadStart = Machine.LoadAverage();
        var random = new Random(options.Seed);
        var host = new HostProcess(options);
        var (min, max) = options.LoadSeconds;
        var cycles = new List<CycleResult>();
        string? aborted = null;
        double firstStart = 0;
        Console.WriteLine($"== {options.Label}: {options.Cycles} kill -9 cycles, load {min:0.#}–{max:0.#} s, {options.Bookers} booking + {options.Chatters} chatting clients, seed {options.Seed}");
        try
        {
            firstStart = await host.StartAsync("first start (demo clinic seeded)");
            Console.WriteLine($"   host ready in {firstStart:N1} s (pid {host.Pid})");
            var workload = await Workload.PrepareAsync(host.BaseUrl, options.Bookers, options.Chatters);
            var load = new Load(workload, host, random, options.Contended);
            for (var cycle = 1; cycle <= options.Cycles; cycle++)
            {
                var seconds = min + random.NextDouble() * (max - min);
                var loaded = await load.RunAsync(cycle, seconds);
                var hostErrors = await host.ErrorsSinceLastStartAsync();
                double restart;
                try
                {
                    restart = await host.StartAsync($"restart after kill {cycle}");
                }
                catch (InvalidOperationException ex)
                {
                    aborted = $"cycle {cycle}: the host did not come back after the kill: {ex.Message}";
                    Console.WriteLine("   " + aborted);
                    break;
                }

                // Both only read: the SQL checks and the operator's audit verify run side by side.
                var storeTask = Checks.RunAsync(options, load.Bookings, load.Messages);
                var (exitCode, output, verifySeconds) = await host.AuditVerifyAsync();
                var store = await storeTask;
                var verdict = exitCode == 0 ? "intact" : exitCode == 2 ? "BROKEN" : $"error (exit {exitCode})";
                string? firstReport = null;
                if (exitCode == 2)
                {
                    // The verifier reads the live database while the restarted host writes audit entries. A report of entries
                    // "missing" that a second run finds in place is a race in the verifier, not a hole in the chain: say both.
                    var brokenAt = Count(BrokenAtPattern(), output) ?? long.MaxValue;
                    var again = await host.AuditVerifyAsync();
                    firstReport = Summary(output);
                    Console.WriteLine($"      audit verify said: {firstReport}; again at once: {Summary(again.Output)}");
                    if (again.ExitCode == 0 && (Count(VerifiedPattern(), again.Output) ?? 0) >= brokenAt)
                    {
                        verdict = CycleResult.RecheckedVerdict;
                        output = again.Output;
                    }
                }

                var result = new CycleResult(cycle, loaded, restart, store, verdict, Count(VerifiedPattern(), output), Count(UnsealedPattern(), output),
                    verifySeconds, output.Length > 2000 ? output[^2000..] : output, hostErrors.Count, hostErrors.Take(5).ToList(), Machine.LoadAverage(), firstReport);
                cycles.Add(result);
                Console.WriteLine(Line(result, options.Cycles));
                foreach (var sample in store.Samples.Concat(loaded.ErrorSamples.Select(e => "load: " + e)).Concat(hostErrors.Take(3).Select(e => "host log: " + e)))
                {
                    Console.WriteLine("      " + sample);
                }

                if (!result.ChainIntact)
                {
                    Console.WriteLine("      audit verify: " + output.Replace("\n", "\n      ", StringComparison.Ordinal));
                }
            }
        }
        catch (Exception ex) when (aborted is null)
        {
            aborted = $"the run stopped: {ex.GetType().Name}: {ex.Message}";
            Console.WriteLine("   " + aborted);
        }
        finally
        {
            await host.StopAsync();
        }

        var record = new RunRecord(options.Label, options.Provider, options.Settings ?? "", started, DateTime.UtcNow, Environment.ProcessorCount, loadStart,
            Machine.LoadAverage(), options.Seed, options.Bookers, options.Chatters, options.Contended, $"{min:0.#}–{max:0.#}", firstStart, cycles, aborted);
        if (options.Get("out") is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(record, Api.Json));
        }

        var failed = cycles.Count(c => !c.Passed);
        Console.WriteLine($"   {options.Label}: {cycles.Count} cycles, {failed} failed{(aborted is null ? "" : ", aborted")}; " +
            $"{cycles.Sum(c => c.Load.BookingsAcked):N0} bookings and {cycles.Sum(c => c.Load.MessagesAcked):N0} messages acknowledged in total");
        return record.Passed ? 0 : 1;
    }

    private static string Line(CycleResult c, int of) => string.Create(CultureInfo.InvariantCulture,
        $"   cycle {c.Cycle}/{of}: first write acknowledged after {c.Load.FirstAckSeconds:N1} s, killed at {c.Load.Seconds:N1} s with {c.Load.InFlightAtKill} requests in flight; " +
        $"acked {c.Load.BookingsAcked} bookings ({c.Load.SlotTaken} slot taken, {c.Load.BookingErrors} errors), {c.Load.MessagesAcked} messages ({c.Load.MessageErrors} errors); " +
        $"ready again in {c.RestartSeconds:N1} s; missing {c.Store.MissingBookings} bookings / {c.Store.MissingMessages} messages, double-booked {c.Store.DoubleBooked}; " +
        $"audit {c.AuditVerdict} ({c.AuditVerified?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} verified" +
        $"{(c.AuditUnsealed is { } u ? $", {u:N0} not yet sealed" : "")}, {c.VerifySeconds:N1} s) {(c.Passed ? "ok" : "FAILED")}");

    /// <summary>The verifier's own sentence, without the host's start-up warnings.</summary>
    private static string Summary(string output) =>
        string.Join(" ", output.Split('\n').Where(l => l.Contains("Audit trail", StringComparison.OrdinalIgnoreCase) || l.Contains("sealed", StringComparison.OrdinalIgnoreCase)).Select(l => l.Trim()));

    private static long? Count(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"(\d[\d,]*) entries verified", RegexOptions.IgnoreCase)]
    private static partial Regex VerifiedPattern();

    [GeneratedRegex(@"BROKEN at entry (\d[\d,]*)", RegexOptions.IgnoreCase)]
    private static partial Regex BrokenAtPattern();

    [GeneratedRegex(@"not yet sealed\D{0,20}?(\d[\d,]*)", RegexOptions.IgnoreCase)]
    private static partial Regex UnsealedPattern();
}

internal static class Machine
{
    /// <summary>The 1-minute load average (/proc/loadavg), the machine's other work included.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;
}
