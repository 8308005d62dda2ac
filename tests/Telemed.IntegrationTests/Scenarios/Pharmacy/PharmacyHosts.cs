using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.IntegrationTests.Scenarios.Pharmacy;

/// <summary>
/// Signed prescriptions the pharmacy scenarios put in place of the clinical module's, so that the pharmacy's own rules
/// (who sees what, the race, the quantities) are tested on their own: each scenario makes the prescription it needs,
/// including a cancelled one and one whose signature no longer verifies. The end-to-end path through real signed
/// prescriptions is the browser journey's.
/// </summary>
public sealed class ScenarioPrescriptions : IPrescriptionsForDispensing
{
    private readonly ConcurrentDictionary<Guid, PrescriptionForDispensing> _byId = new();

    public PrescriptionForDispensing Add(Guid patientId, Guid prescriberUserId, int quantity = 2, string status = PrescriptionStatuses.Active, bool signatureValid = true)
    {
        var now = DateTime.UtcNow;
        var prescription = new PrescriptionForDispensing(Guid.CreateVersion7(), "rx" + Guid.NewGuid().ToString("N")[..12], Guid.NewGuid(), "Telemed Clinic Moscow",
            patientId, "M. V.", 1954, prescriberUserId, "Natalia Lebedeva", "Amoxicillin", "amoxicillin", "capsule", "500 mg", "oral",
            "1 capsule 3 times a day for 7 days", quantity, "packs", 0, now.AddHours(-1), now.AddDays(30), status, signatureValid, "01AB");
        _byId[prescription.PrescriptionId] = prescription;
        return prescription;
    }

    /// <summary>The prescriber withdraws it (after it was sent or partly dispensed): its status becomes cancelled.</summary>
    public void Cancel(Guid prescriptionId) => _byId[prescriptionId] = _byId[prescriptionId] with { Status = PrescriptionStatuses.Cancelled };

    public Task<PrescriptionForDispensing?> FindAsync(Guid prescriptionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byId.GetValueOrDefault(prescriptionId));

    public Task<PrescriptionForDispensing?> FindByVerificationCodeAsync(string verificationCode, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byId.Values.FirstOrDefault(p => string.Equals(p.VerificationCode, verificationCode, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>A host whose prescriptions come from <see cref="ScenarioPrescriptions"/>.</summary>
public abstract class PharmacyHost(DatabaseProvider provider) : TelemedHost(provider)
{
    public ScenarioPrescriptions Prescriptions { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IPrescriptionsForDispensing>(Prescriptions));
    }

    /// <summary>Creates (or finds) a Pharmacist account with a known authenticator key and returns its user id.</summary>
    public async Task<Guid> EnsurePharmacistAsync(string email)
    {
        using var scope = Services.CreateScope();
        var identity = scope.ServiceProvider.GetRequiredService<IIdentityModule>();
        return await identity.EnsureUserAsync(new NewUser(email, Demo.Password, "Scenario Pharmacist", ["Pharmacist"], Demo.KeyFor(email)));
    }
}

public sealed class PharmacySqliteHost() : PharmacyHost(DatabaseProvider.Sqlite);

public sealed class PharmacyPostgresHost() : PharmacyHost(DatabaseProvider.Postgres);

[CollectionDefinition(nameof(PharmacySqliteCollection))]
public sealed class PharmacySqliteCollection : ICollectionFixture<PharmacySqliteHost>;

[CollectionDefinition(nameof(PharmacyPostgresCollection))]
public sealed class PharmacyPostgresCollection : ICollectionFixture<PharmacyPostgresHost>;
