using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Telemed.ConsultationsBench;

internal sealed record Stats(int N, double? P50, double? P95, double? P99, double? Max, double? Mean, int[]? Histogram10ms = null);

/// <summary>One measured window, as the driver reports it, plus the CPU split the orchestrator sampled around it.</summary>
internal sealed record PhaseResult(string Kind, double Rate, double Seconds, long Sent, long Acked, long Errors, string? FirstError, bool Overloaded,
    double AckedPerSecond, long Delivered, long ExpectedDeliveries, double DeliveriesPerSecond, Stats Latency, Stats Ack, int? FrameBytes,
    double DriverCpuSeconds, CpuSplit? Cpu = null, bool Warmup = false, long? ServerRssMaxKb = null);

internal sealed record ConnectResult(int Connections, int Groups, double Seconds, int Retries, string? FirstError, int Width, Stats Start, Stats Join);

/// <summary>What the database holds after the run: rows, and whether the bodies are ciphertext.</summary>
internal sealed record StorageCheck(long Rows, long Encrypted, long Plaintext, string Sample, long ExpectedAtLeast, string Notes, long SentAtMost = 0);

/// <summary>What one message cost PostgreSQL during the closed-loop window (pg_stat_statements, pg_stat_database, pg_stat_wal).</summary>
internal sealed record MessageCost(double Statements, double Reads, double Writes, double Transactions, double WalSyncs, double AuditRows, double Messages,
    double PoolResets, string AuditActions);

internal sealed record StatementRow(long Calls, double TotalMs, double MeanMs, long Rows, string Query);

internal sealed record ChatRun(string Target, string Label, string Provider, string Settings, string LoadAtStart, string Environment, DateTime At,
    int Connections, int Groups, int PerGroup, int BodyLength, ConnectResult Connect, List<PhaseResult> Phases, StorageCheck? Storage,
    MessageCost? Cost, List<StatementRow> TopStatements, double SetupSeconds, Totals? Totals = null, long? RssBeforeConnectKb = null, long? RssAfterConnectKb = null);

/// <summary>The whole run as the driver saw it, across windows: nothing acknowledged may miss a receiver.</summary>
internal sealed record Totals(long Sent, long Acked, long Errors, long Deliveries, int Outstanding);

