using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Telemed.SchedulingBench;

internal sealed record ThroughputRow(int Clients, double PgBenchTps, double PgBenchLatencyMs, CpuSplit PgBenchCpu, double BookingTxTps, CpuSplit BookingTxCpu,
    double HttpTps, int Booked, int Conflicts, int Errors, double BookP50, double BookP99, CpuSplit HttpCpu, int Undelivered = 0, double DrainSeconds = 0,
    int WarmupSeconds = 0, double? JitShare = null)
{
    /// <summary>Bookings ÷ (measured run + time until their integration events were all delivered).</summary>
    public double Sustained => Booked / (HttpTps > 0 ? Booked / HttpTps + DrainSeconds : 1);

    /// <summary>HTTP bookings/s ÷ pgbench one-row inserts/s.</summary>
    public double Ratio => HttpTps / PgBenchTps;

    /// <summary>HTTP bookings/s ÷ pgbench running the booking's own SQL transaction (<see cref="BookingTransaction"/>).</summary>
    public double BookingTxRatio => HttpTps / BookingTxTps;
}

/// <summary>Bookings/s of the same HTTP clients against a second host on SQLite (the embedded default), same machine.</summary>
/// <param name="JitShare">Cores the host's JIT used during the measured run (null: the host serves no JIT counter).</param>
internal sealed record SqliteRun(int Clients, int Duration, double HttpTps, int Booked, int Conflicts, int Errors, double BookP50, double BookP99, CpuSplit Cpu, int FreeSlots,
    int Undelivered = 0, double DrainSeconds = 0, int WarmupSeconds = 0, double? JitShare = null)
{
    /// <summary>Bookings ÷ (measured run + time until their integration events were all delivered).</summary>
    public double Sustained => Booked / (Duration + DrainSeconds);
}

/// <summary>What one booking cost the database at the profiled client count, from pg_stat_statements, pg_stat_database and pg_stat_wal deltas.</summary>
internal sealed record BookingCost(double Statements, double Selects, double Writes, double Transactions, double WalSyncs, double AuditAppends);

/// <param name="Sustained">What one booking cost the database from the start of the profiled run until its integration events were all
/// delivered (the notices, inbox entries, payment and care access included), and that window's top statements.</param>
internal sealed record ThroughputResults(IReadOnlyList<ThroughputRow> Rows, int Duration, int ProfiledClients, BookingCost Cost,
    IReadOnlyList<string[]> TopStatements, string BookingTxScript, BookingCost BookingTxCost, BookingCost? Sustained = null,
    IReadOnlyList<string[]>? SustainedTop = null);

