using System.Net;
using System.Text;
using System.Text.Json;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.ContractFuzz;
using Telemed.IntegrationTests.Scenarios.Records;
using Xunit.Abstractions;

namespace Telemed.IntegrationTests.Scenarios.Security.AccessMatrix;

/// <summary>
/// The authorization matrix over every operation of the OpenAPI document that takes a record's id in its route (issue 9's
/// probe, kept in the suite so that every module added later is covered by it): a patient has records in every module; another
/// patient, a doctor with no relationship to her and a pharmacist call every such operation with each of her ids that they could not have
/// found themselves. Every answer must be a refusal (4xx), and the same refusal — status and problem code — as for an id that
/// names nothing, so that an answer does not tell whether a record exists; every refused read of one of her records is in the
/// audit trail as denied, whoever refused it (a handler or a role policy). Afterwards everything the patient reads is as before.
/// </summary>
public abstract class AccessMatrixScenarios(RecordsHost host, ITestOutputHelper output)
{
    private const string Owner = "daria.komarova@demo.telemed.dev";
    private const string OtherPatient = "alina.sharova@demo.telemed.dev";
    // A doctor of the owner's clinic with no care relationship to her, who never saw her.
    private const string OtherDoctor = "irina.novikova@demo.telemed.dev";
    // Sees a prescription only once it is sent to the pharmacy; what the crawl shows it reaching is left out, the rest is tried.
    // The front desk and admins are not strangers here: they act on every patient's visits, payments and messages by role.
    private const string Pharmacist = "pharmacist@demo.telemed.dev";

    /// <summary>Operations that give access by design, with a reason: break-glass is a doctor's audited emergency access to any patient.</summary>
    private static readonly HashSet<string> GrantsAccessByDesign = ["POST /api/v1/patients/{id}/break-glass"];

    /// <summary>At most this many of the owner's ids of a route's kind (or of any kind, when none fits) per operation and caller.</summary>
    private const int IdsPerOperation = 6;

    [Fact]
    public async Task Given_a_patients_records_in_every_module_When_another_patient_or_an_unrelated_doctor_uses_their_ids_in_every_operation_Then_each_is_refused_exactly_as_for_an_unknown_id()
    {
        using var owner = await host.SignedInAsync(Owner);
        using var ownersDoctor = await host.SignedInAsync(OwnerFootprint.DoctorEmail);
        var known = await OwnerFootprint.CreateAsync(host, owner, ownersDoctor);

        using var anonymous = host.CreateApiClient();
        var openApi = new OpenApiOperations(await anonymous.GetJsonAsync<JsonElement>("/openapi/v1.json"));
        var operations = openApi.All();
        var harvest = new IdHarvest(openApi, operations);

        var intruders = new List<(string Who, ApiClient Client)>
        {
            ("another patient", await host.SignedInAsync(OtherPatient)),
            ("an unrelated doctor", await host.SignedInAsync(OtherDoctor)),
            ("a pharmacist", await host.SignedInAsync(Pharmacist)),
        };
        // What each caller can find on its own (and what anyone can) is not the owner's to protect: doctors, clinics, pharmacies,
        // and for the pharmacist a prescription sent to the pharmacy. Read first, so the owner's access report already shows it.
        var publicIds = await harvest.CrawlAsync(anonymous, []);
        var reachable = new Dictionary<string, IdHarvest.Found>();
        foreach (var (who, client) in intruders)
        {
            reachable[who] = await harvest.CrawlAsync(client, []);
        }

        var ownerSees = await harvest.CrawlAsync(owner, known);
        var again = await harvest.CrawlAsync(owner, known);
        // Answers that change on their own between two reads (clocks, counters) are not compared afterwards.
        var stable = ownerSees.Answers.Where(a => again.Answers.TryGetValue(a.Key, out var text) && text == a.Value).ToDictionary(a => a.Key, a => a.Value);
        var failures = new List<string>();
        var tried = 0;
        var covered = new HashSet<string>();
        var refusedReads = new List<(string Who, string Operation, Guid Id)>();
        var idOperations = operations.Where(o => o.Parameters.Any(p => p.In == "path" && IdHarvest.IsGuid(p))).ToList();
        idOperations.Count.ShouldBeGreaterThan(100);
        foreach (var (who, client) in intruders)
        {
            var own = reachable[who];
            var owners = ownerSees.Kinds.Where(k => !own.Kinds.ContainsKey(k.Key) && !publicIds.Kinds.ContainsKey(k.Key)).ToList();
            owners.Count.ShouldBeGreaterThan(10, "the owner's footprint should give the matrix ids of many kinds");

            foreach (var op in idOperations.Where(o => !GrantsAccessByDesign.Contains(o.ToString())))
            {
                var pathIds = op.Parameters.Where(p => p.In == "path" && IdHarvest.IsGuid(p)).ToList();
                foreach (var parameter in pathIds)
                {
                    var matching = IdHarvest.Matching(op, parameter, owners).ToList();
                    var candidates = (matching.Count > 0 ? matching : owners.Select(o => o.Key)).Take(IdsPerOperation).ToList();
                    string IdFor(OperationParameter p, Guid candidate) =>
                        p.Name == parameter.Name ? candidate.ToString()
                        : IdHarvest.IsGuid(p) ? (IdHarvest.Matching(op, p, owners).FirstOrDefault() is var other && other != Guid.Empty ? other : OpenApiOperations.UnknownId).ToString()
                        : null!;
                    var unknownAnswer = await SendAsync(client, openApi, harvest, op, p => IdFor(p, OpenApiOperations.UnknownId));
                    foreach (var candidate in candidates)
                    {
                        tried++;
                        var answer = await SendAsync(client, openApi, harvest, op, p => IdFor(p, candidate));
                        var kinds = string.Join("/", ownerSees.Kinds[candidate]);
                        if (answer.Status is < 400 or >= 500)
                        {
                            failures.Add($"{who}: {op} with the owner's {kinds} id ({parameter.Name}) → {answer}");
                        }
                        else if (answer != unknownAnswer)
                        {
                            failures.Add($"{who}: {op} with the owner's {kinds} id ({parameter.Name}) → {answer}, but an unknown id → {unknownAnswer}: the answer tells the record exists");
                        }

                        if (matching.Count > 0)
                        {
                            covered.Add(op.ToString());
                            if (op.Method == "GET" && matching.Contains(candidate))
                            {
                                refusedReads.Add((who, op.ToString(), candidate));
                            }
                        }
                    }
                }
            }
        }

        output.WriteLine($"Access matrix: {idOperations.Count} operations with ids, {tried} calls with the owner's ids, {covered.Count} operations reached with ids of their own kind.");
        output.WriteLine("Not reached with an id of their own kind (tried with the owner's other ids): "
            + string.Join(", ", idOperations.Select(o => o.ToString()).Where(o => !covered.Contains(o))));
        failures.ShouldBeEmpty($"{failures.Count} answers let a stranger in or told them a record exists:\n{string.Join('\n', failures.Take(80))}");

        // Every refused read of one of her records is in the trail as denied, by whom and which record (issue 9, 1.6).
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var unrecorded = new List<string>();
        foreach (var (who, client) in intruders)
        {
            var actor = await RecordsApi.UserIdAsync(client);
            var denied = await DeniedRecordsAsync(admin, actor);
            unrecorded.AddRange(refusedReads.Where(r => r.Who == who && !denied.Contains(r.Id)).Select(r => $"{who}: {r.Operation} ({string.Join("/", ownerSees.Kinds[r.Id])})").Distinct());
        }

        unrecorded.ShouldBeEmpty("refused reads of her records that left no denied entry in the trail");

        var after = await harvest.CrawlAsync(owner, known);
        var changed = stable.Where(a => !after.Answers.TryGetValue(a.Key, out var text) || text != a.Value).Select(a => a.Key).ToList();
        changed.ShouldBeEmpty("what the owner reads changed after the strangers' calls");
        foreach (var (_, client) in intruders)
        {
            client.Dispose();
        }
    }

