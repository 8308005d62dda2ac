using System.Globalization;

namespace Telemed.CrashBench;

/// <summary>Command-line options of <c>run</c> (one database, all cycles) and <c>report</c>.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string?> map = new(StringComparer.Ordinal);
    private int? seed;

    public Options(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            map[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
        }
    }

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Provider => Need("provider");
    public string HostDll => Need("host-dll");
    public string DataDirectory => Need("data-dir");
    /// <summary>PostgreSQL: the cluster's connection string (SQLite: the host's default file, telemed.db in the data folder).</summary>
    public string ConnectionString => Provider == "postgres" ? Need("connection") : $"Data Source={Path.Combine(DataDirectory, "telemed.db")};Pooling=False";
    public int Port => Int("port", 5099);
    public int Cycles => Int("cycles", 20);
    /// <summary>Load before the kill, seconds: drawn uniformly from <c>min-max</c> each cycle (a single number: always that long).</summary>
    public (double Min, double Max) LoadSeconds
    {
        get
        {
            var text = map.GetValueOrDefault("load-seconds") ?? "2-6";
            var parts = text.Split('-', 2);
            var min = double.Parse(parts[0], CultureInfo.InvariantCulture);
            return (min, parts.Length > 1 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : min);
        }
    }

    public int Bookers => Int("bookers", 8);
    public int Chatters => Int("chatters", 8);
    /// <summary>Share of booking attempts that deliberately race another client for the same slot (one of the two must get 409).</summary>
    public double Contended => map.GetValueOrDefault("contended") is { } c ? double.Parse(c, CultureInfo.InvariantCulture) : 0.1;
    /// <summary>Seeds the kill times; a new one each run unless given (printed and reported, so a run can be repeated).</summary>
    public int Seed => seed ??= Int("seed", Environment.TickCount & int.MaxValue);
    public int ReadyTimeoutSeconds => Int("ready-timeout", 240);
    public string HostLog => Need("host-log");
    public string Label => map.GetValueOrDefault("label") ?? (Provider == "postgres" ? "PostgreSQL" : "SQLite");
    public string? Settings => map.GetValueOrDefault("settings");

    public string Need(string key) => map.TryGetValue(key, out var v) && v is not null ? v : throw new ArgumentException($"--{key} is required.");
    public string? Get(string key) => map.GetValueOrDefault(key);
    public bool Has(string key) => map.ContainsKey(key);
    private int Int(string key, int fallback) => map.TryGetValue(key, out var v) && v is not null ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
