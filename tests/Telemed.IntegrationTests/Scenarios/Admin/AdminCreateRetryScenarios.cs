using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Admin;

/// <summary>
/// An administrator's new partner lab or pharmacy sent again with its Idempotency-Key (docs/api-v1.md, "Retrying a create"): created
/// once per key, also when sent twice at once; the key with another body is refused; without a key every send creates, as before.
/// (A clinic needs none: its name is unique, so a retry is 409 <c>directory.clinic_name_taken</c>.)
/// </summary>
public abstract class AdminCreateRetryScenarios(TelemedHost host)
{
    private const string Admin = "admin@demo.telemed.dev";

    [Fact]
    public async Task Given_a_partner_lab_sent_again_with_its_Idempotency_Key_Then_it_is_created_once()
    {
        using var admin = await host.SignedInAsync(Admin);
        await CreateRequestKeyChecks.ShouldCreateOncePerKeyAsync(admin, "/api/v1/admin/partner-labs",
            name => new { name, address = "Lab street 1", fhirBaseUrl = "sandbox:", enabled = false, clinicId = (Guid?)null },
            async name => (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/partner-labs")).EnumerateArray().Count(l => l.GetProperty("name").GetString() == name));
    }

    [Fact]
    public async Task Given_a_pharmacy_sent_again_with_its_Idempotency_Key_Then_it_is_created_once()
    {
        using var admin = await host.SignedInAsync(Admin);
        await CreateRequestKeyChecks.ShouldCreateOncePerKeyAsync(admin, "/api/v1/admin/pharmacies",
            name => new { name, address = "Harbour street 1", city = "Dunedin", latitude = -45.87, longitude = 170.5, phone = "+64 3 555 0101", openingHours = "Mon–Fri", active = false },
            async name => (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/pharmacies")).EnumerateArray().Count(p => p.GetProperty("name").GetString() == name));
    }
}

public sealed class AdminCreateRetryScenariosOnSqlite(SqliteHost host) : AdminCreateRetryScenarios(host), IClassFixture<SqliteHost>;

public sealed class AdminCreateRetryScenariosOnPostgres(PostgresHost host) : AdminCreateRetryScenarios(host), IClassFixture<PostgresHost>;