    /// <summary>The record ids of every entry with outcome denied of <paramref name="actor"/> (the audit viewer, page by page).</summary>
    private static async Task<HashSet<Guid>> DeniedRecordsAsync(ApiClient admin, Guid actor)
    {
        var ids = new HashSet<Guid>();
        for (var page = 1; page < 100; page++)
        {
            var items = (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?outcome=denied&actorId={actor}&page={page}&pageSize=100")).GetProperty("items");
            foreach (var entry in items.EnumerateArray())
            {
                if (entry.TryGetProperty("recordId", out var id) && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var recordId))
                {
                    ids.Add(recordId);
                }
            }

            if (items.GetArrayLength() < 100)
            {
                return ids;
            }
        }

        return ids;
    }

    private sealed record Answer(int Status, string? Code)
    {
        public override string ToString() => Code is null ? Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Status} {Code}";
    }

    /// <summary>Calls the operation with the route ids given and a body that fits its schema (ids in it name nothing).</summary>
    private static async Task<Answer> SendAsync(ApiClient client, OpenApiOperations openApi, IdHarvest harvest, ApiOperation op, Func<OperationParameter, string?> ids)
    {
        using var request = new HttpRequestMessage(new HttpMethod(op.Method), harvest.Url(op, ids));
        if (op.JsonBody is { } schema)
        {
            request.Content = new StringContent(openApi.Sample(schema)?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
        }
        else if (op.MultipartBody)
        {
            request.Content = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        }

        using var response = await client.Http.SendAsync(request);
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            code = problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }

        return new Answer((int)response.StatusCode, code);
    }
}

public sealed class AccessMatrixSqliteHost() : RecordsHost(DatabaseProvider.Sqlite);

public sealed class AccessMatrixPostgresHost() : RecordsHost(DatabaseProvider.Postgres);

[CollectionDefinition(nameof(AccessMatrixSqliteCollection))]
public sealed class AccessMatrixSqliteCollection : ICollectionFixture<AccessMatrixSqliteHost>;

[CollectionDefinition(nameof(AccessMatrixPostgresCollection))]
public sealed class AccessMatrixPostgresCollection : ICollectionFixture<AccessMatrixPostgresHost>;

[Collection(nameof(AccessMatrixSqliteCollection))]
public sealed class AccessMatrixScenariosOnSqlite(AccessMatrixSqliteHost host, ITestOutputHelper output) : AccessMatrixScenarios(host, output);

[Collection(nameof(AccessMatrixPostgresCollection))]
public sealed class AccessMatrixScenariosOnPostgres(AccessMatrixPostgresHost host, ITestOutputHelper output) : AccessMatrixScenarios(host, output);
