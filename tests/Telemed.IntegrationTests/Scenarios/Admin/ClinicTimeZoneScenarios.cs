using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Modules;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Admin;

/// <summary>
/// A clinic's time zone typed in the wrong letter case. "europe/moscow" was accepted (.NET finds zones in any case) and stored as typed;
/// scheduling's tz database knows only "Europe/Moscow", so it read the clinic as UTC and shifted its hours, slots and calendars by 3 h.
/// The zone is now stored as the tz database spells it, and a row stored before is corrected at start-up.
/// </summary>
public abstract class ClinicTimeZoneScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_a_clinic_When_the_admin_sets_its_zone_in_the_wrong_letter_case_Then_it_is_stored_as_the_tz_database_spells_it_and_a_row_stored_before_is_corrected_at_start_up()
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var name = $"Zone Clinic {Guid.NewGuid():N}";
        object Body(string timeZone) => new
        {
            name, address = "Tverskaya 3", city = "Moscow", latitude = 55.76, longitude = 37.61, timeZone, phone = "+7 495 000 0000",
            email = "zone@clinic.example", openingHours = "Mo-Fr 09:00-18:00",
        };

        var created = await admin.PostAsync("/api/v1/admin/clinics", Body("  asia/novosibirsk "));
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var clinic = await created.Content.ReadFromJsonAsync<JsonElement>();
        clinic.GetProperty("timeZone").GetString().ShouldBe("Asia/Novosibirsk");
        var id = clinic.GetProperty("id").GetGuid();

        var updated = await admin.PutAsync($"/api/v1/admin/clinics/{id}", Body("europe/moscow"));
        await updated.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeZone").GetString().ShouldBe("Europe/Moscow");
        (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/clinics/{id}")).GetProperty("timeZone").GetString().ShouldBe("Europe/Moscow");

        // Still refused: what no reader knows, and a Windows name.
        foreach (var unknown in new[] { "Europe/Atlantis", "Russian Standard Time" })
        {
            var refused = await admin.PutAsync($"/api/v1/admin/clinics/{id}", Body(unknown));
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.ProblemCodeAsync()).ShouldBe("validation.failed");
        }

        // A row an older version stored as typed: the start-up pass rewrites it (and does nothing the second time).
        var raw = new RawDatabase(host);
        await using (var connection = await raw.OpenAsync())
        {
            await RawDatabase.ExecuteAsync(connection, $"UPDATE {raw.Table("directory", "clinics")} SET \"TimeZone\" = 'europe/moscow' WHERE \"Name\" = '{name}'");
        }

        (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/clinics/{id}")).GetProperty("timeZone").GetString().ShouldBe("europe/moscow");
        for (var run = 0; run < 2; run++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var pass = scope.ServiceProvider.GetServices<IStartupTask>().Single(t => t.GetType().Name == "NormaliseClinicTimeZones");
            await pass.RunAsync(CancellationToken.None);
        }

        (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/clinics/{id}")).GetProperty("timeZone").GetString().ShouldBe("Europe/Moscow");
    }
}

public sealed class ClinicTimeZoneScenariosOnSqlite(SqliteHost host) : ClinicTimeZoneScenarios(host), IClassFixture<SqliteHost>;

public sealed class ClinicTimeZoneScenariosOnPostgres(PostgresHost host) : ClinicTimeZoneScenarios(host), IClassFixture<PostgresHost>;
