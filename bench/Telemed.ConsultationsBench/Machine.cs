using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Telemed.ConsultationsBench;

/// <summary>CPU used during a window, in cores (1.0 = one core busy the whole time), from /proc.</summary>
internal sealed record CpuSplit(double Machine, double Server, double Postgres, double Driver)
{
    /// <summary>Whatever else ran meanwhile (other people's builds and tests): the numbers are only as clean as this is small.</summary>
    public double Other => Math.Max(0, Machine - Server - Postgres - Driver);

    public string Text(string serverName) => string.Create(CultureInfo.InvariantCulture,
        $"{serverName} {Server:N2}, postgres {Postgres:N2}, load driver {Driver:N2}, other {Other:N2} (machine {Machine:N2})");
}

/// <summary>Samples the server (host or echo server), our PostgreSQL cluster, the load driver (node) and the whole machine.</summary>
internal sealed class CpuSampler
{
    private const double TicksPerSecond = 100; // USER_HZ
    private readonly int? _server;
    private readonly int? _postmaster;
    private readonly Func<int?> _driver;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly (long Busy, long Server, long Postgres, long Driver) _start;

    public CpuSampler(int? serverPid, int? postmasterPid, Func<int?> driverPid)
    {
        _server = serverPid;
        _postmaster = postmasterPid;
        _driver = driverPid;
        _start = Sample();
    }

    public CpuSplit Stop()
    {
        var end = Sample();
        var ticks = _watch.Elapsed.TotalSeconds * TicksPerSecond;
        return new CpuSplit((end.Busy - _start.Busy) / ticks, (end.Server - _start.Server) / ticks, (end.Postgres - _start.Postgres) / ticks, (end.Driver - _start.Driver) / ticks);
    }

    private (long Busy, long Server, long Postgres, long Driver) Sample()
    {
        if (!OperatingSystem.IsLinux())
        {
            return default;
        }

        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var busy = cpu.Sum() - cpu[3] - (cpu.Length > 4 ? cpu[4] : 0); // minus idle and iowait
        // Only our cluster: the postmaster (its reaped children hold the time of backends that have exited) and its live children.
        // Other people's clusters on the same machine count as "other".
        long postgres = 0;
        if (_postmaster is { } postmaster && Stat(postmaster) is { } pm)
        {
            postgres = pm.Own + pm.Children;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != postmaster && Stat(pid) is { } s && s.Parent == postmaster)
                {
                    postgres += s.Own;
                }
            }
        }

        var server = _server is { } sp && Stat(sp) is { } ss ? ss.Own : 0;
        var driver = (_driver() is { } dp && Stat(dp) is { } ds ? ds.Own : 0) + (Stat(Environment.ProcessId) is { } me ? me.Own : 0);
        return (busy, server, postgres, driver);
    }

    private static (string Comm, int Parent, long Own, long Children)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            var comm = text[(text.IndexOf('(') + 1)..close];
            var fields = text[(close + 2)..].Split(' ');
            long F(int n) => long.Parse(fields[n - 3], CultureInfo.InvariantCulture); // ppid 4, utime 14, stime 15, cutime 16, cstime 17
            return (comm, (int)F(4), F(14) + F(15), F(16) + F(17));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim() : "?";
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "?"
            : RuntimeInformation.OSDescription;
        return $"{Environment.ProcessorCount} cores ({cpu}), {memory} RAM, {os}, .NET {Environment.Version}";
    }

    /// <summary>The resident set of a process in kB (VmRSS in /proc/PID/status), or null.</summary>
    public static long? RssKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}

/// <summary>A process's resident memory (VmRSS, kB), sampled every 200 ms while a window runs: the largest value seen.</summary>
internal sealed class RssSampler
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _max;

    public RssSampler(int? pid)
    {
        _loop = pid is { } p ? Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                if (Machine.RssKb(p) is { } kb)
                {
                    _max = Math.Max(_max, kb);
                }

                try
                {
                    await Task.Delay(200, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }) : Task.CompletedTask;
    }

    /// <summary>The largest resident set seen, in kB (null when the process could not be read).</summary>
    public async Task<long?> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return _max > 0 ? _max : null;
    }
}
