using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Labs;

/// <summary>A host whose lab worker polls every second (and rechecks orders with a stored report every second), with the partner-lab FHIR process started beside it.</summary>
public abstract class LabsHost(DatabaseProvider provider) : TelemedHost(provider, PartnerLabProcess.HostSettings(("Labs:PollSeconds", "1"), ("Labs:RecheckSeconds", "1"))), IAsyncLifetime
{
    public PartnerLabProcess PartnerLab { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        PartnerLab = await PartnerLabProcess.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await PartnerLab.DisposeAsync();
        await DisposeAsync();
    }
}

public sealed class LabsSqliteHost() : LabsHost(DatabaseProvider.Sqlite);

public sealed class LabsPostgresHost() : LabsHost(DatabaseProvider.Postgres);

[CollectionDefinition(nameof(LabsSqliteCollection))]
public sealed class LabsSqliteCollection : ICollectionFixture<LabsSqliteHost>;

[CollectionDefinition(nameof(LabsPostgresCollection))]
public sealed class LabsPostgresCollection : ICollectionFixture<LabsPostgresHost>;

[Collection(nameof(LabsSqliteCollection))]
public sealed class LabsSqliteScenarios(LabsSqliteHost host) : LabsScenarios(host, host.PartnerLab);

[Collection(nameof(LabsPostgresCollection))]
public sealed class LabsPostgresScenarios(LabsPostgresHost host) : LabsScenarios(host, host.PartnerLab);
