using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Modules;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Admin;

/// <summary>
/// Clinic names differing only in letter case. "City Clinic" and "city clinic" were two clinics (the unique index compared names
/// case-sensitively), so patients saw one clinic twice. A name is now unique in any letter case and spacing, on create and rename
/// (409 <c>directory.clinic_name_taken</c>); duplicates stored before are kept at start-up (it must not stop), the first keeps the name's
/// key and the other can be edited and renamed, while no third clinic may take the name.
/// </summary>
public abstract class ClinicNameCaseScenarios(TelemedHost host)
{
    private static object Body(string name, string address = "Tverskaya 3") => new
    {
        name, address, city = "Moscow", latitude = 55.76, longitude = 37.61, timeZone = "Europe/Moscow", phone = "+7 495 000 0000",
        email = "case@clinic.example", openingHours = "Mo-Fr 09:00-18:00",
    };

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage created)
    {
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Given_a_clinic_When_another_is_created_or_renamed_to_its_name_in_another_letter_case_Then_it_is_refused_as_the_name_taken()
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var name = $"City Clinic {Guid.NewGuid():N}";
        var cityClinic = await CreatedIdAsync(await admin.PostAsync("/api/v1/admin/clinics", Body(name)));

        foreach (var same in new[] { name.ToLowerInvariant(), name.ToUpperInvariant(), "  " + name.Replace(" ", "   ", StringComparison.Ordinal) + " " })
        {
            var refused = await admin.PostAsync("/api/v1/admin/clinics", Body(same));
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await refused.ProblemCodeAsync()).ShouldBe("directory.clinic_name_taken");
        }

        var other = await CreatedIdAsync(await admin.PostAsync("/api/v1/admin/clinics", Body($"Other Clinic {Guid.NewGuid():N}")));
        var renamed = await admin.PutAsync($"/api/v1/admin/clinics/{other}", Body(name.ToUpperInvariant()));
        renamed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await renamed.ProblemCodeAsync()).ShouldBe("directory.clinic_name_taken");

        // The clinic itself may change its name's letter case.
        var recased = await admin.PutAsync($"/api/v1/admin/clinics/{cityClinic}", Body(name.ToUpperInvariant()));
        await recased.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/clinics")).EnumerateArray()
            .Count(c => string.Equals(c.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase)).ShouldBe(1);
    }

    [Fact]
    public async Task Given_two_clinics_stored_with_one_name_in_two_letter_cases_When_the_host_starts_Then_both_are_kept_no_third_may_take_the_name_and_the_duplicate_can_be_renamed()
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var name = $"Old Clinic {Guid.NewGuid():N}";
        var first = await CreatedIdAsync(await admin.PostAsync("/api/v1/admin/clinics", Body(name)));
        var second = await CreatedIdAsync(await admin.PostAsync("/api/v1/admin/clinics", Body($"Placeholder {Guid.NewGuid():N}")));

        // As an older version stored them: no keys, the second named as the first in lower case.
        var raw = new RawDatabase(host);
        var clinics = raw.Table("directory", "clinics");
        await using (var connection = await raw.OpenAsync())
        {
            await RawDatabase.ExecuteAsync(connection, $"UPDATE {clinics} SET \"NameKey\" = NULL WHERE \"Id\" IN ('{Id(first)}', '{Id(second)}')");
            await RawDatabase.ExecuteAsync(connection, $"UPDATE {clinics} SET \"Name\" = '{name.ToLowerInvariant()}' WHERE \"Id\" = '{Id(second)}'");
        }

        for (var run = 0; run < 2; run++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var pass = scope.ServiceProvider.GetServices<IStartupTask>().Single(t => t.GetType().Name == "FillClinicNameKeys");
            await pass.RunAsync(CancellationToken.None);
        }

        (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/clinics/{first}")).GetProperty("name").GetString().ShouldBe(name);
        (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/clinics/{second}")).GetProperty("name").GetString().ShouldBe(name.ToLowerInvariant());
        var third = await admin.PostAsync("/api/v1/admin/clinics", Body(name.ToUpperInvariant()));
        third.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await third.ProblemCodeAsync()).ShouldBe("directory.clinic_name_taken");

        // The duplicate's other details can still be edited; renamed, it gets a key of its own and its old name stays taken.
        await (await admin.PutAsync($"/api/v1/admin/clinics/{second}", Body(name.ToLowerInvariant(), "Arbat 1"))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var newName = $"New Clinic {Guid.NewGuid():N}";
        await (await admin.PutAsync($"/api/v1/admin/clinics/{second}", Body(newName))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await using (var connection = await raw.OpenAsync())
        {
            (await RawDatabase.RowsAsync(connection, $"SELECT \"NameKey\" FROM {clinics} WHERE \"Id\" IN ('{Id(first)}', '{Id(second)}') ORDER BY \"NameKey\""))
                .ShouldBe([newName.ToLowerInvariant(), name.ToLowerInvariant()]);
        }

        var again = await admin.PostAsync("/api/v1/admin/clinics", Body(newName.ToUpperInvariant()));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    /// <summary>The id as the database stores it (SQLite: upper-case text, as EF writes a Guid; PostgreSQL: uuid).</summary>
    private string Id(Guid id) => new RawDatabase(host).IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant();
}

public sealed class ClinicNameCaseScenariosOnSqlite(SqliteHost host) : ClinicNameCaseScenarios(host), IClassFixture<SqliteHost>;

public sealed class ClinicNameCaseScenariosOnPostgres(PostgresHost host) : ClinicNameCaseScenarios(host), IClassFixture<PostgresHost>;
