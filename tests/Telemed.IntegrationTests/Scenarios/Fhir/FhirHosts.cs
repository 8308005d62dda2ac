using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.IntegrationTests.Scenarios.Fhir;

/// <summary>The real host with the demo clinic, plus a way to make a patient of one's own with allergies and chronic conditions.</summary>
public abstract class FhirHost(DatabaseProvider provider) : TelemedHost(provider)
{
    /// <summary>Creates a patient account and profile (allergy "Penicillin", chronic condition "Asthma", an imported medication); returns the user and patient ids.</summary>
    public async Task<(string Email, Guid UserId, Guid PatientId)> NewPatientAsync(string tag)
    {
        var email = $"fhir-{tag}@example.test";
        using var scope = Services.CreateScope();
        var identity = scope.ServiceProvider.GetRequiredService<IIdentityModule>();
        var directory = scope.ServiceProvider.GetRequiredService<IDirectoryModule>();
        var userId = await identity.EnsureUserAsync(new NewUser(email, Demo.Password, $"Fhir Patient {tag}", ["Patient"]));
        var patientId = await directory.EnsurePatientProfileAsync(new NewPatientProfile(userId, "Fhir", $"Patient{tag}", new DateOnly(1980, 5, 17), "female",
            email, "+7 900 000 0000", "Tverskaya 1, Moscow", "en", "Acme", "P-1", ["Penicillin"], ["Asthma"]));
        // A medication as another system's import leaves it, so MedicationStatement has data to validate.
        await scope.ServiceProvider.GetRequiredService<IPatientProfileImport>().PutProfileEntryAsync(patientId, PatientProfileList.Medications, null,
            "Salbutamol inhaler (RxNorm 245314) — 2 puffs as needed");
        return (email, userId, patientId);
    }
}

public sealed class FhirSqliteHost() : FhirHost(DatabaseProvider.Sqlite);

public sealed class FhirPostgresHost() : FhirHost(DatabaseProvider.Postgres);

[CollectionDefinition(nameof(FhirSqliteCollection))]
public sealed class FhirSqliteCollection : ICollectionFixture<FhirSqliteHost>;

[CollectionDefinition(nameof(FhirPostgresCollection))]
public sealed class FhirPostgresCollection : ICollectionFixture<FhirPostgresHost>;
