using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>A host whose e-mail goes to a real SMTP server and SMS to a local Twilio double, with the scheduling worker ticking fast.</summary>
public abstract class RemindersFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; } = new();
    public FakeTwilioServer Twilio { get; } = new();
    public TelemedHost Host { get; private set; } = null!;
    public DatabaseProvider Provider => provider;

    public Dictionary<string, string?> Settings() => Smtp.HostSettings().Concat(Twilio.HostSettings())
        .Append(new("Scheduling:WorkerIntervalMilliseconds", "200")).ToDictionary(s => s.Key, s => s.Value);

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Smtp.InitializeAsync(), Twilio.InitializeAsync());
        Host = new TelemedHost(provider, Settings());
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Twilio.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class SqliteRemindersFixture() : RemindersFixture(DatabaseProvider.Sqlite);

public sealed class PostgresRemindersFixture() : RemindersFixture(DatabaseProvider.Postgres);