/// <summary>
/// Chat throughput and latency with 1,000 connections: the host's /hubs/chat (persisted, encrypted, audited) or the bare
/// WebSocket echo server, with the same driver, the same groups and the same message size.
/// </summary>
internal static class ChatBench
{
    public static async Task RunAsync(Options o)
    {
        var target = o.Need("target"); // signalr | ws
        var connections = o.Int("connections", 1000);
        var groups = o.Int("groups", 50);
        var perGroup = connections / groups;
        var bodyLength = o.Int("body-length", 120);
        var label = o.Get("label") ?? target;
        var provider = o.Get("provider") ?? "";
        var serverPid = o.Pid("server-pid");
        var postmasterPid = o.Get("pg-data") is { } pgData && File.Exists(Path.Combine(pgData, "postmaster.pid"))
            ? int.Parse(File.ReadLines(Path.Combine(pgData, "postmaster.pid")).First(), CultureInfo.InvariantCulture)
            : (int?)null;
        var total = Stopwatch.StartNew();
        var loadAtStart = Machine.LoadAverage();

        Console.WriteLine($"== {label}: {connections:N0} connections in {groups} conversations of {perGroup}");
        var setup = Stopwatch.StartNew();
        var groupSpecs = target == "signalr" ? await CreateConversationsAsync(o.Need("base-url"), groups) : SyntheticGroups(groups);
        var setupSeconds = setup.Elapsed.TotalSeconds;
        var url = target == "signalr" ? o.Need("base-url").TrimEnd('/') + "/hubs/chat" : o.Need("echo-url").Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/ws";

        await using var driver = Driver.Start(o.Need("driver"));
        var rssBeforeConnect = serverPid is { } sp0 ? Machine.RssKb(sp0) : null;
        // As the web app connects (web/src/shared/realtime/hubConnection.ts): a WebSocket straight away, no negotiate request.
        // --negotiate measures the fallback's way (negotiate, then the WebSocket with the id it gave).
        var skipNegotiation = target == "signalr" && !o.Has("negotiate");
        var connect = await driver.AskAsync<ConnectResult>(new { cmd = "connect", target, url, groups = groupSpecs, perGroup, bodyLength, skipNegotiation });
        var rssAfterConnect = serverPid is { } sp1 ? Machine.RssKb(sp1) : null;
        Console.WriteLine($"   connected {connect.Connections:N0} in {connect.Seconds:N1} s ({connect.Retries} retries{(connect.FirstError is null ? "" : ": " + connect.FirstError)}); server RSS {rssBeforeConnect / 1024:N0} → {rssAfterConnect / 1024:N0} MB");

        var pg = provider == "postgres" ? o.Need("connection") : null;
        var phases = new List<PhaseResult>();
        MessageCost? cost = null;
        var top = new List<StatementRow>();

        async Task<PhaseResult> Measure(string kind, double seconds, double rate, bool warmup = false, bool profile = false)
        {
            var idle = await driver.AskAsync<JsonElement>(new { cmd = "idle", timeoutSeconds = 60 });
            if (idle.GetProperty("outstanding").GetInt32() > 0)
            {
                Console.WriteLine($"   {idle.GetProperty("outstanding").GetInt32()} messages still unacknowledged after 60 s");
            }

            PgSnapshot? before = null;
            if (profile && pg is not null)
            {
                before = await PgSnapshot.TakeAsync(pg, reset: true);
            }

            var cpu = new CpuSampler(serverPid, postmasterPid, () => driver.Pid);
            var rss = new RssSampler(serverPid);
            var result = await driver.AskAsync<PhaseResult>(new { cmd = "phase", kind, seconds, rate });
            result = result with { Cpu = cpu.Stop(), Warmup = warmup, ServerRssMaxKb = await rss.StopAsync() };
            if (before is not null)
            {
                (cost, top) = await before.CostSinceAsync(pg!, result.Acked);
            }

            var what = kind == "closed" ? "closed loop" : $"{rate:N0} msg/s";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   {(warmup ? "warm-up " : "")}{what}: {result.AckedPerSecond:N0} msg/s acknowledged, {result.DeliveriesPerSecond:N0} deliveries/s, latency p50 {result.Latency.P50:N1} / p95 {result.Latency.P95:N1} / p99 {result.Latency.P99:N1} ms, errors {result.Errors}{(result.Overloaded ? " (overloaded)" : "")}; CPU {result.Cpu!.Text(target == "signalr" ? "host" : "echo")}; server RSS max {result.ServerRssMaxKb / 1024:N0} MB"));
            return result;
        }

        phases.Add(await Measure("closed", o.Double("warmup", 5), 0, warmup: true));
        foreach (var rate in o.Doubles("rates", "25,50,100,200"))
        {
            var r = await Measure("rate", o.Double("step", 10), rate);
            phases.Add(r);
            if (r.Overloaded || r.AckedPerSecond < 0.9 * rate)
            {
                Console.WriteLine("   the server cannot keep up: higher rates skipped");
                break;
            }
        }

        phases.Add(await Measure("closed", o.Double("closed", 15), 0, profile: true));
        var totals = await driver.AskAsync<Totals>(new { cmd = "totals" });
        Console.WriteLine($"   whole run: {totals.Sent:N0} sent, {totals.Acked:N0} acknowledged, {totals.Errors} errors, {totals.Deliveries:N0} deliveries to other connections (expected {totals.Acked * (perGroup - 1):N0}), {totals.Outstanding} unacknowledged at the end");
        await driver.AskAsync<JsonElement>(new { cmd = "quit" });

        StorageCheck? storage = null;
        if (target == "signalr")
        {
            // Each thread starts with the patient's first message; every acknowledged send must be there, nothing beyond what was sent.
            var persisted = groups + totals.Acked;
            storage = provider == "postgres" ? await CheckPostgresAsync(o.Need("connection"), persisted) : CheckSqlite(o.Need("connection"), persisted);
            storage = storage with { SentAtMost = groups + totals.Sent };
            Console.WriteLine($"   stored: {storage.Rows:N0} messages ({storage.ExpectedAtLeast:N0} acknowledged, {storage.SentAtMost:N0} sent), {storage.Encrypted:N0} with a v1. ciphertext body, {storage.Plaintext:N0} with the plaintext visible; sample {storage.Sample}");
        }

        var settings = pg is not null ? await PgSnapshot.SettingsAsync(pg) : provider == "sqlite" ? "SQLite (the host's defaults: WAL journal)" : "";
        var run = new ChatRun(target, label, provider, settings, loadAtStart, Machine.Describe(), DateTime.UtcNow, connections, groups, perGroup, bodyLength, connect,
            phases, storage, cost, top, setupSeconds, totals, rssBeforeConnect, rssAfterConnect);
        await File.WriteAllTextAsync(o.Need("out"), JsonSerializer.Serialize(run, Api.Json));
        Console.WriteLine($"   {label} done in {total.Elapsed.TotalSeconds:N0} s");
    }

