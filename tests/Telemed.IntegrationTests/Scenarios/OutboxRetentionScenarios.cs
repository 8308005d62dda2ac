using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Events;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// Delivered integration events leave the outbox a week after their delivery; pending ones, failed ones and recent deliveries
/// stay, however old the event.
/// </summary>
public abstract class OutboxRetentionScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_outbox_rows_of_every_state_When_the_retention_pass_runs_Then_only_events_delivered_more_than_7_days_ago_are_gone()
    {
        var raw = new RawDatabase(host);
        string Id() => raw.IsPostgres ? Guid.NewGuid().ToString() : Guid.NewGuid().ToString().ToUpperInvariant();
        string Ago(int days) => "'" + DateTime.UtcNow.AddDays(-days).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "'";
        var rows = new Dictionary<string, (string Created, string Processed, int Attempts, string Error)>
        {
            [Id()] = (Ago(40), Ago(8), 1, "NULL"),                            // delivered 8 days ago: goes
            [Id()] = (Ago(40), Ago(6), 1, "NULL"),                            // delivered 6 days ago: stays
            [Id()] = (Ago(40), "NULL", 0, "NULL"),                            // still pending, however old: stays
            [Id()] = (Ago(40), "NULL", OutboxRetries.MaxAttempts, "'InvalidOperationException'"), // failed for good: the admin's list, stays
        };
        var tables = new[] { raw.Table("scheduling", "outbox"), raw.Table("notifications", "outbox") };
        await using var connection = await raw.OpenAsync();
        foreach (var table in tables)
        {
            foreach (var (id, row) in rows)
            {
                var rowId = table == tables[0] ? id : Id();
                await RawDatabase.ExecuteAsync(connection,
                    $"INSERT INTO {table} (\"Id\", \"EventType\", \"Payload\", \"CreatedAt\", \"ProcessedAt\", \"Attempts\", \"LastError\") " +
                    $"VALUES ('{rowId}', 'Telemed.Tests.RetentionEvent', 'x', {row.Created}, {row.Processed}, {row.Attempts}, {row.Error})");
            }
        }

        await host.Services.GetRequiredService<OutboxRetention>().RunOnceAsync(CancellationToken.None);

        foreach (var table in tables)
        {
            var left = await RawDatabase.RowsAsync(connection, $"SELECT \"Id\" FROM {table} WHERE \"EventType\" = 'Telemed.Tests.RetentionEvent'");
            left.Count.ShouldBe(3, table);
        }

        (await RawDatabase.RowsAsync(connection, $"SELECT \"Id\" FROM {tables[0]} WHERE \"EventType\" = 'Telemed.Tests.RetentionEvent'"))
            .Select(i => i.ToUpperInvariant()).ShouldBe(rows.Keys.Skip(1).Select(i => i.ToUpperInvariant()), ignoreOrder: true);
    }
}

public sealed class OutboxRetentionScenariosOnSqlite(SqliteHost host) : OutboxRetentionScenarios(host), IClassFixture<SqliteHost>;

public sealed class OutboxRetentionScenariosOnPostgres(PostgresHost host) : OutboxRetentionScenarios(host), IClassFixture<PostgresHost>;
