using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Telemed.IntegrationTests.Scenarios.ContractFuzz;

/// <summary>
/// The contract fuzz: reads the host's OpenAPI document and, for every operation and every role that may
/// call it, sends malformed variants of its route, query and body. Bad input must never answer 5xx; every
/// error is RFC 9457 ProblemDetails with a <c>code</c>; no text member carrying a right-to-left override is taken; the host
/// stays ready; data created before the fuzz is unchanged; and no log line quotes what the fuzz sent.
/// </summary>
public abstract class ContractFuzzScenarios(TelemedHost host, ITestOutputHelper output, int sampledVariants)
{
    /// <summary>
    /// Every variant goes to the first role that may call an operation; each other role that may call it gets the essential
    /// variants ({}, null and missing members, bad multipart) and a deterministic sample of <c>sampledVariants</c> more.
    /// That keeps a run to about 3,000 requests (a few minutes on two busy cores).
    /// </summary>
    private const int FullVariantRoles = 1;

    private static readonly (string Role, string? Email)[] Roles =
    [
        ("patient", "ivan.kuznetsov@demo.telemed.dev"), ("doctor", "anna.petrova@demo.telemed.dev"), ("frontDesk", SchedulingApi.FrontDesk),
        ("pharmacist", "pharmacist@demo.telemed.dev"), ("admin", "admin@demo.telemed.dev"), ("anonymous", null),
    ];

    /// <summary>
    /// Operations a signed-in fuzz client would use to end or weaken its own session; they are fuzzed
    /// anonymously only (the ids in routes are always unknown, so admin actions on users cannot hit the fuzz accounts).
    /// </summary>
    private static bool SelfDestructive(ApiOperation op, string role) => role != "anonymous" && (op.Method, op.PathTemplate) switch
    {
        ("POST", "/api/v1/auth/sign-out") => true,          // ends the session
        ("POST", "/api/v1/auth/sign-in") => true,           // starts another sign-in on the same cookie (staff would need a fresh TOTP step)
        ("POST", "/api/v1/auth/sign-in/mfa") => true,       // wrong codes count towards the account's lock-out
        ("GET", "/api/v1/auth/mfa/enrolment") => role != "patient", // for an enrolled user this replaces the authenticator key
        ("POST", "/api/v1/auth/mfa/enrolment/replacement") => true, // wrong codes count towards lock-out; a right one replaces the key
        _ => false,
    };

    [Fact]
    public async Task Given_malformed_requests_to_every_operation_Then_none_answers_5xx_errors_are_problems_and_nothing_changes()
    {
        var watch = Stopwatch.StartNew();
        var clients = new Dictionary<string, ApiClient>();
        foreach (var (role, email) in Roles)
        {
            // Each role signs in once and keeps its client: a staff account may not reuse a TOTP step.
            clients[role] = email is null ? host.CreateApiClient() : await host.SignedInAsync(email);
            await clients[role].GetAsync("/api/v1/auth/session");
        }

        var before = await SeedAndReadAsync(clients["patient"]);

        using var anonymous = host.CreateApiClient();
        var document = await anonymous.GetJsonAsync<JsonElement>("/openapi/v1.json");
        var openApi = new OpenApiOperations(document);
        var operations = openApi.All();
        operations.Count.ShouldBeGreaterThan(50);
        // Ids that exist, for the reads' query variants: the doctor's own id and one of the clinics (see MalformedVariants).
        var doctorId = await ConsultationsApi.DoctorIdAsync(clients["doctor"]);
        var knownIds = new Dictionary<string, string>
        {
            ["doctorId"] = doctorId.ToString(),
            ["clinicId"] = (await SchedulingApi.SlotsAsync(anonymous, doctorId, SchedulingApi.Today(host).AddDays(1), 14))[0].ClinicId.ToString(),
        };
        var variants = new MalformedVariants(openApi, knownIds);

        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var sent = 0;
        var rejectedByServer = new ConcurrentDictionary<string, int>();

        async Task<HttpResponseMessage> SendAsync(ApiClient client, string role, FuzzRequest request)
        {
            using var message = new HttpRequestMessage(request.Method, request.Url) { Content = request.Content() };
            var response = await client.Http.SendAsync(message);
            Interlocked.Increment(ref sent);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            var problem = await ProblemWithCodeAsync(response);
            if ((int)response.StatusCode is >= 400 and < 500 && !response.Headers.Contains("X-Content-Type-Options"))
            {
                // Kestrel itself refuses some request lines (a NUL byte in the path) before any middleware runs, with an empty 400:
                // the app cannot answer those, so they are counted, not failed.
                rejectedByServer.AddOrUpdate(request.Variant, 1, (_, n) => n + 1);
            }
            else if ((int)response.StatusCode >= 500 || ((int)response.StatusCode >= 400 && problem is not null))
            {
                failures.Enqueue($"{role} {request}: {(int)response.StatusCode} {problem}");
            }
            else if (request.Variant.EndsWith(MalformedVariants.RefusedTextVariant, StringComparison.Ordinal) && response.IsSuccessStatusCode
                && !request.Variant.Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                // Text with a right-to-left override was taken: every text member of every body follows the rule (passwords excepted).
                failures.Enqueue($"{role} {request}: {(int)response.StatusCode} took text with U+202E");
            }

            return response;
        }

        var plan = new List<(string Role, FuzzRequest Request)>();
        foreach (var op in operations)
        {
            var all = variants.For(op).ToList();
            var callers = new List<string>();
            foreach (var (role, _) in Roles.Where(r => !SelfDestructive(op, r.Role)))
            {
                // The base request tells who may call it: 401/403 means this role may not (and that answer is checked too).
                using var probe = await SendAsync(clients[role], role, all[0]);
                if (probe.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                {
                    callers.Add(role);
                }
            }

            foreach (var (role, index) in callers.Select((r, i) => (r, i)))
            {
                var chosen = index < FullVariantRoles ? all.Skip(1)
                    : all.Skip(1).Where(v => v.Essential).Concat(Sample(all.Skip(1).Where(v => !v.Essential).ToList(), sampledVariants, $"{op} {role}"));
                plan.AddRange(chosen.Select(v => (role, v)));
            }
        }

        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, _) =>
        {
            using var response = await SendAsync(clients[item.Role], item.Role, item.Request);
        });