    /// <summary>Patients open care-team threads with doctors (POST /conversations); every thread gets connections of both.</summary>
    internal static async Task<List<object>> CreateConversationsAsync(string baseUrl, int count)
    {
        var accounts = await Api.DemoAccountsAsync(baseUrl);
        var patientAccounts = accounts.Where(a => a.Role.Equals("patient", StringComparison.OrdinalIgnoreCase)).ToList();
        var doctorAccounts = accounts.Where(a => a.Role.Equals("doctor", StringComparison.OrdinalIgnoreCase)).ToList();
        var patients = await Task.WhenAll(patientAccounts.Select(a => Api.SignInAsync(baseUrl, a)));
        var doctors = await Task.WhenAll(doctorAccounts.Select(a => Api.SignInAsync(baseUrl, a)));
        var doctorIds = await Task.WhenAll(doctors.Select(async d => (await d.GetAsync("/api/v1/me/doctor-profile")).GetProperty("id").GetGuid()));
        Console.WriteLine($"   signed in {patients.Length} patients and {doctors.Length} doctors (bearer tokens; doctors with TOTP)");

        var specs = new List<object>();
        for (var i = 0; i < count; i++)
        {
            var patient = patients[i % patients.Length];
            var d = (i + i / patients.Length) % doctors.Length;
            var conversation = await patient.SendAsync(HttpMethod.Post, "/api/v1/consultations/conversations",
                new { doctorId = doctorIds[d], subject = $"Bench thread {i + 1}", body = "Hello, doctor: a question about my results." });
            specs.Add(new
            {
                id = conversation.GetProperty("id").GetGuid(), patientToken = patient.Token, doctorToken = doctors[d].Token,
                patientName = conversation.GetProperty("patientName").GetString(), doctorName = conversation.GetProperty("doctorName").GetString(),
            });
        }

        Console.WriteLine($"   {count} care-team conversations created");
        return specs;
    }

