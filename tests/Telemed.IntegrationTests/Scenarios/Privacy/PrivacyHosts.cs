using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.IntegrationTests.Scenarios.Privacy;

/// <summary>
/// The real host with the demo clinic for export and erasure: a real clamd (uploads become readable) and a real SMTP server
/// (the patient's answer is e-mailed), both started once per collection before the host.
/// </summary>
public abstract class PrivacyHost(DatabaseProvider provider) : TelemedHost(provider, PartnerLabProcess.HostSettings(("Labs:PollSeconds", "1"))), IAsyncLifetime
{
    public ClamdServer Clamd { get; } = new();
    public SmtpTestServer Smtp { get; } = new();

    /// <summary>The partner lab's FHIR endpoint as its own process, so the export carries real lab orders and results.</summary>
    public PartnerLabProcess PartnerLab { get; private set; } = null!;

    public new async Task InitializeAsync()
    {
        PartnerLab = await PartnerLabProcess.StartAsync();
        await Clamd.InitializeAsync();
        await Smtp.InitializeAsync();
        foreach (var (key, value) in Clamd.HostSettings().Concat(Smtp.HostSettings()))
        {
            Settings[key] = value;
        }

        await base.InitializeAsync();
    }

    /// <summary>A patient account and profile of the test's own (allergy "Penicillin", chronic condition "Asthma"), signed in.</summary>
    public async Task<(string Email, Guid UserId, Guid PatientId, ApiClient Client)> NewPatientAsync(string language = "en")
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"privacy-{tag}@example.test";
        Guid userId, patientId;
        using (var scope = Services.CreateScope())
        {
            userId = await scope.ServiceProvider.GetRequiredService<IIdentityModule>().EnsureUserAsync(new NewUser(email, Demo.Password, $"Privacy Patient {tag}", ["Patient"],
                PreferredLanguage: language));
            patientId = await scope.ServiceProvider.GetRequiredService<IDirectoryModule>().EnsurePatientProfileAsync(new NewPatientProfile(userId, "Privacy", $"Patient{tag}",
                new DateOnly(1981, 3, 9), "female", email, "+7 900 111 2233", "Tverskaya 7, Moscow", language, "Acme", "P-77", ["Penicillin"], ["Asthma"]));
            // A medication as another system's import leaves it (MedicationStatement).
            await scope.ServiceProvider.GetRequiredService<IPatientProfileImport>().PutProfileEntryAsync(patientId, PatientProfileList.Medications, null,
                "Salbutamol inhaler (RxNorm 245314) — 2 puffs as needed");
        }

        var client = CreateApiClient();
        await client.SignInAsync(email, Demo.Password);
        return (email, userId, patientId, client);
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        await Clamd.DisposeAsync();
        await PartnerLab.DisposeAsync();
    }
}

public sealed class PrivacySqliteHost() : PrivacyHost(DatabaseProvider.Sqlite);

public sealed class PrivacyPostgresHost() : PrivacyHost(DatabaseProvider.Postgres);

[CollectionDefinition(nameof(PrivacySqliteCollection))]
public sealed class PrivacySqliteCollection : ICollectionFixture<PrivacySqliteHost>;

[CollectionDefinition(nameof(PrivacyPostgresCollection))]
public sealed class PrivacyPostgresCollection : ICollectionFixture<PrivacyPostgresHost>;
