using System.Diagnostics;
using System.Globalization;
using Telemed.SchedulingBench;

// Booking throughput (HTTP API next to pgbench one-row inserts) and slot search latency, against a
// host that bench/run-scheduling.sh has started on a throwaway PostgreSQL cluster.
var options = BenchOptions.Parse(args);
if (options.SqliteOnly)
{
    // PG=0 in run-scheduling.sh: only the SQLite host's booking throughput, for quick looks at the embedded default.
    var sqlite = await SqliteBooking.RunAsync(options.SqliteBaseUrl ?? throw new ArgumentException("--sqlite-only needs --sqlite-base-url."),
        options.SqliteHostPid, options.Clients.Contains(16) ? 16 : options.Clients.Max(), options.DurationSeconds, options.WarmupSeconds, options.MaxWarmupSeconds);
    Console.WriteLine($"SQLite C={sqlite.Clients}: {sqlite.HttpTps:N0} bookings/s");
    return;
}

var report = new Report();
var total = Stopwatch.StartNew();

var api = await ApiClient.SignInAsync(options.BaseUrl, "frontdesk@demo.telemed.dev", "Telemed-demo-2026");
var seeder = new Seeder(options.ConnectionString);
report.Environment = await Machine.DescribeAsync(options.ConnectionString);

Console.WriteLine($"== seeding {options.Doctors:N0} doctors and {options.Appointments:N0} appointments");
report.Seed = await seeder.SeedAsync(options.Doctors, options.Appointments);
Console.WriteLine($"   {report.Seed}");

Console.WriteLine($"== slot search latency ({options.Searches:N0} sequential searches after warm-up)");
var latency = new SearchLatency(api, seeder, options);
report.Search = await latency.RunAsync();
foreach (var row in report.Search.Rows)
{
    Console.WriteLine($"   {row}");
}

Console.WriteLine("== booking throughput vs pgbench");
var throughput = new Throughput(api, seeder, options);
report.Throughput = await throughput.RunAsync();

if (options.SqliteBaseUrl is { } sqliteUrl)
{
    Console.WriteLine("== booking throughput on SQLite (second host, demo clinic)");
    report.Sqlite = await SqliteBooking.RunAsync(sqliteUrl, options.SqliteHostPid, options.Clients.Contains(16) ? 16 : options.Clients.Max(), options.DurationSeconds, options.WarmupSeconds, options.MaxWarmupSeconds);
}

report.Elapsed = total.Elapsed;
var markdown = report.Markdown();
Console.WriteLine();
Console.WriteLine(markdown);
if (options.ResultsPath is { } results)
{
    Directory.CreateDirectory(Path.GetDirectoryName(results)!);
    await File.WriteAllTextAsync(results, markdown);
    Console.WriteLine($"results written to {results}");
}

if (options.DocsPath is { } docs)
{
    await Report.UpdateDocsAsync(docs, markdown);
    Console.WriteLine($"generated block in {docs} updated");
}

internal sealed record BenchOptions(string BaseUrl, string ConnectionString, string PgBench, int PgPort, IReadOnlyList<int> Clients, int DurationSeconds,
    int Doctors, int Appointments, int Searches, int? HostPid, string? ResultsPath, string? DocsPath, string? SqliteBaseUrl = null, int? SqliteHostPid = null,
    bool SqliteOnly = false, int WarmupSeconds = 30, int MaxWarmupSeconds = 180)
{
    public static BenchOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            var key = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            map[key] = value;
        }

        string Need(string key) => map.TryGetValue(key, out var v) && v is not null ? v : throw new ArgumentException($"--{key} is required.");
        int Int(string key, int fallback) => map.TryGetValue(key, out var v) && v is not null ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var noDocs = map.ContainsKey("no-docs");
        var sqliteOnly = map.ContainsKey("sqlite-only");
        return new BenchOptions(sqliteOnly ? "" : Need("base-url"), sqliteOnly ? "" : Need("connection"), map.GetValueOrDefault("pgbench") ?? "/usr/lib/postgresql/15/bin/pgbench",
            Int("pg-port", 5432),
            (map.GetValueOrDefault("clients") ?? "16").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList(),
            Int("duration", 25), Int("doctors", 1000), Int("appointments", 1_000_000), Int("searches", 1500),
            map.TryGetValue("host-pid", out var pid) && pid is not null ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            map.GetValueOrDefault("results"), noDocs ? null : map.GetValueOrDefault("docs"), map.GetValueOrDefault("sqlite-base-url"),
            map.TryGetValue("sqlite-host-pid", out var sqlitePid) && sqlitePid is not null ? int.Parse(sqlitePid, CultureInfo.InvariantCulture) : null,
            sqliteOnly, Int("warmup", 30), Int("max-warmup", 180));
    }
}