/// <summary>
/// For each client count C, in the same run and on the same cluster: pgbench with C clients doing one-row
/// INSERTs (one transaction each), then C HTTP clients booking distinct free slots as fast as they can.
/// Both for the same duration; only 201 Created counts as a booking.
/// </summary>
internal sealed partial class Throughput(ApiClient api, Seeder seeder, BenchOptions options)
{
    public async Task<ThroughputResults> RunAsync()
    {
        var slots = await seeder.FreeSlotsAsync();
        var patients = await seeder.PatientIdsAsync();
        Console.WriteLine($"   {slots.Count:N0} free slots available for booking");
        await using (var db = await seeder.OpenAsync())
        {
            await Seeder.ExecAsync(db, """
                CREATE TABLE IF NOT EXISTS bench.pgbench_bookings (
                    id bigserial PRIMARY KEY, doctor_id uuid NOT NULL, start timestamptz NOT NULL, created_at timestamptz NOT NULL)
                """);
        }

        var script = Path.Combine(Path.GetTempPath(), $"telemed-pgbench-{Environment.ProcessId}.sql");
        await File.WriteAllTextAsync(script, "INSERT INTO bench.pgbench_bookings (doctor_id, start, created_at) VALUES (gen_random_uuid(), now(), now());\n");
        string bookingScriptText;
        await using (var db = await seeder.OpenAsync())
        {
            bookingScriptText = await BookingTransaction.PrepareAsync(db);
        }

        var bookingScript = Path.Combine(Path.GetTempPath(), $"telemed-pgbench-booking-{Environment.ProcessId}.sql");
        await File.WriteAllTextAsync(bookingScript, bookingScriptText);
        var bookingTxCost = new BookingCost(0, 0, 0, 0, 0, 0);

        // Warm the booking path once (JIT, pools) so the first client count is not penalised.
        await BookForAsync(api, options.HostPid, Math.Min(8, options.Clients.Max()), TimeSpan.FromSeconds(5), slots, patients, count: false);

        var profiled = options.Clients.Contains(16) ? 16 : options.Clients[options.Clients.Count / 2];
        var rows = new List<ThroughputRow>();
        var cost = new BookingCost(0, 0, 0, 0, 0, 0);
        BookingCost? sustained = null;
        IReadOnlyList<string[]> top = [], sustainedTop = [];
        try
        {
            foreach (var clients in options.Clients)
            {
                var (pgTps, pgLatency, pgCpu) = await PgBenchAsync(clients, script);
                Console.WriteLine($"   C={clients}: pgbench {pgTps:N0} tps (latency {pgLatency:N2} ms) [{pgCpu}]");
                var profile = clients == profiled;
                (long Commits, long Syncs) txBefore = default;
                if (profile)
                {
                    await using var db = await seeder.OpenAsync();
                    await Seeder.ExecAsync(db, "SELECT pg_stat_statements_reset()");
                    txBefore = await CommitsAsync(db);
                }

                var (txTps, _, txCpu) = await PgBenchAsync(clients, bookingScript);
                if (profile)
                {
                    await using var db = await seeder.OpenAsync();
                    bookingTxCost = await CostAsync(db, txBefore, units: null);
                }

                Console.WriteLine($"   C={clients}: pgbench running the booking's transaction {txTps:N0} tps [{txCpu}]");

                // The first measurement warms the booking path up until the JIT has settled (it promotes methods for about 100 s under
                // this load), the others only settle the pool for their client count.
                var warmup = 3;
                if (clients == options.Clients[0])
                {
                    warmup = await Jit.WarmUpAsync(api, options.HostPid, clients, TimeSpan.FromSeconds(options.WarmupSeconds),
                        TimeSpan.FromSeconds(options.MaxWarmupSeconds), slots, patients, keepSlots: 2_000 * options.DurationSeconds);
                }
                else
                {
                    await BookForAsync(api, options.HostPid, clients, TimeSpan.FromSeconds(warmup), slots, patients, count: false);
                }

                // The measured run starts with nothing left over from the warm-up.
                await Backlog.DrainAsync(api.Http, TimeSpan.FromMinutes(5));
                (long Commits, long Syncs) before = default;
                if (profile)
                {
                    await using var db = await seeder.OpenAsync();
                    await Seeder.ExecAsync(db, "SELECT pg_stat_statements_reset()");
                    before = await CommitsAsync(db);
                }

                var jitBefore = await Jit.SecondsAsync(api.Http);
                var http = await BookForAsync(api, options.HostPid, clients, TimeSpan.FromSeconds(options.DurationSeconds), slots, patients, count: true);
                var jitShare = jitBefore is { } jb && await Jit.SecondsAsync(api.Http) is { } ja ? (ja - jb) / options.DurationSeconds : (double?)null;
                if (profile)
                {
                    await using var db = await seeder.OpenAsync();
                    // Counted over the measured window only; background workers (outbox, reminders) are included, as they are part of the cost.
                    cost = await CostAsync(db, before, Math.Max(1, http.Attempts));
                    top = await Statements.TopAsync(db, 12);
                }

                var drained = await Backlog.DrainAsync(api.Http, TimeSpan.FromMinutes(5));
                if (profile)
                {
                    // pg_stat_statements was not reset since the run started: this window is the run plus the drain.
                    await using var db = await seeder.OpenAsync();
                    sustained = await CostAsync(db, before, Math.Max(1, http.Booked));
                    sustainedTop = await Statements.TopAsync(db, 40);
                    Console.WriteLine($"   C={clients}: per booking with its consequences {sustained.Statements:N1} statements, {sustained.Transactions:N1} transactions, " +
                        $"{sustained.WalSyncs:N2} WAL flushes");
                }

                var row = new ThroughputRow(clients, pgTps, pgLatency, pgCpu, txTps, txCpu, http.Booked / (double)options.DurationSeconds, http.Booked, http.Conflicts,
                    http.Errors, http.P50, http.P99, http.Cpu, drained?.AtStart ?? 0, drained?.Seconds ?? 0, warmup, jitShare);
                Console.WriteLine($"   C={clients}: {row.Undelivered} integration events undelivered at the end, delivered {row.DrainSeconds:N1} s later: " +
                    $"sustained {row.Sustained:N0} bookings/s");
                Console.WriteLine($"   C={clients}: HTTP {row.HttpTps:N0} bookings/s (p50 {row.BookP50:N1} ms, p99 {row.BookP99:N1} ms, " +
                    $"{row.Conflicts} conflicts, {row.Errors} errors) [{row.HttpCpu}] → ratio {row.Ratio:N2} (one-row insert), {row.BookingTxRatio:N2} (booking transaction); " +
                    $"warmed up {row.WarmupSeconds} s, the JIT at {row.JitShare?.ToString("N3", CultureInfo.InvariantCulture) ?? "?"} cores during the run");
                rows.Add(row);
            }
        }
        finally
        {
            File.Delete(script);
            File.Delete(bookingScript);
        }

        return new ThroughputResults(rows, options.DurationSeconds, profiled, cost, top, bookingScriptText, bookingTxCost, sustained, sustainedTop);
    }

