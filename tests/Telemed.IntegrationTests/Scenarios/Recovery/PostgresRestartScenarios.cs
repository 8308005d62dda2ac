using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Telemed.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Recovery;

/// <summary>
/// PostgreSQL restarted under a light booking load (issue 15, item 4; docs/recovery.md): the same host process, never restarted,
/// answers /health/ready and books again within 10 s of the server being back; every booking it acknowledged (201) before,
/// during and after is in the database; everything it refused meanwhile was a clean 503 <c>database.unavailable</c> with
/// Retry-After (or a booking rule's own 409), never a 500 and never a hang past the client's timeout.
/// </summary>
[Collection(nameof(RecoveryCollection))]
public sealed class PostgresRestartScenarios(ITestOutputHelper output) : IDisposable
{
    private const int Workers = 4;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    // The host's data folder: the test owns it (TelemedHost keeps a given folder), so it is removed here.
    private readonly string _data = Path.Combine(Path.GetTempPath(), "telemed-restart-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder: the OS cleans what is left.
        }
    }

    private sealed record Attempt(DateTime StartedAt, double Seconds, int Status, string? Code, bool RetryAfter, Guid? Booked, string? Failure);

    [Theory]
    [InlineData("fast")]
    [InlineData("immediate")]
    public async Task Given_bookings_in_flight_When_PostgreSQL_restarts_Then_the_same_host_serves_writes_within_10_s_and_loses_no_acknowledged_booking(string mode)
    {
        await using var cluster = PostgresCluster.Start();
        var database = await cluster.CreateDatabaseAsync();
        await using var host = new TelemedHost(database, _data);
        await host.InitializeAsync();

        // Work for the load: distinct (doctor, slot) pairs, so every refusal is about the outage, not two workers on one slot.
        using var browse = await host.SignedInAsync(PatientEmails[0]);
        var work = new ConcurrentQueue<(Guid Doctor, SlotInfo Slot)>();
        foreach (var (doctor, _) in await DoctorsAsync(browse))
        {
            foreach (var slot in (await SlotsAsync(browse, doctor, Today(host).AddDays(1), 20)).Where((_, i) => i % 2 == 0))
            {
                work.Enqueue((doctor, slot));
            }
        }

        work.Count.ShouldBeGreaterThan(200, "enough free slots for the load");
        var clients = new List<ApiClient>();
        for (var i = 0; i < Workers; i++)
        {
            clients.Add(await host.SignedInAsync(PatientEmails[i + 1]));
        }

        var attempts = new ConcurrentBag<Attempt>();
        using var stop = new CancellationTokenSource();
        var load = clients.Select(client => Task.Run(() => BookUntilStoppedAsync(client, work, attempts, stop.Token))).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3));
        var restartStarted = DateTime.UtcNow;
        await Task.Run(() => cluster.Restart(mode));
        var serverBack = DateTime.UtcNow;

        // The host, untouched: probe readiness until it says ready, and watch the load for its first booking after the restart.
        var ready = await FirstAsync(async () =>
        {
            using var probe = host.CreateApiClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                return (await probe.Http.GetAsync("/health/ready", timeout.Token)).StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30));
        await FirstAsync(() => Task.FromResult(attempts.Any(a => a.Booked is not null && a.StartedAt >= serverBack)), TimeSpan.FromSeconds(30));

        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(60));
        foreach (var client in clients)
        {
            client.Dispose();
        }

        var all = attempts.OrderBy(a => a.StartedAt).ToList();
        // The first booking sent after the server was back, at the moment its 201 arrived.
        var firstWrite = all.Where(a => a.Booked is not null && a.StartedAt >= serverBack).Select(a => (DateTime?)a.StartedAt.AddSeconds(a.Seconds)).Min();
        var acknowledged = all.Where(a => a.Booked is not null).Select(a => a.Booked!.Value).ToList();
        var outage = (serverBack - restartStarted).TotalSeconds;
        var readyAfter = ready is { } r ? (r - serverBack).TotalSeconds : double.NaN;
        var writeAfter = firstWrite is { } w ? (w - serverBack).TotalSeconds : double.NaN;
        output.WriteLine($"pg_ctl restart -m {mode}: server down and back in {outage:0.00} s; host ready {readyAfter:0.00} s and booking again {writeAfter:0.00} s after that " +
            $"(from the restart command: {(ready is { } r2 ? (r2 - restartStarted).TotalSeconds : double.NaN):0.00} s / {(firstWrite is { } w2 ? (w2 - restartStarted).TotalSeconds : double.NaN):0.00} s)");
        output.WriteLine($"requests: {all.Count}, booked (201): {acknowledged.Count}, by answer: " +
            string.Join(", ", all.GroupBy(a => $"{a.Status} {a.Code ?? a.Failure}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}")));
        output.WriteLine($"slowest request: {all.Max(a => a.Seconds):0.00} s; machine load {File.ReadAllText("/proc/loadavg").Trim()}");

        ready.ShouldNotBeNull($"/health/ready never answered 200 after the restart\n{cluster.Log()}");
        firstWrite.ShouldNotBeNull("no booking succeeded after the restart");
        readyAfter.ShouldBeLessThan(10, "the host must be ready within 10 s of PostgreSQL being back");
        writeAfter.ShouldBeLessThan(10, "the host must serve writes within 10 s of PostgreSQL being back");
        acknowledged.Count(id => all.Any(a => a.Booked == id && a.StartedAt < restartStarted)).ShouldBeGreaterThan(0, "the load booked before the restart");

        // Clean refusals only: a 503 with its code and Retry-After, or a booking rule's 409; no 500, no dropped connection, no hang.
        all.ShouldNotContain(a => a.Failure != null, string.Join("; ", all.Where(a => a.Failure != null).Select(a => a.Failure).Distinct()));
        all.ShouldNotContain(a => a.Status >= 500 && a.Status != 503, "a 5xx other than 503");
        all.Where(a => a.Status == 503).ShouldAllBe(a => a.Code == "database.unavailable" && a.RetryAfter);
        all.Where(a => a.Status is >= 400 and < 500).ShouldAllBe(a => a.Status == 409 && a.Code != null && a.Code.StartsWith("scheduling.", StringComparison.Ordinal));
        all.Max(a => a.Seconds).ShouldBeLessThan(RequestTimeout.TotalSeconds);
        host.Logs.ShouldNotContain(l => l.Contains("Hosting stopped", StringComparison.Ordinal) || l.Contains("BackgroundService failed", StringComparison.Ordinal));

        // Every acknowledged booking is in the database, read directly.
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM scheduling.appointments WHERE \"Id\" = ANY(@ids)", connection);
        count.Parameters.AddWithValue("ids", acknowledged.ToArray());
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(acknowledged.Count, "an acknowledged booking is missing after the restart");
    }

    private static async Task BookUntilStoppedAsync(ApiClient client, ConcurrentQueue<(Guid Doctor, SlotInfo Slot)> work, ConcurrentBag<Attempt> attempts, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && work.TryDequeue(out var next))
        {
            var started = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            using var timeout = new CancellationTokenSource(RequestTimeout);
            try
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scheduling/appointments")
                {
                    Content = JsonContent.Create(new { doctorId = next.Doctor, clinicId = next.Slot.ClinicId, kind = "video", start = next.Slot.Start }, options: ApiClient.Json),
                };
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                using var response = await client.Http.SendAsync(request, timeout.Token);
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                JsonElement? json = body.Length > 0 && body.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize<JsonElement>(body) : null;
                var booked = response.StatusCode == HttpStatusCode.Created ? json?.GetProperty("id").GetGuid() : null;
                var code = json is { } j && j.TryGetProperty("code", out var c) ? c.GetString() : null;
                attempts.Add(new Attempt(started, clock.Elapsed.TotalSeconds, (int)response.StatusCode, code, response.Headers.RetryAfter is not null, booked, null));
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException)
            {
                attempts.Add(new Attempt(started, clock.Elapsed.TotalSeconds, 0, null, false, null, e.GetType().Name + ": " + e.Message));
            }

            // A light load: a booking every ~50 ms per worker.
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static async Task<DateTime?> FirstAsync(Func<Task<bool>> probe, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe())
            {
                return DateTime.UtcNow;
            }

            await Task.Delay(100);
        }

        return null;
    }
}
