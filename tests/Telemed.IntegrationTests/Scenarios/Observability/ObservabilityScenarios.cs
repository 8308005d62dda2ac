using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Telemed.BuildingBlocks.Telemetry;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Observability;

/// <summary>
/// A patient's short journey (book, cancel, ask for a chat consultation, a doctor takes it, a chat message, a hub
/// connection), then: the platform's meters moved by exactly what happened (bookings, cancellations, waiting patients,
/// waits, consultations in progress, chat messages, hub connections, audit appends, the booking's payment); no metric label, exported trace or log line
/// carries the patient's name, e-mail, phone, birth date or the message; every line logged in a request carries its
/// request id; and the scrape endpoint refuses a request that came through a proxy.
/// The meter is process-wide, so these scenarios run alone (no other host books or sends meanwhile).
/// </summary>
public abstract class ObservabilityScenarios(ObservedHost observed)
{
    protected const string Patient = "ivan.kuznetsov@demo.telemed.dev";
    private const string Dermatologist = "olga.smirnova@demo.telemed.dev";
    private TelemedHost Host => observed.Host;

    [Fact]
    public async Task Given_a_patient_journey_Then_the_platform_meters_count_it_and_no_metric_trace_or_log_carries_PHI()
    {
        using var patient = await Host.SignedInAsync(Patient);
        using var doctor = await Host.SignedInAsync(Dermatologist);
        var profile = await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile");
        var marker = "rash-" + Guid.NewGuid().ToString("N")[..10];
        string[] phi =
        [
            profile.GetProperty("givenName").GetString()!, profile.GetProperty("familyName").GetString()!, profile.GetProperty("email").GetString()!,
            profile.GetProperty("phone").GetString()!, profile.GetProperty("dateOfBirth").GetString()!, marker,
        ];
        phi.ShouldAllBe(v => v.Length >= 4);

        var gauges = Host.Services.GetRequiredService<PlatformGauges>();
        await gauges.RefreshNowAsync();
        var before = await ScrapeAsync();

        // Book and cancel a visit.
        var (doctorId, _) = (await DoctorsAsync(patient))[0];
        var slot = (await SlotsAsync(patient, doctorId, Today(Host).AddDays(2), 7))[0];
        var booked = await BookAsync(patient, doctorId, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await patient.PostAsync($"/api/v1/scheduling/appointments/{appointmentId}/cancel", new { reason = "Feeling better" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        // An on-demand chat consultation waits, then the dermatologist (on duty) takes it.
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var consultationId = await OnDemandAsync(patient, "dermatology", "chat", Complaint(["left-hand"], 3, "weeks", ["rash"], description: marker + " on my hand"));
        await gauges.RefreshNowAsync();
        var waiting = await ScrapeAsync();
        await (await doctor.PostAsync($"/api/v1/consultations/{consultationId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // The patient opens the chat (a hub connection) and writes, naming themself.
        using var hub = (await HubClient.ConnectAsync(patient, "/hubs/chat"))!;
        var conversationId = (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}/conversation")).GetProperty("id").GetGuid();
        await (await patient.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages",
            new { body = $"{marker}: {phi[0]} {phi[1]}, born {phi[4]}, call {phi[3]}" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await gauges.RefreshNowAsync();

        var after = await ScrapeUntilAsync(text => Value(text, "telemed_chat_messages_total", ("sender", "patient")) >= 1);
        Delta(before, after, "telemed_bookings_total", ("source", "direct")).ShouldBe(1);
        Delta(before, after, "telemed_cancellations_total", ("by", "patient")).ShouldBe(1);
        Delta(before, after, "telemed_chat_messages_total", ("sender", "patient")).ShouldBe(1);
        Delta(before, after, "telemed_waiting_room_wait_seconds_count").ShouldBe(1);
        Delta(before, waiting, "telemed_waiting_room_patients").ShouldBe(1);
        Delta(waiting, after, "telemed_waiting_room_patients").ShouldBe(-1);
        Delta(before, after, "telemed_consultations_active").ShouldBe(1);
        Value(after, "telemed_hub_connections", ("hub", "ChatHub")).ShouldBe(1);
        Delta(before, after, "telemed_audit_appends_total").ShouldBeGreaterThan(0);

        // The booking's payment is created by an event handler (the outbox), a moment later; the closed hub connection is uncounted.
        hub.Dispose();
        var settled = await ScrapeUntilAsync(text => Delta(before, text, "telemed_payments_transitions_total", ("state", "awaiting_payment")) >= 1
            && Value(text, "telemed_hub_connections", ("hub", "ChatHub")) == 0);
        Delta(before, settled, "telemed_payments_transitions_total", ("state", "awaiting_payment")).ShouldBe(1);
        Value(settled, "telemed_hub_connections", ("hub", "ChatHub")).ShouldBe(0);
        after.ShouldContain("telemed_audit_sealing_lag_seconds");
        after.ShouldContain("http_server_request_duration_seconds", customMessage: "ASP.NET Core's meters are exported");
        after.ShouldContain("dotnet_gc_", customMessage: "the runtime's meters are exported");

        // No PHI in metrics, traces or logs.
        var traces = Host.Services.GetRequiredService<TracerProvider>();
        traces.ForceFlush(10_000).ShouldBeTrue();
        var exported = string.Join('\n', observed.Exports.Select(b => Encoding.UTF8.GetString(b)));
        exported.ShouldContain("/api/v1/consultations/{id:guid}/accept", customMessage: "the collector received the journey's traces");
        var lines = observed.Lines.ToList();
        var logged = string.Join('\n', lines.Select(l => l.Text + " " + l.Scopes));
        foreach (var value in phi)
        {
            settled.ShouldNotContain(value, Case.Insensitive, $"a metric carries '{value}'");
            after.ShouldNotContain(value, Case.Insensitive, $"a metric carries '{value}'");
            exported.ShouldNotContain(value, Case.Insensitive, $"an exported trace carries '{value}'");
            logged.ShouldNotContain(value, Case.Insensitive, $"the log carries '{value}'");
        }

        // Every line written during a request names the request (and, with tracing on, the trace).
        var inRequests = lines.Where(l => l.InRequest).ToList();
        inRequests.Count.ShouldBeGreaterThan(10);
        inRequests.ShouldAllBe(l => l.Scopes.Contains("RequestId:") && l.Scopes.Contains("TraceId:"));
    }

    [Fact]
    public async Task Given_a_scrape_relayed_by_a_proxy_Then_it_is_refused_as_not_found_while_a_direct_loopback_scrape_succeeds()
    {
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        (await client.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var header in new[] { "X-Forwarded-For", "Forwarded", "X-Real-IP" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.TryAddWithoutValidation(header, header == "Forwarded" ? "for=203.0.113.7" : "203.0.113.7");
            var refused = await client.SendAsync(request);
            await refused.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
            (await refused.Content.ReadAsStringAsync()).ShouldNotContain("telemed_");
        }
    }

    [Fact]
    public async Task Given_Debians_Prometheus_scraping_the_host_Then_it_stores_the_platform_meters_and_loads_every_alert_rule()
    {
        using var patient = await Host.SignedInAsync(Patient);
        var (doctorId, _) = (await DoctorsAsync(patient))[1];
        var slot = (await SlotsAsync(patient, doctorId, Today(Host).AddDays(3), 7))[0];
        await (await BookAsync(patient, doctorId, slot)).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await Host.Services.GetRequiredService<PlatformGauges>().RefreshNowAsync();

        await using var prometheus = await PrometheusServer.StartAsync(Host.BaseAddress, Path.Combine(RepositoryRoot(), "deploy", "observability", "prometheus-alerts.yml"));
        JsonElement bookings = default;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            bookings = await prometheus.QueryAsync("sum(telemed_bookings_total{job=\"telemed\"})");
            if (bookings.GetArrayLength() > 0)
            {
                break;
            }

            await Task.Delay(500);
        }

        bookings.GetArrayLength().ShouldBe(1, "Prometheus stored no telemed_bookings_total: " + prometheus.Output);
        double.Parse(bookings[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        (await prometheus.QueryAsync("up{job=\"telemed\"}"))[0].GetProperty("value")[1].GetString().ShouldBe("1");
        (await prometheus.QueryAsync("telemed_waiting_room_patients")).GetArrayLength().ShouldBe(1);
        (await prometheus.QueryAsync("telemed_audit_sealing_lag_seconds")).GetArrayLength().ShouldBe(1);

        var rules = await prometheus.RulesAsync();
        rules.Select(r => r.Name).ShouldBe(["TelemedHostDown", "TelemedHighErrorRate", "TelemedSlowRequests", "TelemedRemindersFailing",
            "TelemedAuditSealingLag", "TelemedPatientsWaitingLong", "TelemedOutboxBehind", "TelemedSqliteWriterSaturated"], ignoreOrder: true);
        foreach (var name in rules.Select(r => r.Name))
        {
            File.Exists(Path.Combine(RepositoryRoot(), "docs", "runbooks", name + ".md")).ShouldBeTrue($"no runbook for {name}");
        }

        // Rules evaluate every second: once each has run, none may report an error (a bad expression would).
        for (var attempt = 0; attempt < 20 && rules.Any(r => r.Health == "unknown"); attempt++)
        {
            await Task.Delay(500);
            rules = await prometheus.RulesAsync();
        }

        rules.ShouldAllBe(r => r.Health == "ok");

        // And every query of the shipped Grafana dashboard is one this Prometheus accepts (a malformed one is answered 400).
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "deploy", "observability", "grafana-dashboard.json")));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        queries.Count.ShouldBeGreaterThan(20);
        foreach (var query in queries)
        {
            await Should.NotThrowAsync(() => prometheus.QueryAsync(query), $"the dashboard's query is refused: {query}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telemed.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Telemed.slnx not found above the test binaries.");
    }

    protected async Task<string> ScrapeAsync()
    {
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        // The exporter caches a scrape briefly: wait it out so each read is fresh.
        await Task.Delay(400);
        var response = await client.GetAsync("/metrics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Audit appends and the hub's connection complete just after the responses: scrape until <paramref name="ready"/>.</summary>
    protected async Task<string> ScrapeUntilAsync(Func<string, bool> ready)
    {
        for (var attempt = 0; ; attempt++)
        {
            var text = await ScrapeAsync();
            if (ready(text) || attempt == 50)
            {
                return text;
            }
        }
    }

    private static double Delta(string before, string after, string name, params (string Key, string Value)[] labels) =>
        Value(after, name, labels) - Value(before, name, labels);

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels include <paramref name="labels"/> (0 when none).</summary>
    protected static double Value(string exposition, string name, params (string Key, string Value)[] labels) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(l => labels.All(p => l.Contains($"{p.Key}=\"{p.Value}\"", StringComparison.Ordinal)))
            .Sum(l => double.Parse(l[(l.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : name.Length)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
}

[CollectionDefinition(nameof(ObservabilityCollection), DisableParallelization = true)]
public sealed class ObservabilityCollection;

[Collection(nameof(ObservabilityCollection))]
public sealed class ObservabilityScenariosOnSqlite(ObservedSqliteHost host) : ObservabilityScenarios(host), IClassFixture<ObservedSqliteHost>
{
    [Fact]
    public async Task Given_a_booking_written_to_SQLite_Then_the_write_gate_histograms_resolve_its_sub_second_turn()
    {
        using var patient = await host.Host.SignedInAsync(Patient);
        var (doctorId, _) = (await DoctorsAsync(patient))[1];
        var slot = (await SlotsAsync(patient, doctorId, Today(host.Host).AddDays(3), 7))[0];

        // When: a booking commits (on SQLite it takes the process's write gate).
        await (await BookAsync(patient, doctorId, slot)).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var text = await ScrapeUntilAsync(t => Value(t, "telemed_db_sqlite_write_held_seconds_count") >= 1);

        // Then: the buckets are the advised ones, 0.1 ms to 30 s, not the exporter's millisecond-scale defaults (whose first
        // bucket, 0 to 5 s, took every turn), and the booking's turns fall in sub-second buckets.
        foreach (var name in new[] { "telemed_db_sqlite_write_held_seconds_bucket", "telemed_db_sqlite_write_wait_seconds_bucket" })
        {
            var bounds = text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf("le=\"", StringComparison.Ordinal) + 4)..]).Select(l => l[..l.IndexOf('"')]).ToList();
            bounds.ShouldBe(["0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "+Inf"]);
        }

        var count = Value(text, "telemed_db_sqlite_write_held_seconds_count");
        Value(text, "telemed_db_sqlite_write_held_seconds_bucket", ("le", "0.5")).ShouldBeGreaterThan(0, "a booking's write turn is well under half a second");
        Value(text, "telemed_db_sqlite_write_held_seconds_bucket", ("le", "0.5")).ShouldBeLessThanOrEqualTo(count);
    }
}

[Collection(nameof(ObservabilityCollection))]
public sealed class ObservabilityScenariosOnPostgres(ObservedPostgresHost host) : ObservabilityScenarios(host), IClassFixture<ObservedPostgresHost>;