    /// <summary>
    /// What the database did per unit of work since <paramref name="before"/>, from pg_stat_statements (reset at the start of the
    /// window), pg_stat_database and pg_stat_wal. Background workers are included, as they are part of the cost. A <c>WITH</c> with a
    /// data-modifying part is a write: on PostgreSQL a one-command save is one such statement (its INSERTs and UPDATEs its parts).
    /// </summary>
    /// <param name="units">Units of work in the window; null: the commits in it (pgbench: one per transaction).</param>
    private static async Task<BookingCost> CostAsync(Npgsql.NpgsqlConnection db, (long Commits, long Syncs) before, double? units)
    {
        var after = await CommitsAsync(db);
        var per = units ?? Math.Max(1, after.Commits - before.Commits);
        var kinds = (await Seeder.RowsAsync(db, """
            SELECT CASE WHEN query ILIKE 'select pg_advisory%' THEN 'audit'
                        WHEN query ILIKE 'with%' AND query ~* '\m(insert|update|delete)\M' THEN 'write'
                        WHEN query ILIKE 'select%' OR query ILIKE 'with%' THEN 'select'
                        WHEN query ILIKE 'insert%' OR query ILIKE 'update%' OR query ILIKE 'delete%' THEN 'write' ELSE 'other' END,
                   sum(calls)
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat%'
            GROUP BY 1
            """)).ToDictionary(r => r[0], r => double.Parse(r[1], CultureInfo.InvariantCulture));
        return new BookingCost(kinds.Values.Sum() / per, kinds.GetValueOrDefault("select") / per, kinds.GetValueOrDefault("write") / per,
            (after.Commits - before.Commits) / per, (after.Syncs - before.Syncs) / per, kinds.GetValueOrDefault("audit") / per);
    }

    private static async Task<(long Commits, long Syncs)> CommitsAsync(Npgsql.NpgsqlConnection db)
    {
        await Seeder.ExecAsync(db, "SELECT pg_stat_clear_snapshot()");
        var row = (await Seeder.RowsAsync(db, "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()), (SELECT wal_sync FROM pg_stat_wal)")).Single();
        return (long.Parse(row[0], CultureInfo.InvariantCulture), long.Parse(row[1], CultureInfo.InvariantCulture));
    }

    internal sealed record HttpRun(int Booked, int Conflicts, int Errors, int Attempts, double P50, double P99, CpuSplit Cpu);

    /// <summary>
    /// <paramref name="clients"/> HTTP clients booking distinct free slots (taken from <paramref name="slots"/>) through
    /// <paramref name="api"/> for <paramref name="duration"/>; CPU is split with the host process <paramref name="hostPid"/>.
    /// </summary>
    internal static async Task<HttpRun> BookForAsync(ApiClient api, int? hostPid, int clients, TimeSpan duration, Queue<FreeSlot> slots, List<Guid> patients,
        bool count)
    {
        var booked = 0;
        var conflicts = 0;
        var errors = 0;
        var attempts = 0;
        var latencies = new List<double>[clients];
        var cpu = CpuSampler.Start(hostPid);
        var watch = Stopwatch.StartNew();
        var reported = 0;

        async Task Client(int index)
        {
            latencies[index] = [];
            var random = new Random(index);
            while (watch.Elapsed < duration)
            {
                FreeSlot slot;
                lock (slots)
                {
                    if (!slots.TryDequeue(out slot!))
                    {
                        throw new InvalidOperationException("Ran out of free slots: seed more doctors or shorten the run.");
                    }
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scheduling/appointments")
                {
                    Content = JsonContent.Create(new
                    {
                        doctorId = slot.DoctorId,
                        clinicId = slot.ClinicId,
                        kind = "video",
                        start = slot.Start.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        patientId = patients[random.Next(patients.Count)],
                    }, options: ApiClient.Json),
                };
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                var started = watch.Elapsed;
                using var response = await api.Http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var ended = watch.Elapsed;
                if (ended > duration)
                {
                    break;
                }

                Interlocked.Increment(ref attempts);
                latencies[index].Add((ended - started).TotalMilliseconds);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref booked);
                }
                else if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    Interlocked.Increment(ref conflicts);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                    if (Interlocked.Increment(ref reported) <= 3)
                    {
                        Console.WriteLine($"   booking answered {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(() => Client(i))));
        var split = cpu.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double At(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return count ? new HttpRun(booked, conflicts, errors, attempts, At(0.5), At(0.99), split) : new HttpRun(0, 0, 0, 0, 0, 0, split);
    }

    private async Task<(double Tps, double LatencyMs, CpuSplit Cpu)> PgBenchAsync(int clients, string script)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(seeder.ConnectionString);
        var start = new ProcessStartInfo(options.PgBench)
        {
            ArgumentList =
            {
                "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
                "-T", options.DurationSeconds.ToString(CultureInfo.InvariantCulture), "-f", script,
                "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username ?? "postgres", builder.Database!,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var cpu = CpuSampler.Start(options.HostPid);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var split = cpu.Stop();
        var text = await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {await error}\n{text}");
        }

        var tps = TpsPattern().Match(text);
        var latency = LatencyPattern().Match(text);
        return (double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture),
            latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN, split);
    }

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex TpsPattern();

    [GeneratedRegex(@"latency average = ([\d.]+) ms")]
    private static partial Regex LatencyPattern();
}