        output.WriteLine($"Contract fuzz: {operations.Count} operations, {sent} requests in {watch.Elapsed.TotalSeconds:F0} s; statuses "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        output.WriteLine("Refused by Kestrel before the app: " + string.Join(", ", rejectedByServer.Select(r => $"{r.Key}×{r.Value}")));
        var grouped = failures.GroupBy(f => f[(f.IndexOf(' ', StringComparison.Ordinal) + 1)..Math.Min(f.Length, f.IndexOf("]:", StringComparison.Ordinal) + 6)])
            .Select(g => $"{g.Count()}× {g.First()}").ToList();
        failures.Count.ShouldBe(0, $"{failures.Count} bad answers ({grouped.Count} kinds):\n{string.Join('\n', grouped.Take(150))}");

        using var ready = await anonymous.GetAsync("/health/ready");
        await ready.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var after = await ReadAsync(clients["patient"], before.AppointmentId, before.ConversationId);
        after.ShouldBe(before.Snapshot);

        // The log says which route failed and how, never what was sent.
        host.Logs.Where(l => l.Contains(MalformedVariants.Marker, StringComparison.Ordinal)).ShouldBeEmpty();
        host.Logs.Where(l => l.Contains("Unhandled", StringComparison.Ordinal)).ShouldBeEmpty();
        host.Logs.Where(l => l.Contains("missing or null members", StringComparison.Ordinal)).ShouldBeEmpty("a validator dereferenced a null member");
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    /// <summary>Null when the answer is fine; otherwise what is wrong with it (a 4xx must be application/problem+json with a string <c>code</c>).</summary>
    private static async Task<string?> ProblemWithCodeAsync(HttpResponseMessage response)
    {
        if ((int)response.StatusCode < 400)
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync();
        var snippet = text.Length > 300 ? text[..300] : text;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"not a problem ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}): {snippet}";
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() is { Length: > 0 }
                ? (int)response.StatusCode >= 500 ? snippet : null
                : $"no code: {snippet}";
        }
        catch (JsonException)
        {
            return $"unreadable problem: {snippet}";
        }
    }

    /// <summary>A deterministic sample (same every run) so a failure can be reproduced.</summary>
    private static IEnumerable<FuzzRequest> Sample(IReadOnlyList<FuzzRequest> variants, int count, string seed)
    {
        var random = new Random(StableHash(seed));
        return variants.OrderBy(_ => random.Next()).Take(count);
    }

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    private sealed record Before(Guid AppointmentId, Guid ConversationId, string Snapshot);

    /// <summary>Creates what the fuzz must not change: a booked appointment, a chat message, the patient's profile.</summary>
    private async Task<Before> SeedAndReadAsync(ApiClient patient)
    {
        var doctors = await SchedulingApi.DoctorsAsync(patient);
        var slot = (await SchedulingApi.SlotsAsync(patient, doctors[0].Id, SchedulingApi.Today(host).AddDays(2), 7))[0];
        var booked = await SchedulingApi.BookAsync(patient, doctors[0].Id, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var started = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId = doctors[0].Id, subject = "Before the fuzz", body = "A message the fuzz must not change" });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await ReadAsync(patient, appointmentId, conversationId);    // the first read marks the conversation read
        return new Before(appointmentId, conversationId, await ReadAsync(patient, appointmentId, conversationId));
    }

    private static async Task<string> ReadAsync(ApiClient patient, Guid appointmentId, Guid conversationId) => string.Join('\n',
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{appointmentId}")).GetRawText(),
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages")).GetRawText(),
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetRawText());
}

public sealed class ContractFuzzScenariosOnSqlite(SqliteHost host, ITestOutputHelper output) : ContractFuzzScenarios(host, output, sampledVariants: 10), IClassFixture<SqliteHost>;
/// <summary>The same fuzz on PostgreSQL, which refuses some text SQLite stores (NUL characters); fewer sampled variants for the other roles.</summary>
public sealed class ContractFuzzScenariosOnPostgres(PostgresHost host, ITestOutputHelper output) : ContractFuzzScenarios(host, output, sampledVariants: 4), IClassFixture<PostgresHost>;
