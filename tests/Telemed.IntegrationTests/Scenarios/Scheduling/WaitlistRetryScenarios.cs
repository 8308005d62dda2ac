using System.Net;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>
/// A waitlist join sent again with its Idempotency-Key (docs/api-v1.md, "Retrying a create"): one entry per key, also when sent four
/// times at once (the duplicate check alone, a read before the insert, let such sends through); the key with another wish is refused;
/// without a key a second join of the same wish is still 409 <c>scheduling.waitlist_duplicate</c>.
/// </summary>
public abstract class WaitlistRetryScenarios(TelemedHost host)
{
    private const string Patient = "svetlana.pavlova@demo.telemed.dev";
    private const string Path = "/api/v1/scheduling/waitlist";

    private object Wish(string specialty) =>
        new { specialty, kind = "video", from = SchedulingApi.Today(host).AddDays(10).ToString("yyyy-MM-dd"), to = SchedulingApi.Today(host).AddDays(20).ToString("yyyy-MM-dd") };

    /// <summary>A known specialty this test has not used yet (the waitlist refuses unknown ones), so each wish counts alone.</summary>
    private readonly Queue<string> unused = new(["endocrinology", "gynecology", "psychiatry", "general-practice", "neurology"]);

    private string Specialty() => unused.Dequeue();

    private static async Task<int> WaitingAsync(ApiClient patient, string specialty) =>
        (await patient.GetJsonAsync<JsonElement>($"{Path}/mine")).EnumerateArray().Count(e => e.GetProperty("specialty").GetString() == specialty);

    [Fact]
    public async Task Given_a_waitlist_join_sent_again_with_its_Idempotency_Key_Then_the_patient_waits_once()
    {
        using var patient = await host.SignedInAsync(Patient);
        var specialty = Specialty();
        var key = Guid.NewGuid().ToString();
        var first = await CreateRequestKeyChecks.CreatedIdAsync(await patient.PostWithKeyAsync(Path, Wish(specialty), key));
        (await CreateRequestKeyChecks.CreatedIdAsync(await patient.PostWithKeyAsync(Path, Wish(specialty), key))).ShouldBe(first);
        (await WaitingAsync(patient, specialty)).ShouldBe(1);

        var raced = Specialty();
        var raceKey = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => patient.PostWithKeyAsync(Path, Wish(raced), raceKey)));
        (await Task.WhenAll(answers.Select(CreateRequestKeyChecks.CreatedIdAsync))).Distinct().Count().ShouldBe(1);
        (await WaitingAsync(patient, raced)).ShouldBe(1);

        var reused = await patient.PostWithKeyAsync(Path, Wish(Specialty()), key);
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reused.ProblemCodeAsync()).ShouldBe("idempotency.key_reused");

        // Without a key, as before: the same wish again is refused as a duplicate, not answered with the entry.
        var unkeyed = Specialty();
        await CreateRequestKeyChecks.CreatedIdAsync(await patient.PostWithKeyAsync(Path, Wish(unkeyed), null));
        var again = await patient.PostWithKeyAsync(Path, Wish(unkeyed), null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ProblemCodeAsync()).ShouldBe("scheduling.waitlist_duplicate");
        (await WaitingAsync(patient, unkeyed)).ShouldBe(1);
    }
}

public sealed class WaitlistRetryScenariosOnSqlite(SqliteHost host) : WaitlistRetryScenarios(host), IClassFixture<SqliteHost>;

public sealed class WaitlistRetryScenariosOnPostgres(PostgresHost host) : WaitlistRetryScenarios(host), IClassFixture<PostgresHost>;
