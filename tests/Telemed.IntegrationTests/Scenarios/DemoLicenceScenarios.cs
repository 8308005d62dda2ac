using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.Host.Demo;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// The demo doctors' licences run from the day the demo is seeded, not to a fixed date (they all ended on 2031-12-31, after which
/// the demo clinic had no bookable doctor); a start in a later year renews them, verified, and the doctors stay bookable. The clock
/// jumps years ahead, so these scenarios have a host of their own.
/// </summary>
public abstract class DemoLicenceScenarios(TelemedHost host)
{
    private static async Task<IReadOnlyList<JsonElement>> ActiveDoctorsAsync(ApiClient admin)
    {
        var page = await admin.GetJsonAsync<JsonElement>("/api/v1/admin/doctors/?pageSize=100");
        var details = new List<JsonElement>();
        foreach (var item in page.GetProperty("items").EnumerateArray().Where(d => d.GetProperty("status").GetString() == "active"))
        {
            details.Add(await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/doctors/{item.GetProperty("id").GetGuid()}/"));
        }

        return details;
    }

    private static void ShouldBeLicensedForYearsFrom(IReadOnlyList<JsonElement> doctors, DateOnly today)
    {
        doctors.Count.ShouldBeGreaterThan(5);
        foreach (var doctor in doctors)
        {
            var licence = doctor.GetProperty("licence");
            DateOnly.Parse(licence.GetProperty("expiresOn").GetString()!).ShouldBeGreaterThanOrEqualTo(today.AddYears(5));
            licence.GetProperty("verifiedAt").ValueKind.ShouldBe(JsonValueKind.String);
            doctor.GetProperty("missing").GetArrayLength().ShouldBe(0);
        }
    }

    [Fact]
    public async Task Given_the_demo_seeded_today_When_it_starts_again_years_later_Then_its_doctors_licences_are_renewed_verified_and_the_doctors_stay_bookable()
    {
        using (var admin = await host.SignedInAsync("admin@demo.telemed.dev"))
        {
            ShouldBeLicensedForYearsFrom(await ActiveDoctorsAsync(admin), Today(host));
        }

        // Six years on: past the seed's licences (and past the fixed 2031-12-31 they used to end on). A later start runs the seeder
        // again with the marker file of the first seed still in place.
        host.Clock.Advance(TimeSpan.FromDays(6 * 366));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoClinicSeeder>().SeedAsync();
        }

        using var later = await host.SignedInAsync("admin@demo.telemed.dev");
        var doctors = await ActiveDoctorsAsync(later);
        ShouldBeLicensedForYearsFrom(doctors, Today(host));
        using var desk = await host.SignedInAsync(FrontDesk);
        (await SlotsAsync(desk, doctors[0].GetProperty("id").GetGuid(), Today(host).AddDays(1), 14)).ShouldNotBeEmpty();
    }
}

public abstract class DemoLicenceHost(DatabaseProvider provider) : TelemedHost(provider);

public sealed class SqliteDemoLicenceHost() : DemoLicenceHost(DatabaseProvider.Sqlite);

public sealed class PostgresDemoLicenceHost() : DemoLicenceHost(DatabaseProvider.Postgres);

public sealed class DemoLicenceScenariosOnSqlite(SqliteDemoLicenceHost host) : DemoLicenceScenarios(host), IClassFixture<SqliteDemoLicenceHost>;

public sealed class DemoLicenceScenariosOnPostgres(PostgresDemoLicenceHost host) : DemoLicenceScenarios(host), IClassFixture<PostgresDemoLicenceHost>;
