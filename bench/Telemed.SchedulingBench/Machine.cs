using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Telemed.SchedulingBench;

/// <summary>CPU used during a window, in cores (1.0 = one core busy the whole time), from /proc.</summary>
internal sealed record CpuSplit(double Machine, double Host, double Postgres, double Client)
{
    /// <summary>Whatever else ran on the machine meanwhile (builds, tests of other people): the measurement is only as clean as this is small.</summary>
    public double Other => Math.Max(0, Machine - Host - Postgres - Client);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CPU cores busy: machine {Machine:N2}, host {Host:N2}, postgres {Postgres:N2}, load generator {Client:N2}");
}

internal sealed class CpuSampler
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly int? _hostPid;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly (long Busy, long Host, long Postgres, long Client) _start;

    private CpuSampler(int? hostPid)
    {
        _hostPid = hostPid;
        _start = Sample();
    }

    public static CpuSampler Start(int? hostPid) => new(hostPid);

    public CpuSplit Stop()
    {
        var end = Sample();
        var seconds = _watch.Elapsed.TotalSeconds * TicksPerSecond;
        return new CpuSplit((end.Busy - _start.Busy) / seconds, (end.Host - _start.Host) / seconds, (end.Postgres - _start.Postgres) / seconds,
            (end.Client - _start.Client) / seconds);
    }

    private (long Busy, long Host, long Postgres, long Client) Sample()
    {
        if (!OperatingSystem.IsLinux())
        {
            return default;
        }

        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var busy = cpu.Sum() - cpu[3] - (cpu.Length > 4 ? cpu[4] : 0); // minus idle and iowait
        long postgres = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { Comm: "postgres" } s)
            {
                postgres += s.Own + s.Children; // the postmaster's reaped children hold the time of backends that have exited
            }
        }

        var host = _hostPid is { } h && Stat(h) is { } hs ? hs.Own : 0;
        var self = Stat(Environment.ProcessId) is { } me ? me.Own + me.Children : 0; // pgbench is our child
        return (busy, host, postgres, self);
    }

    private static (string Comm, long Own, long Children)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var open = text.IndexOf('(');
            var close = text.LastIndexOf(')');
            var comm = text[(open + 1)..close];
            var fields = text[(close + 2)..].Split(' ');
            // fields[0] is state (field 3); utime is field 14, stime 15, cutime 16, cstime 17.
            long F(int n) => long.Parse(fields[n - 3], CultureInfo.InvariantCulture);
            return (comm, F(14) + F(15), F(16) + F(17));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

internal static class Machine
{
    public static async Task<string> DescribeAsync(string connectionString)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim() : "?";
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "?"
            : RuntimeInformation.OSDescription;
        await using var db = new Npgsql.NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var settings = await Seeder.RowsAsync(db, """
            SELECT name, current_setting(name) FROM pg_settings
            WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'max_wal_size', 'commit_delay', 'server_version')
            ORDER BY name
            """);
        var load = File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        return $"load average at start {load}; {Environment.ProcessorCount} cores ({cpu}), {memory} RAM, {os}, .NET {Environment.Version}; PostgreSQL " +
            string.Join(", ", settings.Select(r => $"{r[0]}={r[1]}"));
    }
}
