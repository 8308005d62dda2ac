using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.Modules.Identity.Contracts;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Records;

/// <summary>
/// A host whose virus scanner is a real clamd (<see cref="ClamdServer"/>), started once per test collection before the host,
/// and whose documents are limited to 1 MB so that the size limit is cheap to test.
/// </summary>
public abstract class RecordsHost(DatabaseProvider provider) : TelemedHost(provider, new Dictionary<string, string?>()), IAsyncLifetime
{
    public const long MaxDocumentBytes = 1024 * 1024;

    public ClamdServer Clamd { get; } = new();

    public new async Task InitializeAsync()
    {
        await Clamd.InitializeAsync();
        foreach (var (key, value) in Clamd.HostSettings())
        {
            Settings[key] = value;
        }

        Settings["Records:MaxDocumentBytes"] = MaxDocumentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await base.InitializeAsync();
    }

    /// <summary>A doctor account of the test's own (no care relationships), signed in with its known authenticator key.</summary>
    public async Task<ApiClient> NewDoctorAsync()
    {
        var email = $"records-doctor-{Guid.NewGuid():N}@example.test";
        using (var scope = Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IIdentityModule>().EnsureUserAsync(new NewUser(email, Demo.Password, "Scenario Doctor", ["Doctor"], Demo.KeyFor(email)));
        }

        var client = CreateApiClient();
        await client.SignInAsync(email, Demo.Password, Demo.KeyFor(email));
        return client;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Clamd.DisposeAsync();
    }
}

public sealed class RecordsSqliteHost() : RecordsHost(DatabaseProvider.Sqlite);

public sealed class RecordsPostgresHost() : RecordsHost(DatabaseProvider.Postgres);

[CollectionDefinition(nameof(RecordsSqliteCollection))]
public sealed class RecordsSqliteCollection : ICollectionFixture<RecordsSqliteHost>;

[CollectionDefinition(nameof(RecordsPostgresCollection))]
public sealed class RecordsPostgresCollection : ICollectionFixture<RecordsPostgresHost>;
