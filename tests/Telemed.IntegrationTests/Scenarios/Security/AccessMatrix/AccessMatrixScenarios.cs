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

        var (ownerSees, stable) = await harvest.CrawlTwiceAsync(owner, known);
        var probe = new MatrixProbe(openApi, harvest, operations);
        probe.IdOperations.Count.ShouldBeGreaterThan(100);
        foreach (var (who, client) in intruders)
        {
            var owners = ownerSees.Kinds.Where(k => !reachable[who].Kinds.ContainsKey(k.Key) && !publicIds.Kinds.ContainsKey(k.Key)).ToList();
            owners.Count.ShouldBeGreaterThan(10, "the owner's footprint should give the matrix ids of many kinds");
            await probe.ProbeAsync(who, client, owners);
        }

        output.WriteLine($"Access matrix: {probe.IdOperations.Count} operations with ids, {probe.Tried} calls with the owner's ids, {probe.Covered.Count} operations reached with ids of their own kind.");
        output.WriteLine("Not reached with an id of their own kind (tried with the owner's other ids): "
            + string.Join(", ", probe.IdOperations.Select(o => o.ToString()).Where(o => !probe.Covered.Contains(o))));
        probe.Failures.ShouldBeEmpty($"{probe.Failures.Count} answers let a stranger in or told them a record exists:\n{string.Join('\n', probe.Failures.Take(80))}");

        // Every refused read of one of her records is in the trail as denied, by whom and which record (issue 9, 1.6).
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var unrecorded = new List<string>();
        foreach (var (who, client) in intruders)
        {
            var actor = await RecordsApi.UserIdAsync(client);
            var denied = await DeniedRecordsAsync(admin, actor);
            unrecorded.AddRange(probe.RefusedReads.Where(r => r.Who == who && !denied.Contains(r.Id)).Select(r => $"{who}: {r.Operation} ({string.Join("/", ownerSees.Kinds[r.Id])})").Distinct());
        }

        unrecorded.ShouldBeEmpty("refused reads of her records that left no denied entry in the trail");

        (await harvest.ChangedAsync(owner, known, stable)).ShouldBeEmpty("what the owner reads changed after the strangers' calls");

        // Every read the API offers ran above: none may take a page of rows without saying which (EF Core's 10102 warning).
        host.Logs.Where(l => l.Contains("row limiting operator", StringComparison.Ordinal)).ShouldBeEmpty();
        foreach (var (_, client) in intruders)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Given_a_doctors_schedule_and_records_When_another_doctor_uses_her_doctor_id_and_her_ids_in_every_operation_Then_each_is_refused_and_nothing_of_hers_changes()
    {
        using var owner = await host.SignedInAsync(OwnerFootprint.DoctorEmail);
        using var other = await host.SignedInAsync(OtherDoctor);
        using var patient = await host.SignedInAsync(OtherPatient);
        using var anonymous = host.CreateApiClient();
        var openApi = new OpenApiOperations(await anonymous.GetJsonAsync<JsonElement>("/openapi/v1.json"));
        var operations = openApi.All();
        var harvest = new IdHarvest(openApi, operations);
        var probe = new MatrixProbe(openApi, harvest, operations);

        var doctorId = (await owner.GetJsonAsync<JsonElement>("/api/v1/scheduling/me/doctor")).GetProperty("doctorId").GetGuid();
        var availability = await owner.GetJsonAsync<JsonElement>($"/api/v1/scheduling/doctors/{doctorId}/availability");
        var clinicId = availability.GetProperty("weeklyHours")[0].GetProperty("clinicId").GetGuid();
        var day = SchedulingApi.Today(host).AddDays(45);
        var added = await owner.PostAsync($"/api/v1/scheduling/doctors/{doctorId}/availability/exceptions", new { clinicId, date = day.ToString("yyyy-MM-dd"), kind = "dayOff" });
        added.IsSuccessStatusCode.ShouldBeTrue(await added.Content.ReadAsStringAsync());
        (await owner.PostAsync($"/api/v1/scheduling/doctors/{doctorId}/calendar-feed")).IsSuccessStatusCode.ShouldBeTrue();

        var publicIds = await harvest.CrawlAsync(anonymous, []);
        var othersOwn = await harvest.CrawlAsync(other, []);
        var (ownerSees, stable) = await harvest.CrawlTwiceAsync(owner, [(doctorId, "doctor")]);
        stable.Keys.ShouldContain($"/api/v1/scheduling/doctors/{doctorId}/availability");

        // Her records by id (refill requests, review flags, her patients' visits), as in the patient's matrix.
        var owners = ownerSees.Kinds.Where(k => !othersOwn.Kinds.ContainsKey(k.Key) && !publicIds.Kinds.ContainsKey(k.Key)).ToList();
        await probe.ProbeAsync("another doctor", other, owners);

        // Her doctor id is public (patients book with it), but her hours, days off, calendar and feed are hers: each operation on it,
        // with a body she could have sent, is refused to a colleague — unless any signed-in patient may read it too (her free slots).
        var exceptionId = ownerSees.Kinds.FirstOrDefault(k => k.Value.Contains("exception")).Key;
        exceptionId.ShouldNotBe(Guid.Empty, "her day off should be among what she reads");
        var hours = new { weeklyHours = availability.GetProperty("weeklyHours"), appointmentTypes = availability.GetProperty("appointmentTypes") };
        var bodies = new Dictionary<string, object>
        {
            ["PUT /api/v1/scheduling/doctors/{doctorId}/availability"] = hours,
            ["POST /api/v1/scheduling/doctors/{doctorId}/availability/affected-visits"] = hours,
            ["POST /api/v1/scheduling/doctors/{doctorId}/availability/exceptions"] = new { clinicId, date = day.AddDays(1).ToString("yyyy-MM-dd"), kind = "dayOff" },
        };
        var onHerId = probe.IdOperations.Where(o => o.Parameters.Any(p => p.Name == "doctorId")).ToList();
        onHerId.Count.ShouldBeGreaterThan(10);
        foreach (var op in onHerId)
        {
            string? Ids(OperationParameter p) => p.Name == "doctorId" ? doctorId.ToString() : p.Name == "exceptionId" ? exceptionId.ToString() : null;
            var answer = await probe.SendAsync(other, op, Ids, bodies.GetValueOrDefault(op.ToString()));
            if (answer.Status >= 500 || (answer.Succeeded && (op.Method != "GET" || !(await probe.SendAsync(patient, op, Ids)).Succeeded)))
            {
                probe.Failures.Add($"another doctor: {op} with her doctor id → {answer}");
            }
        }

        probe.Failures.ShouldBeEmpty($"{probe.Failures.Count} answers let a colleague in or told them a record exists:\n{string.Join('\n', probe.Failures.Take(80))}");
        (await harvest.ChangedAsync(owner, [(doctorId, "doctor")], stable)).ShouldBeEmpty("what the doctor reads changed after her colleague's calls");
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
