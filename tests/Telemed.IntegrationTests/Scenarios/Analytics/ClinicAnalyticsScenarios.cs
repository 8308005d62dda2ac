using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telemed.BuildingBlocks.Events;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Billing;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Analytics;

/// <summary>
/// The clinic analytics dashboard (issue 14, item 5): Given visits booked and cancelled through the API (and whatever the other
/// billing scenarios left: completed visits, payments, refunds, reviews), When the admin reads the dashboard for all clinics (UTC)
/// and for one clinic (its own zone), Then every figure equals the one computed here from the stored rows with the documented
/// definitions — a second, independent computation over raw SQL rather than the modules' grouped queries.
/// </summary>
public abstract class ClinicAnalyticsScenarios(TelemedHost host)
{
    private const string AdminEmail = "admin@demo.telemed.dev";
    private const string DoctorEmail = "anna.petrova@demo.telemed.dev";

    [Fact]
    public async Task The_dashboard_equals_figures_computed_independently_from_the_stored_rows()
    {
        var clinicId = await BookThreeAndCancelOneAsync();
        using var admin = await host.SignedInAsync(AdminEmail);
        var today = SchedulingApi.Today(host);
        var (from, to) = (today.AddDays(-20), today.AddDays(20));

        var all = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        all.GetProperty("timeZone").GetString().ShouldBe("UTC");
        all.GetProperty("interval").GetString().ShouldBe("day");
        var expected = await ExpectedAsync(null, TimeZoneInfo.Utc, from, to);
        ShouldMatch(all, expected);
        all.GetProperty("visits").GetProperty("upcoming").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        all.GetProperty("visits").GetProperty("cancelled").GetInt32().ShouldBeGreaterThanOrEqualTo(1);

        var one = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&clinicId={clinicId}");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(one.GetProperty("timeZone").GetString()!);
        ShouldMatch(one, await ExpectedAsync(clinicId, zone, from, to));

        // When the roll-ups are rebuilt, Then the same figures come from them (no day is marked any more) ...
        await RebuildRollupsAsync();
        (await CountAsync("scheduling", "rollup_marks")).ShouldBe(0);
        (await CountAsync("billing", "rollup_marks")).ShouldBe(0);
        (await CountAsync("consultations", "rollup_marks")).ShouldBe(0);
        (await CountAsync("scheduling", "visit_day_rollups")).ShouldBeGreaterThan(0);
        ShouldMatch(await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"), expected);
        ShouldMatch(await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&clinicId={clinicId}"),
            await ExpectedAsync(clinicId, zone, from, to));

        // ... and a change after the rebuild marks its day, read from the appointments until the next rebuild: still exact.
        await BookThreeAndCancelOneAsync();
        (await CountAsync("scheduling", "rollup_marks")).ShouldBeGreaterThan(0);
        ShouldMatch(await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"),
            await ExpectedAsync(null, TimeZoneInfo.Utc, from, to));
        ShouldMatch(await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&clinicId={clinicId}"),
            await ExpectedAsync(clinicId, zone, from, to));

        // ... and those marks name the doctor, so the next rebuild replaces only that doctor's rows of the day: the other
        // doctors' rows of the same days stay, and the day's clinic totals are summed again. Still exact.
        (await CountAsync("scheduling", "rollup_marks", "\"Scope\" IS NULL")).ShouldBe(0);
        await RebuildRollupsAsync();
        (await CountAsync("scheduling", "rollup_marks")).ShouldBe(0);
        ShouldMatch(await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"),
            await ExpectedAsync(null, TimeZoneInfo.Utc, from, to));
        ShouldMatch(await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&clinicId={clinicId}"),
            await ExpectedAsync(clinicId, zone, from, to));
        (await CountAsync("scheduling", "visit_day_totals")).ShouldBeGreaterThan(0);

        // Weekly buckets over a longer period still add up to the same visits, and the first bucket starts on the period's first day.
        var weekly = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?from={today.AddDays(-90):yyyy-MM-dd}&to={today.AddDays(20):yyyy-MM-dd}");
        weekly.GetProperty("interval").GetString().ShouldBe("week");
        var series = weekly.GetProperty("series").EnumerateArray().ToList();
        series[0].GetProperty("periodStart").GetString().ShouldBe(today.AddDays(-90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        series.Skip(1).ShouldAllBe(p => DateOnly.Parse(p.GetProperty("periodStart").GetString()!, CultureInfo.InvariantCulture).DayOfWeek == DayOfWeek.Monday);
        series.Sum(p => p.GetProperty("completed").GetInt32() + p.GetProperty("cancelled").GetInt32() + p.GetProperty("noShows").GetInt32() + p.GetProperty("upcoming").GetInt32())
            .ShouldBe(weekly.GetProperty("visits").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_paid_visit_with_a_wait_and_a_review_shows_in_every_figure_as_computed_from_the_rows()
    {
        // Given a visit paid by card, a patient who waits three minutes, 17 minutes with the doctor and an NPS answer of 9.
        const string patientEmail = "ivan.kuznetsov@demo.telemed.dev";
        using var doctor = await host.SignedInAsync(DoctorEmail);
        var doctorId = await DoctorIdAsync(doctor);
        using var booking = await host.SignedInAsync(patientEmail);
        var slot = (await SchedulingApi.SlotsAsync(booking, doctorId, SchedulingApi.Today(host).AddDays(1), 6))[0];
        var booked = await SchedulingApi.BookAsync(booking, doctorId, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await PaymentScenarios.PayAsync(booking, appointmentId, "4242 4242 4242 4242");

        host.Clock.Advance(slot.Start.AddMinutes(-5) - host.Clock.GetUtcNow().UtcDateTime);
        using var patient = await host.SignedInAsync(patientEmail);
        using var atWork = await host.SignedInAsync(DoctorEmail);
        var admission = await EnterAsync(patient, appointmentId, Complaint(["head"], 3, "days", [], "Headache"));
        var consultationId = admission.GetProperty("consultation").GetProperty("id").GetGuid();
        host.Clock.Advance(TimeSpan.FromMinutes(3));
        await (await atWork.PostAsync($"/api/v1/consultations/{consultationId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        host.Clock.Advance(TimeSpan.FromMinutes(9));
        await (await atWork.PutAsync($"/api/v1/consultations/{consultationId}/notes", new { text = "Tension headache." })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        host.Clock.Advance(TimeSpan.FromMinutes(8));
        await (await atWork.PostAsync($"/api/v1/consultations/{consultationId}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var reviewer = await host.SignedInAsync(patientEmail);
        await PaymentScenarios.PaymentBecomesAsync(reviewer, appointmentId, "captured");
        await (await reviewer.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 5, text = "Clear and kind.", nps = 9 }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);

        // When the admin reads the dashboard for the clinic, Then it matches the rows, and the rows hold what was just done.
        using var admin = await host.SignedInAsync(AdminEmail);
        var today = SchedulingApi.Today(host);
        var (from, to) = (today.AddDays(-20), today.AddDays(20));
        var dashboard = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&clinicId={slot.ClinicId}");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(dashboard.GetProperty("timeZone").GetString()!);
        var expected = await ExpectedAsync(slot.ClinicId, zone, from, to);
        ShouldMatch(dashboard, expected);
        expected.Accepted.ShouldBeGreaterThanOrEqualTo(1);
        expected.Revenue.ShouldNotBeEmpty();
        expected.NpsAnswers.ShouldContain(9);
        // The same figures once the roll-ups hold the visit, its wait and its payment (the day is no longer read from the rows).
        await RebuildRollupsAsync();
        (await CountAsync("billing", "revenue_day_rollups")).ShouldBeGreaterThan(0);
        (await CountAsync("consultations", "consultation_day_rollups")).ShouldBeGreaterThan(0);
        ShouldMatch(await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&clinicId={slot.ClinicId}"), expected);
        ShouldMatch(await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"),
            await ExpectedAsync(null, TimeZoneInfo.Utc, from, to));
        var row = dashboard.GetProperty("doctors").EnumerateArray().Single(d => d.GetProperty("doctorId").GetGuid() == doctorId);
        row.GetProperty("completed").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        row.GetProperty("nps").GetProperty("answers").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        row.GetProperty("workingMinutes").GetInt32().ShouldBeGreaterThan(0);
        dashboard.GetProperty("bySpecialty").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_clinic_moved_to_another_time_zone_has_its_days_rebuilt_in_the_new_zone()
    {
        // Given the clinic's visits rolled up by its Moscow or Novosibirsk days
        var clinicId = await BookThreeAndCancelOneAsync();
        await RebuildRollupsAsync();
        using var admin = await host.SignedInAsync(AdminEmail);
        var today = SchedulingApi.Today(host);
        var query = $"from={today.AddDays(-20):yyyy-MM-dd}&to={today.AddDays(20):yyyy-MM-dd}&clinicId={clinicId}";
        var clinic = (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/clinics/{clinicId}")).GetProperty("timeZone").GetString()!;
        try
        {
            // When an admin moves the clinic to Honolulu (UTC−10, so evening visits fall on another local day)
            await SetTimeZoneAsync(admin, clinicId, "Pacific/Honolulu");
            var zone = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Honolulu");

            // Then its days are marked and read from the source in the new zone at once, and from the rebuilt roll-up after the refresh.
            (await CountAsync("scheduling", "rollup_marks")).ShouldBeGreaterThan(0);
            var moved = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?{query}");
            moved.GetProperty("timeZone").GetString().ShouldBe("Pacific/Honolulu");
            var expected = await ExpectedAsync(clinicId, zone, today.AddDays(-20), today.AddDays(20));
            ShouldMatch(moved, expected);
            await RebuildRollupsAsync();
            (await CountAsync("scheduling", "rollup_marks")).ShouldBe(0);
            ShouldMatch(await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?{query}"), expected);
        }
        finally
        {
            await SetTimeZoneAsync(admin, clinicId, clinic);
            await RebuildRollupsAsync();
        }
    }

    /// <summary>Changes the clinic's zone through the admin API and waits until the directory's outbox delivered the change.</summary>
    private async Task SetTimeZoneAsync(ApiClient admin, Guid clinicId, string timeZone)
    {
        var details = System.Text.Json.Nodes.JsonNode.Parse((await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/clinics/{clinicId}")).GetRawText())!.AsObject();
        details.Remove("id");
        details["timeZone"] = timeZone;
        await (await admin.PutAsync($"/api/v1/admin/clinics/{clinicId}", details)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var database = new RawDatabase(host);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using var connection = await database.OpenAsync();
            if ((await RawDatabase.RowsAsync(connection, $"SELECT COUNT(*) FROM {database.Table("directory", "outbox")} WHERE \"ProcessedAt\" IS NULL")).Single() == "0")
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The directory's outbox did not deliver the time-zone change.");
    }

    [Fact]
    public async Task The_export_carries_the_same_doctors_and_bad_requests_get_clear_errors()
    {
        await BookThreeAndCancelOneAsync();
        using var admin = await host.SignedInAsync(AdminEmail);
        var today = SchedulingApi.Today(host);
        var query = $"from={today.AddDays(-20):yyyy-MM-dd}&to={today.AddDays(20):yyyy-MM-dd}";
        var dashboard = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/analytics?{query}");

        var csv = await admin.Http.GetAsync($"/api/v1/admin/analytics/export?table=doctors&{query}");
        await csv.ShouldHaveStatusAsync(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldStartWith("doctor_id,doctor,specialty,completed,no_shows,cancelled,booked_minutes,working_minutes,utilisation_percent");
        lines.Length.ShouldBe(dashboard.GetProperty("doctors").GetArrayLength() + 1);
        var series = await admin.Http.GetAsync($"/api/v1/admin/analytics/export?table=series&{query}");
        (await series.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(42);

        (await (await admin.Http.GetAsync($"/api/v1/admin/analytics?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}")).ProblemCodeAsync()).ShouldBe("analytics.invalid_period");
        (await (await admin.Http.GetAsync($"/api/v1/admin/analytics?from=2020-01-01&to=2026-01-01")).ProblemCodeAsync()).ShouldBe("analytics.invalid_period");
        (await (await admin.Http.GetAsync("/api/v1/admin/analytics?from=0001-01-01&to=0001-01-02")).ProblemCodeAsync()).ShouldBe("analytics.invalid_period");
        (await (await admin.Http.GetAsync("/api/v1/admin/analytics?from=yesterday&to=today")).ProblemCodeAsync()).ShouldBe("analytics.invalid_period");
        (await (await admin.Http.GetAsync($"/api/v1/admin/analytics?{query}&clinicId={Guid.NewGuid()}")).ProblemCodeAsync()).ShouldBe("analytics.clinic_not_found");
        (await (await admin.Http.GetAsync($"/api/v1/admin/analytics/export?table=patients&{query}")).ProblemCodeAsync()).ShouldBe("analytics.invalid_table");

        using var doctor = await host.SignedInAsync(DoctorEmail);
        (await doctor.Http.GetAsync($"/api/v1/admin/analytics?{query}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await doctor.Http.GetAsync($"/api/v1/admin/analytics/export?table=doctors&{query}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = host.CreateApiClient();
        (await anonymous.Http.GetAsync($"/api/v1/admin/analytics?{query}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>Books three visits with one doctor in the coming days for three patients and cancels the first; returns the clinic.</summary>
    /// <summary>One pass of each module's roll-up refresher, as their timers would run it.</summary>
    private async Task RebuildRollupsAsync()
    {
        var refreshers = host.Services.GetServices<IHostedService>().OfType<PeriodicWorker>().Where(w => w.GetType().Name.EndsWith("RollupRefresher", StringComparison.Ordinal)).ToList();
        refreshers.Count.ShouldBe(3);
        foreach (var refresher in refreshers)
        {
            await refresher.RunOnceAsync(CancellationToken.None);
        }
    }

    private async Task<long> CountAsync(string module, string table, string where = "1 = 1")
    {
        var database = new RawDatabase(host);
        await using var connection = await database.OpenAsync();
        return Convert.ToInt64((await ReadAsync(connection, $"SELECT count(*) FROM {database.Table(module, table)} WHERE {where}"))[0][0], CultureInfo.InvariantCulture);
    }

    private async Task<Guid> BookThreeAndCancelOneAsync()
    {
        using var doctor = await host.SignedInAsync(DoctorEmail);
        var doctorId = await DoctorIdAsync(doctor);
        var booked = new List<(ApiClient Patient, Guid Id, Guid ClinicId)>();
        foreach (var email in SchedulingApi.PatientEmails.Take(3))
        {
            var patient = await host.SignedInAsync(email);
            foreach (var slot in await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(2), 10))
            {
                var response = await SchedulingApi.BookAsync(patient, doctorId, slot);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    booked.Add((patient, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), slot.ClinicId));
                    break;
                }
            }
        }

        booked.Count.ShouldBe(3);
        await (await booked[0].Patient.PostAsync($"/api/v1/scheduling/appointments/{booked[0].Id}/cancel", new { reason = "Feeling better" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        foreach (var b in booked)
        {
            b.Patient.Dispose();
        }

        return booked[0].ClinicId;
    }

    private sealed record Expected(Dictionary<string, int> Statuses, Dictionary<DateOnly, Dictionary<string, int>> ByDay,
        Dictionary<Guid, (int Completed, int NoShows, int Cancelled, int BookedMinutes)> ByDoctor, int Accepted, int? AverageWaitSeconds,
        Dictionary<string, (long Captured, long Refunded)> Revenue, List<int> NpsAnswers);

    /// <summary>The figures of local dates <paramref name="from"/>..<paramref name="to"/> in <paramref name="zone"/>, from the raw rows.</summary>
    private async Task<Expected> ExpectedAsync(Guid? clinicId, TimeZoneInfo zone, DateOnly from, DateOnly to)
    {
        var database = new RawDatabase(host);
        await using var connection = await database.OpenAsync();
        DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));
        bool InPeriod(DateTime utc, object clinic) => LocalDate(utc) >= from && LocalDate(utc) <= to && (clinicId is null || Equals(AsGuid(clinic), clinicId));

        var appointments = (await ReadAsync(connection, $"SELECT \"DoctorId\", \"ClinicId\", \"Start\", \"End\", \"Status\" FROM {database.Table("scheduling", "appointments")}"))
            .Where(r => InPeriod(AsUtc(r[2]), r[1])).ToList();
        static string Bucket(string status) => status is "Booked" or "Confirmed" or "CheckedIn" ? "Upcoming" : status;
        var statuses = appointments.GroupBy(r => Bucket((string)r[4])).ToDictionary(g => g.Key, g => g.Count());
        var byDay = appointments.GroupBy(r => LocalDate(AsUtc(r[2])))
            .ToDictionary(g => g.Key, g => g.GroupBy(r => Bucket((string)r[4])).ToDictionary(s => s.Key, s => s.Count()));
        var byDoctor = appointments.GroupBy(r => AsGuid(r[0])!.Value).ToDictionary(g => g.Key, g => (
            g.Count(r => (string)r[4] == "Completed"), g.Count(r => (string)r[4] == "NoShow"), g.Count(r => (string)r[4] == "Cancelled"),
            (int)Math.Round(g.Where(r => (string)r[4] != "Cancelled").Sum(r => (AsUtc(r[3]) - AsUtc(r[2])).TotalMinutes))));

        var waits = (await ReadAsync(connection, $"SELECT \"ClinicId\", \"EnteredWaitingAt\", \"StartedAt\" FROM {database.Table("consultations", "consultations")} WHERE \"EnteredWaitingAt\" IS NOT NULL AND \"StartedAt\" IS NOT NULL"))
            .Where(r => InPeriod(AsUtc(r[1]), r[0])).Select(r => (AsUtc(r[2]) - AsUtc(r[1])).TotalSeconds).ToList();

        var movements = (await ReadAsync(connection, $"SELECT \"ClinicId\", \"At\", \"Type\", \"AmountMinor\", \"Currency\" FROM {database.Table("billing", "payment_movements")}"))
            .Where(r => InPeriod(AsUtc(r[1]), r[0])).ToList();
        var revenue = movements.GroupBy(r => (string)r[4]).Where(g => g.Any(r => (string)r[2] is "captured" or "refunded"))
            .ToDictionary(g => g.Key, g => (g.Where(r => (string)r[2] == "captured").Sum(r => Convert.ToInt64(r[3], CultureInfo.InvariantCulture)),
                g.Where(r => (string)r[2] == "refunded").Sum(r => Convert.ToInt64(r[3], CultureInfo.InvariantCulture))));

        var nps = (await ReadAsync(connection, $"SELECT \"ClinicId\", \"CreatedAt\", \"Nps\" FROM {database.Table("feedback", "reviews")} WHERE \"Nps\" IS NOT NULL"))
            .Where(r => InPeriod(AsUtc(r[1]), r[0])).Select(r => Convert.ToInt32(r[2], CultureInfo.InvariantCulture)).ToList();

        return new Expected(statuses, byDay, byDoctor, waits.Count,
            waits.Count == 0 ? null : (int)Math.Round(waits.Average(), MidpointRounding.AwayFromZero), revenue, nps);
    }

    private static void ShouldMatch(JsonElement actual, Expected expected)
    {
        int Status(string name) => expected.Statuses.GetValueOrDefault(name);
        var visits = actual.GetProperty("visits");
        visits.GetProperty("upcoming").GetInt32().ShouldBe(Status("Upcoming"));
        visits.GetProperty("completed").GetInt32().ShouldBe(Status("Completed"));
        visits.GetProperty("cancelled").GetInt32().ShouldBe(Status("Cancelled"));
        visits.GetProperty("noShows").GetInt32().ShouldBe(Status("NoShow"));
        visits.GetProperty("total").GetInt32().ShouldBe(expected.Statuses.Values.Sum());
        var settled = Status("Completed") + Status("Cancelled") + Status("NoShow");
        Rate(visits.GetProperty("conversionPercent")).ShouldBe(settled == 0 ? null : Math.Round(100m * Status("Completed") / settled, 1, MidpointRounding.AwayFromZero));
        var due = Status("Completed") + Status("NoShow");
        Rate(visits.GetProperty("noShowRatePercent")).ShouldBe(due == 0 ? null : Math.Round(100m * Status("NoShow") / due, 1, MidpointRounding.AwayFromZero));

        foreach (var point in actual.GetProperty("series").EnumerateArray())
        {
            var day = DateOnly.Parse(point.GetProperty("periodStart").GetString()!, CultureInfo.InvariantCulture);
            var counts = expected.ByDay.GetValueOrDefault(day) ?? [];
            point.GetProperty("upcoming").GetInt32().ShouldBe(counts.GetValueOrDefault("Upcoming"), $"upcoming on {day}");
            point.GetProperty("completed").GetInt32().ShouldBe(counts.GetValueOrDefault("Completed"), $"completed on {day}");
            point.GetProperty("cancelled").GetInt32().ShouldBe(counts.GetValueOrDefault("Cancelled"), $"cancelled on {day}");
            point.GetProperty("noShows").GetInt32().ShouldBe(counts.GetValueOrDefault("NoShow"), $"no-shows on {day}");
        }

        var doctors = actual.GetProperty("doctors").EnumerateArray().ToDictionary(d => d.GetProperty("doctorId").GetGuid());
        foreach (var (doctorId, figures) in expected.ByDoctor)
        {
            var row = doctors[doctorId];
            row.GetProperty("completed").GetInt32().ShouldBe(figures.Completed);
            row.GetProperty("noShows").GetInt32().ShouldBe(figures.NoShows);
            row.GetProperty("cancelled").GetInt32().ShouldBe(figures.Cancelled);
            row.GetProperty("bookedMinutes").GetInt32().ShouldBe(figures.BookedMinutes);
            var working = row.GetProperty("workingMinutes").GetInt32();
            Rate(row.GetProperty("utilisationPercent")).ShouldBe(working == 0 ? null : Math.Round(100m * figures.BookedMinutes / working, 1, MidpointRounding.AwayFromZero));
        }

        var waiting = actual.GetProperty("waiting");
        waiting.GetProperty("accepted").GetInt32().ShouldBe(expected.Accepted);
        Rate(waiting.GetProperty("averageWaitSeconds")).ShouldBe(expected.AverageWaitSeconds);

        var revenue = actual.GetProperty("revenue").EnumerateArray().ToDictionary(r => r.GetProperty("currency").GetString()!);
        revenue.Keys.Order().ShouldBe(expected.Revenue.Keys.Order());
        foreach (var (currency, (captured, refunded)) in expected.Revenue)
        {
            revenue[currency].GetProperty("capturedMinor").GetInt64().ShouldBe(captured);
            revenue[currency].GetProperty("refundedMinor").GetInt64().ShouldBe(refunded);
            revenue[currency].GetProperty("netMinor").GetInt64().ShouldBe(captured - refunded);
            revenue[currency].GetProperty("byPeriod").EnumerateArray().Sum(p => p.GetProperty("netMinor").GetInt64()).ShouldBe(captured - refunded);
            revenue[currency].GetProperty("byClinic").EnumerateArray().Sum(p => p.GetProperty("netMinor").GetInt64()).ShouldBe(captured - refunded);
        }

        var nps = actual.GetProperty("nps");
        nps.GetProperty("answers").GetInt32().ShouldBe(expected.NpsAnswers.Count);
        var promoters = expected.NpsAnswers.Count(a => a >= 9);
        var detractors = expected.NpsAnswers.Count(a => a <= 6);
        Rate(nps.GetProperty("score")).ShouldBe(expected.NpsAnswers.Count == 0 ? null
            : Math.Round(100m * (promoters - detractors) / expected.NpsAnswers.Count, MidpointRounding.AwayFromZero));
    }

    private static decimal? Rate(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();

    private static async Task<List<object[]>> ReadAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private static DateTime AsUtc(object value) => value switch
    {
        DateTime d => DateTime.SpecifyKind(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d, DateTimeKind.Utc),
        DateTimeOffset o => o.UtcDateTime,
        string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidOperationException($"Not a time: {value.GetType()}"),
    };

    private static Guid? AsGuid(object value) => value switch
    {
        Guid g => g,
        string s => Guid.Parse(s),
        DBNull => null,
        _ => throw new InvalidOperationException($"Not an id: {value.GetType()}"),
    };
}

[Collection("billing-sqlite")]
public sealed class ClinicAnalyticsScenariosOnSqlite(BillingSqliteHost host) : ClinicAnalyticsScenarios(host);

[Collection("billing-postgres")]
public sealed class ClinicAnalyticsScenariosOnPostgres(BillingPostgresHost host) : ClinicAnalyticsScenarios(host);
