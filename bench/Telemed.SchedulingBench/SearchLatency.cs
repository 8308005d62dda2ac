using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Telemed.SchedulingBench;

internal sealed record LatencyRow(string Name, int Requests, int Errors, double P50, double P95, double P99, double Max, double Mean, string Note)
{
    public override string ToString() =>
        $"{Name}: n={Requests} errors={Errors} p50={P50:N1} ms p95={P95:N1} ms p99={P99:N1} ms max={Max:N1} ms ({Note})";

    public static LatencyRow From(string name, List<double> ms, int errors, string note)
    {
        var sorted = ms.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new LatencyRow(name, sorted.Length, errors, At(0.50), At(0.95), At(0.99), sorted.LastOrDefault(), sorted.DefaultIfEmpty().Average(), note);
    }
}

internal sealed record SearchResults(IReadOnlyList<LatencyRow> Rows, IReadOnlyList<string[]> TopStatements, string SlotQueryPlan, string DoctorQueryPlan);

/// <summary>Sequential requests (one at a time, nothing else running), timed at the client from send to the last byte read.</summary>
internal sealed class SearchLatency(ApiClient api, Seeder seeder, BenchOptions options)
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    public async Task<SearchResults> RunAsync()
    {
        var random = new Random(7);
        var doctors = await seeder.BenchDoctorIdsAsync();
        var clinics = await ClinicIdsAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Moscow));

        // A realistic mix: a specialty and a week starting within the next month (what the patient app asks),
        // a quarter of them also filtered by language, one in ten by clinic; page 1 of 10 doctors, 6 slots each.
        string Search()
        {
            var from = today.AddDays(random.Next(0, 31));
            var url = $"/api/v1/scheduling/slots?specialty={Seeder.Specialties[random.Next(Seeder.Specialties.Length)]}&kind=video" +
                $"&from={from:yyyy-MM-dd}&to={from.AddDays(6):yyyy-MM-dd}&timeZone=Europe/Moscow&perDoctor=6&page=1&pageSize=10";
            var roll = random.NextDouble();
            return roll < 0.25 ? url + "&language=en" : roll < 0.35 ? url + $"&clinicId={clinics[random.Next(clinics.Count)]}" : url;
        }

        string DoctorWeek()
        {
            var from = today.AddDays(random.Next(0, 31));
            return $"/api/v1/scheduling/doctors/{doctors[random.Next(doctors.Count)]}/slots?kind=video&from={from:yyyy-MM-dd}&to={from.AddDays(6):yyyy-MM-dd}&timeZone=Europe/Moscow";
        }

        string DeepPage()
        {
            var from = today.AddDays(random.Next(0, 31));
            return $"/api/v1/scheduling/slots?specialty={Seeder.Specialties[random.Next(Seeder.Specialties.Length)]}&kind=video" +
                $"&from={from:yyyy-MM-dd}&to={from.AddDays(6):yyyy-MM-dd}&timeZone=Europe/Moscow&perDoctor=6&page={random.Next(2, 11)}&pageSize=10";
        }

        // Warm-up: JIT, connection pool, PostgreSQL's cache.
        for (var i = 0; i < 300; i++)
        {
            await TimeAsync(i % 3 == 0 ? DoctorWeek() : Search());
        }

        await ResetStatementsAsync();
        var rows = new List<LatencyRow>
        {
            await MeasureAsync("GET /slots (specialty + week, page 1 of 10 doctors)", options.Searches, Search),
        };
        var top = await TopStatementsAsync();
        rows.Add(await MeasureAsync("GET /slots (same mix, pages 2–10)", Math.Max(200, options.Searches / 3), DeepPage));
        rows.Add(await MeasureAsync("GET /doctors/{id}/slots (one doctor, 7 days)", Math.Max(300, options.Searches / 2), DoctorWeek));

        var (slotPlan, doctorPlan) = await PlansAsync(doctors.Take(10).ToList());
        return new SearchResults(rows, top, slotPlan, doctorPlan);
    }

    private async Task<LatencyRow> MeasureAsync(string name, int count, Func<string> next)
    {
        var times = new List<double>(count);
        var errors = 0;
        long doctorsSeen = 0, slotsSeen = 0;
        for (var i = 0; i < count; i++)
        {
            var (ms, ok, body) = await TimeAsync(next());
            if (!ok)
            {
                errors++;
                continue;
            }

            times.Add(ms);
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("items", out var items))
            {
                doctorsSeen += items.GetArrayLength();
                slotsSeen += items.EnumerateArray().Sum(d => d.GetProperty("slots").GetArrayLength());
            }
            else
            {
                doctorsSeen++;
                slotsSeen += json.RootElement.GetProperty("slots").GetArrayLength();
            }
        }

        var n = Math.Max(1, times.Count);
        var row = LatencyRow.From(name, times, errors,
            string.Create(CultureInfo.InvariantCulture, $"{(double)doctorsSeen / n:N1} doctors and {(double)slotsSeen / n:N1} slots per answer"));
        Console.WriteLine($"   {row}");
        return row;
    }

    private async Task<(double Ms, bool Ok, byte[] Body)> TimeAsync(string url)
    {
        var watch = Stopwatch.StartNew();
        using var response = await api.Http.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        var ms = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            Console.WriteLine($"   {(int)response.StatusCode} {url}: {System.Text.Encoding.UTF8.GetString(body)[..Math.Min(300, body.Length)]}");
        }

        return (ms, response.IsSuccessStatusCode, body);
    }

    private async Task<List<Guid>> ClinicIdsAsync()
    {
        await using var db = await seeder.OpenAsync();
        return (await Seeder.RowsAsync(db, "SELECT \"Id\" FROM directory.clinics ORDER BY \"Name\"")).Select(r => Guid.Parse(r[0])).ToList();
    }

    private async Task ResetStatementsAsync()
    {
        await using var db = await seeder.OpenAsync();
        if (await StatementsAvailableAsync(db))
        {
            await Seeder.ExecAsync(db, "SELECT pg_stat_statements_reset()");
        }
    }

    private async Task<IReadOnlyList<string[]>> TopStatementsAsync()
    {
        await using var db = await seeder.OpenAsync();
        return await StatementsAvailableAsync(db) ? await Statements.TopAsync(db, 8) : [];
    }

    private static async Task<bool> StatementsAvailableAsync(Npgsql.NpgsqlConnection db)
    {
        await Seeder.ExecAsync(db, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        return true;
    }

    /// <summary>EXPLAIN ANALYZE of the two queries a search page leans on, with the parameters the host sends.</summary>
    private async Task<(string Slots, string Doctors)> PlansAsync(List<Guid> tenDoctors)
    {
        await using var db = await seeder.OpenAsync();
        var from = DateTime.UtcNow.Date.AddDays(7);
        var ids = string.Join(",", tenDoctors.Select(d => $"'{d}'"));
        var slots = await Seeder.RowsAsync(db, $"""
            EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
            SELECT t."DoctorId", t."Granule" FROM scheduling.time_blocks AS t
            WHERE t."DoctorId" = ANY (ARRAY[{ids}]::uuid[]) AND t."Granule" >= '{from:yyyy-MM-dd}T00:00:00Z' AND t."Granule" < '{from.AddDays(7):yyyy-MM-dd}T00:00:00Z'
              AND (t."ExpiresAt" IS NULL OR t."ExpiresAt" > now())
            """);
        var doctorsPlan = await Seeder.RowsAsync(db, """
            EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
            SELECT d."Id", d."Bio", d."Currency", d."DisplayName", d."Education", d."HourlyRateMinor", d."NormalizedName", d."PhotoUrl", d."QualificationCategory",
                   d."Status", d."UserId", d."YearsOfExperience"
            FROM directory.doctors AS d
            WHERE d."Status" = 'Active' AND EXISTS (SELECT 1 FROM directory.doctor_specialties AS s WHERE d."Id" = s."DoctorId" AND s."Code" = 'cardiology')
            ORDER BY d."NormalizedName", d."Id"
            """);
        return (string.Join("\n", slots.Select(r => r[0])), string.Join("\n", doctorsPlan.Select(r => r[0])));
    }
}

internal static class Statements
{
    public static async Task<IReadOnlyList<string[]>> TopAsync(Npgsql.NpgsqlConnection db, int limit) =>
        await Seeder.RowsAsync(db, $"""
            SELECT calls, round(total_exec_time::numeric, 0), round(mean_exec_time::numeric, 3), rows,
                   left(regexp_replace(query, '\s+', ' ', 'g'), 160)
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT ILIKE '%pg_stat_statements%'
            ORDER BY total_exec_time DESC LIMIT {limit}
            """);
}
