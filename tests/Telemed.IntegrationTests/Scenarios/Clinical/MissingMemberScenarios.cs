using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Records;

namespace Telemed.IntegrationTests.Scenarios.Clinical;

/// <summary>
/// A PUT that leaves out (or sends null for) a member it replaces was quietly read as a default: a private document's sharing
/// became <c>care_team</c> and a clinic's jurisdiction was cleared. Each is now 400 <c>validation.failed</c> naming the member,
/// and nothing changes; the full body is still taken. (The same kind elsewhere — a profile's allergies, a protocol's sections, a
/// pharmacy's <c>active</c> — is listed as open in the session's note.)
/// </summary>
public abstract class MissingMemberScenarios(TelemedHost host)
{
    private const string Admin = "admin@demo.telemed.dev";

    private static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, string what, string code = "validation.failed")
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, what);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe(code, what);
        return problem;
    }

    private static string[] Members(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];

    private static HttpRequestMessage Put(string path, string json) =>
        new(HttpMethod.Put, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    [Fact]
    public async Task Given_a_private_document_When_its_sharing_is_put_without_or_with_null_sharing_Then_it_is_400_and_stays_private()
    {
        using var patient = await host.SignedInAsync("oliver.grant@demo.telemed.dev");
        var id = await RecordsApi.UploadedAsync(patient, "%PDF-1.4 private notes"u8.ToArray(), sharing: "private");
        foreach (var body in new[] { "{}", """{"sharing":null}""" })
        {
            var problem = await RefusedAsync(await patient.Http.SendAsync(Put($"/api/v1/me/record/documents/{id}/sharing", body)), body);
            Members(problem).ShouldBe(["sharing"], body);
        }

        var mine = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/documents")).EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == id);
        mine.GetProperty("sharing").GetString().ShouldBe("private");
        (await (await patient.PutAsync($"/api/v1/me/record/documents/{id}/sharing", new { sharing = "care_team" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("sharing").GetString().ShouldBe("care_team");
    }

    [Fact]
    public async Task Given_a_clinic_under_323_FZ_When_its_jurisdiction_is_put_without_or_with_null_Then_it_is_400_and_the_rules_stay()
    {
        using var admin = await host.SignedInAsync(Admin);
        var clinicId = (await admin.GetJsonAsync<JsonElement>("/api/v1/clinics")).EnumerateArray().First().GetProperty("id").GetGuid();
        var path = $"/api/v1/admin/clinics/{clinicId}/jurisdiction";
        var before = (await admin.GetJsonAsync<JsonElement>(path)).GetProperty("jurisdiction").GetString()!;
        try
        {
            await (await admin.PutAsync(path, new { jurisdiction = "ru-323fz" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            foreach (var body in new[] { "{}", """{"jurisdiction":null}""" })
            {
                Members(await RefusedAsync(await admin.Http.SendAsync(Put(path, body)), body)).ShouldBe(["jurisdiction"], body);
            }

            (await admin.GetJsonAsync<JsonElement>(path)).GetProperty("jurisdiction").GetString().ShouldBe("ru-323fz");
        }
        finally
        {
            await admin.PutAsync(path, new { jurisdiction = before });
        }
    }
}

[Collection("clinical-sqlite")]
public sealed class MissingMemberScenariosOnSqlite(ClinicalSqliteHost host) : MissingMemberScenarios(host);

[Collection("clinical-postgres")]
public sealed class MissingMemberScenariosOnPostgres(ClinicalPostgresHost host) : MissingMemberScenarios(host);
