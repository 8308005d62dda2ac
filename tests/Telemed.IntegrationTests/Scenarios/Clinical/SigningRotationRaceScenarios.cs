using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// A doctor's signing certificate rotated twice at once (a double click, two tabs). Both rotations revoked the same old certificate
/// and each issued one, so one of the answers named a certificate already superseded by the other. Rotation is now serialised by the
/// old certificate's revocation: exactly one wins, the others are told 409 <c>conflict.concurrent_update</c> and issue nothing.
/// </summary>
public abstract class SigningRotationRaceScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_a_doctors_certificate_When_it_is_rotated_four_times_at_once_Then_one_rotation_wins_and_its_certificate_is_the_only_active_one()
    {
        using var doctor = await host.SignedInAsync("sergey.volkov@demo.telemed.dev");
        var before = await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/signing/credential");
        var doctorUserId = before.GetProperty("doctorUserId").GetGuid();
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        async Task<List<JsonElement>> CredentialsAsync() => (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/signing/credentials")).EnumerateArray()
            .Where(c => c.GetProperty("doctorUserId").GetGuid() == doctorUserId).ToList();
        var issuedBefore = (await CredentialsAsync()).Count;

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => doctor.PostAsync("/api/v1/clinical/signing/credential/rotate")));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await refused.ProblemCodeAsync()).ShouldBe("conflict.concurrent_update");
        }

        var winner = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>();
        winner.GetProperty("status").GetString().ShouldBe("active");
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/clinical/signing/credential")).GetProperty("id").GetGuid().ShouldBe(winner.GetProperty("id").GetGuid());

        var mine = await CredentialsAsync();
        mine.Where(c => c.GetProperty("revokedAt").ValueKind == JsonValueKind.Null).Select(c => c.GetProperty("id").GetGuid())
            .ShouldBe([winner.GetProperty("id").GetGuid()]);
        mine.Single(c => c.GetProperty("id").GetGuid() == before.GetProperty("id").GetGuid()).GetProperty("revocationReason").GetString().ShouldBe("superseded");
        // Nothing issued by the refused rotations: the winner's certificate only.
        mine.Count.ShouldBe(issuedBefore + 1);
    }
}

public sealed class SigningRotationRaceScenariosOnSqlite(SqliteHost host) : SigningRotationRaceScenarios(host), IClassFixture<SqliteHost>;

public sealed class SigningRotationRaceScenariosOnPostgres(PostgresHost host) : SigningRotationRaceScenarios(host), IClassFixture<PostgresHost>;
