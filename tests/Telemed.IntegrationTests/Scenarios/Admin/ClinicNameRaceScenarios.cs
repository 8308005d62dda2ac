using System.Net;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Admin;

/// <summary>
/// One clinic created five times at once (a double click, two admins). The requests that passed the "name free" check together
/// were refused by the unique index with the generic 409 <c>conflict</c>; they now get <c>directory.clinic_name_taken</c>, as a
/// name taken earlier does.
/// </summary>
public abstract class ClinicNameRaceScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_one_new_clinic_When_it_is_created_five_times_at_once_Then_one_is_created_and_the_others_are_told_the_name_is_taken()
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var name = $"Race Clinic {Guid.NewGuid():N}";
        var body = new
        {
            name, address = "Tverskaya 3", city = "Moscow", latitude = 55.76, longitude = 37.61, timeZone = "Europe/Moscow", phone = "+7 495 000 0000",
            email = "race@clinic.example", openingHours = "Mo-Fr 09:00-18:00",
        };

        var started = host.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1);
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => admin.PostAsync("/api/v1/admin/clinics", body)));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await refused.ProblemCodeAsync()).ShouldBe("directory.clinic_name_taken");
        }

        (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/clinics")).EnumerateArray().Count(c => c.GetProperty("name").GetString() == name).ShouldBe(1);
        // The auditor sees one clinic created: the refused ones left no success entry (this host's only clinic test runs alone).
        var trail = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=clinic.created&outcome=success&from={started:O}&pageSize=50");
        trail.GetProperty("items").GetArrayLength().ShouldBe(1);
    }
}

public sealed class ClinicNameRaceScenariosOnSqlite(SqliteHost host) : ClinicNameRaceScenarios(host), IClassFixture<SqliteHost>;

public sealed class ClinicNameRaceScenariosOnPostgres(PostgresHost host) : ClinicNameRaceScenarios(host), IClassFixture<PostgresHost>;
