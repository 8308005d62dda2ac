using System.Net.Http.Json;
using System.Text.Json;

namespace Telemed.SchedulingBench;

/// <summary>
/// Booking throughput on SQLite, the embedded default: a second host (started by run-scheduling.sh on its own SQLite file
/// with the demo clinic) booked by the same HTTP clients as the PostgreSQL host. Free slots come from the API (every demo
/// doctor's video slots over the booking horizon), patients from the front desk's patient search, so nothing reads the
/// file behind the host's back.
/// </summary>
internal static class SqliteBooking
{
    public static async Task<SqliteRun> RunAsync(string baseUrl, int? hostPid, int clients, int durationSeconds, int warmupSeconds, int maxWarmupSeconds)
    {
        var api = await ApiClient.SignInAsync(baseUrl, "frontdesk@demo.telemed.dev", "Telemed-demo-2026");
        await OpenTheYearAsync(api);
        var slots = await FreeSlotsAsync(api);
        var patients = await PatientsAsync(api);
        Console.WriteLine($"   SQLite host: {slots.Count:N0} free slots of {patients.Count} patients' demo clinic");
        var free = slots.Count;
        // A fresh host: warm the booking path (JIT, pools) as long as the PostgreSQL host's is: 20 s into the load the host's
        // tiered-compilation thread still had a third of its CPU (bench/cpu-profile.sh).
        var warmup = await Jit.WarmUpAsync(api, hostPid, clients, TimeSpan.FromSeconds(warmupSeconds), TimeSpan.FromSeconds(maxWarmupSeconds), slots, patients,
            keepSlots: 800 * durationSeconds);
        await Backlog.DrainAsync(api.Http, TimeSpan.FromMinutes(5));
        var jitBefore = await Jit.SecondsAsync(api.Http);
        var run = await Throughput.BookForAsync(api, hostPid, clients, TimeSpan.FromSeconds(durationSeconds), slots, patients, count: true);
        var jitShare = jitBefore is { } jb && await Jit.SecondsAsync(api.Http) is { } ja ? (ja - jb) / durationSeconds : (double?)null;
        var drained = await Backlog.DrainAsync(api.Http, TimeSpan.FromMinutes(5));
        var result = new SqliteRun(clients, durationSeconds, run.Booked / (double)durationSeconds, run.Booked, run.Conflicts, run.Errors, run.P50, run.P99, run.Cpu, free,
            drained?.AtStart ?? 0, drained?.Seconds ?? 0, warmup, jitShare);
        Console.WriteLine($"   SQLite C={clients}: HTTP {result.HttpTps:N0} bookings/s (p50 {result.BookP50:N1} ms, p99 {result.BookP99:N1} ms, " +
            $"{result.Conflicts} conflicts, {result.Errors} errors) [{result.Cpu}]; {result.Undelivered} integration events undelivered at the end, " +
            $"delivered {result.DrainSeconds:N1} s later: sustained {result.Sustained:N0} bookings/s; warmed up {result.WarmupSeconds} s, the JIT at " +
            $"{result.JitShare?.ToString("N3", System.Globalization.CultureInfo.InvariantCulture) ?? "?"} cores during the run");
        return result;
    }

    /// <summary>
    /// The demo doctors' appointment types take bookings 60 days ahead, about 9,000 video slots in all: fewer than a fast host books
    /// in its warm-up and run. The front desk opens a year (the same hours, a 365-day horizon) through the availability API.
    /// </summary>
    private static async Task OpenTheYearAsync(ApiClient api)
    {
        foreach (var doctor in await DoctorIdsAsync(api))
        {
            var current = (await api.Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/scheduling/doctors/{doctor}/availability", ApiClient.Json))!;
            var types = current["appointmentTypes"]!.AsArray();
            foreach (var type in types)
            {
                type!["maximumHorizonDays"] = 365;
            }

            var response = await api.Http.PutAsJsonAsync($"/api/v1/scheduling/doctors/{doctor}/availability",
                new System.Text.Json.Nodes.JsonObject { ["weeklyHours"] = current["weeklyHours"]!.DeepClone(), ["appointmentTypes"] = types.DeepClone() }, ApiClient.Json);
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task<List<Guid>> DoctorIdsAsync(ApiClient api) =>
        (await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/doctors?pageSize=50", ApiClient.Json)).GetProperty("items").EnumerateArray()
            .Select(d => d.GetProperty("id").GetGuid()).ToList();

    private static async Task<Queue<FreeSlot>> FreeSlotsAsync(ApiClient api)
    {
        var doctors = await DoctorIdsAsync(api);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var found = new List<FreeSlot>();
        foreach (var doctor in doctors)
        {
            for (var week = 0; week < 52; week++)
            {
                var from = today.AddDays(1 + 7 * week);
                var json = await api.Http.GetFromJsonAsync<JsonElement>(
                    $"/api/v1/scheduling/doctors/{doctor}/slots?kind=video&from={from:yyyy-MM-dd}&to={from.AddDays(6):yyyy-MM-dd}&timeZone=UTC", ApiClient.Json);
                found.AddRange(json.GetProperty("slots").EnumerateArray().Select(s =>
                    new FreeSlot(doctor, s.GetProperty("clinicId").GetGuid(), s.GetProperty("start").GetDateTime().ToUniversalTime())));
            }
        }

        // Interleave doctors and days so concurrent clients rarely queue on one doctor's rows.
        return new Queue<FreeSlot>(found.OrderBy(s => s.Start.TimeOfDay).ThenBy(s => s.Start).ThenBy(s => s.DoctorId));
    }

    private static async Task<List<Guid>> PatientsAsync(ApiClient api)
    {
        var response = await api.Http.PostAsJsonAsync("/api/v1/front-desk/patients/search", new { term = (string?)null, page = 1, pageSize = 100 }, ApiClient.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("id").GetGuid()).ToList();
    }
}
