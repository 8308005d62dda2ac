using System.Diagnostics;
using System.Globalization;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Host.Platform;
using Telemed.Modules.Audit;

// Audit throughput: the host's own services (no HTTP), WRITERS concurrent units of work each appending RECORDS
// audit records in a commit of their own, as a request does for its PHI reads, while one sealer chains them.
// Usage: Telemed.AuditBench --provider Postgres|Sqlite --connection <cs> --data <folder> [--seconds 20] [--writers 16,64] [--records 2]
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
var seconds = int.Parse(options.GetValueOrDefault("seconds", "20"), CultureInfo.InvariantCulture);
var writerCounts = options.GetValueOrDefault("writers", "16,64").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToList();
var recordsPerUnit = int.Parse(options.GetValueOrDefault("records", "2"), CultureInfo.InvariantCulture);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.Configuration["Storage:DataDirectory"] = options["data"];
builder.Configuration["Database:Provider"] = options["provider"];
builder.Configuration["Database:ConnectionString"] = options["connection"];
builder.Configuration["Encryption:AllowDevelopmentKeys"] = "true";
builder.Configuration["DemoClinic:Seed"] = "false";
builder.Configuration["Logging:LogLevel:Default"] = "Warning";
builder.AddTelemedPlatform();
await using var app = builder.Build();
await app.PrepareAsync();
var trail = app.Services.GetRequiredService<IAuditTrail>();

Console.WriteLine($"| writers | records per unit | units/s | audit records/s written | p50 ms | p99 ms | sealed records/s | sealer lag at end | chain |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
foreach (var writers in writerCounts)
{
    using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
    var latencies = new List<double>[writers];
    var clock = Stopwatch.StartNew();
    long sealedDuringLoad = 0;
    var sealer = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            var n = await AuditModule.SealAsync(app.Services);
            Interlocked.Add(ref sealedDuringLoad, n);
            if (n == 0)
            {
                await Task.Delay(50);
            }
        }
    });
    var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
    {
        var mine = latencies[w] = [];
        var actor = Guid.NewGuid();
        while (!stop.IsCancellationRequested)
        {
            var records = Enumerable.Range(0, recordsPerUnit).Select(_ => new AuditRecord(AuditActions.PhiRead, AuditOutcome.Success, DateTime.UtcNow,
                actor, "Doctor", "10.0.0.7", "PatientClinicalSummary", Guid.NewGuid().ToString())).ToList();
            var started = Stopwatch.GetTimestamp();
            await trail.AppendAsync(records);
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    })).ToList();
    await Task.WhenAll(tasks);
    var elapsed = clock.Elapsed.TotalSeconds;
    await sealer;
    var all = latencies.SelectMany(l => l).Order().ToList();
    var units = all.Count;
    var lag = await CountUnsealedAsync();
    var catchUp = Stopwatch.StartNew();
    var sealedAfter = await AuditModule.SealAsync(app.Services);
    var sealRate = (sealedDuringLoad + sealedAfter) / (elapsed + catchUp.Elapsed.TotalSeconds);
    var report = await AuditModule.VerifyChainAsync(app.Services);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {writers} | {recordsPerUnit} | {units / elapsed:F0} | {units * recordsPerUnit / elapsed:F0} | {all[all.Count / 2]:F1} | {all[(int)(all.Count * 0.99)]:F1} | {sealRate:F0} | {lag} (sealed in {catchUp.Elapsed.TotalSeconds:F1} s) | {(report.Intact ? $"intact, {report.CheckedEntries} entries" : "BROKEN " + report.Problem)} |"));
}

async Task<long> CountUnsealedAsync() => (await AuditModule.VerifyChainAsync(app.Services)).UnsealedEntries;