    /// <summary>For the echo server: the same number of groups with names and ids of the same length as the host's.</summary>
    private static List<object> SyntheticGroups(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (object)new
        {
            id = Guid.NewGuid(), patientName = "Ivan Kuznetsov", doctorName = "Anna Petrova",
            patientUserId = Guid.NewGuid(), doctorUserId = Guid.NewGuid(),
        })];

    private static async Task<StorageCheck> CheckPostgresAsync(string connectionString, long expected)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*), count(*) FILTER (WHERE left("Body", 3) = 'v1.'), count(*) FILTER (WHERE "Body" LIKE '%bench #%'),
                   (SELECT left("Body", 48) FROM consultations.messages ORDER BY "SentAt" DESC LIMIT 1)
            FROM consultations.messages
            """, db);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StorageCheck(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3) + "…", expected, "consultations.messages");
    }

    private static StorageCheck CheckSqlite(string connectionString, long expected)
    {
        using var db = new SqliteConnection(connectionString);
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = """
            SELECT count(*), sum(substr(Body, 1, 3) = 'v1.'), sum(instr(Body, 'bench #') > 0),
                   (SELECT substr(Body, 1, 48) FROM consultations_messages ORDER BY SentAt DESC LIMIT 1)
            FROM consultations_messages
            """;
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return new StorageCheck(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3) + "…", expected, "consultations_messages");
    }
}

/// <summary>The node driver (bench/consultations/chat-load.mjs), one JSON line per command and answer.</summary>
internal sealed class Driver : IAsyncDisposable
{
    private readonly Process _process;

    private Driver(Process process) => _process = process;

    public int? Pid => _process.HasExited ? null : _process.Id;

    public static Driver Start(string script)
    {
        var info = new ProcessStartInfo("node", ["--max-old-space-size=4096", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(script))!,
        };
        return new Driver(Process.Start(info)!);
    }

    public async Task<T> AskAsync<T>(object command)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command, Api.Json));
        await _process.StandardInput.FlushAsync();
        var line = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The load driver exited.");
        var answer = JsonDocument.Parse(line).RootElement;
        if (!answer.GetProperty("ok").GetBoolean())
        {
            throw new InvalidOperationException("The load driver failed: " + answer.GetProperty("error").GetString());
        }

        return answer.Deserialize<T>(Api.Json)!;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill();
            }
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

/// <summary>PostgreSQL counters before a window, to turn what happened during it into a cost per message.</summary>
internal sealed class PgSnapshot
{
    private long _commits;
    private long _walSyncs;
    private long _auditRows;
    private long _auditLastId;

    public static async Task<PgSnapshot> TakeAsync(string connectionString, bool reset)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        if (reset)
        {
            await Exec(db, "SELECT pg_stat_statements_reset()");
        }

        return new PgSnapshot
        {
            _commits = await Scalar(db, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"),
            _walSyncs = await Scalar(db, "SELECT wal_sync FROM pg_stat_wal"),
            _auditRows = await Scalar(db, "SELECT count(*) FROM audit.entries"),
            _auditLastId = await Scalar(db, "SELECT coalesce(max(\"Id\"), 0) FROM audit.entries"),
        };
    }

    public async Task<(MessageCost, List<StatementRow>)> CostSinceAsync(string connectionString, long messages)
    {
        await Task.Delay(600); // pg_stat_database is flushed by backends at most every 500 ms
        var after = await TakeAsync(connectionString, reset: false);
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var statements = new List<StatementRow>();
        long calls = 0, reads = 0, writes = 0, resets = 0;
        await using (var cmd = new NpgsqlCommand("""
            SELECT s.calls, s.total_exec_time, s.mean_exec_time, s.rows, regexp_replace(s.query, '\s+', ' ', 'g')
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat%'
            ORDER BY s.total_exec_time DESC
            """, db))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var query = reader.GetString(4);
                var n = reader.GetInt64(0);
                calls += n;
                if (query.StartsWith("DISCARD", StringComparison.OrdinalIgnoreCase))
                {
                    resets += n;
                }
                if (query.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                {
                    reads += n;
                }
                else if (query.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || query.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || query.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
                {
                    writes += n;
                }

                if (statements.Count < 12)
                {
                    statements.Add(new StatementRow(n, reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3), query.Length > 160 ? query[..160] : query));
                }
            }
        }

        double per = Math.Max(1, messages);
        var actions = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT "Action", "RecordType", count(*) FROM audit.entries WHERE "Id" > $1 GROUP BY 1, 2 ORDER BY 3 DESC
            """, db))
        {
            cmd.Parameters.AddWithValue(_auditLastId);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                actions.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)} {(reader.IsDBNull(1) ? "" : reader.GetString(1))} {reader.GetInt64(2) / per:N2}"));
            }
        }

        return (new MessageCost(calls / per, reads / per, writes / per, (after._commits - _commits) / per, (after._walSyncs - _walSyncs) / per,
            (after._auditRows - _auditRows) / per, messages, resets / per, string.Join(", ", actions)), statements);
    }

    public static async Task<string> SettingsAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings
            WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'server_version')
            """, db);
        return "PostgreSQL " + (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task Exec(NpgsqlConnection db, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, db);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(NpgsqlConnection db, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
