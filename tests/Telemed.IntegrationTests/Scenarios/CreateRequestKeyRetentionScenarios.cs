using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// The Idempotency-Keys of creates (lab orders, prescriptions, dependents, record uploads, clinic messages and review requests, partner labs, pharmacies, waitlist joins, bookings, new conversations) leave every module that keeps them a week after their
/// request; younger ones stay and still answer a retry.
/// </summary>
public abstract class CreateRequestKeyRetentionScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_keys_of_several_ages_in_every_module_that_keeps_them_When_the_retention_pass_runs_Then_only_keys_over_7_days_old_are_gone()
    {
        var raw = new RawDatabase(host);
        string Id() => raw.IsPostgres ? Guid.NewGuid().ToString() : Guid.NewGuid().ToString().ToUpperInvariant();
        string Ago(double days) => "'" + DateTime.UtcNow.AddDays(-days).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "'";
        var user = Id();
        var tables = new[]
        {
            raw.Table("labs", "create_request_keys"), raw.Table("clinical", "create_request_keys"), raw.Table("directory", "create_request_keys"),
            raw.Table("records", "create_request_keys"), raw.Table("frontoffice", "create_request_keys"), raw.Table("pharmacy", "create_request_keys"),
            raw.Table("scheduling", "create_request_keys"), raw.Table("consultations", "create_request_keys"),
        };
        await using var connection = await raw.OpenAsync();
        foreach (var table in tables)
        {
            foreach (var (key, days) in new[] { ("old", 8.0), ("recent", 6.0), ("new", 0.0) })
            {
                await RawDatabase.ExecuteAsync(connection,
                    $"INSERT INTO {table} (\"UserId\", \"Operation\", \"Key\", \"RequestHash\", \"ResourceId\", \"CreatedAt\") " +
                    $"VALUES ('{user}', 'test.retention', '{key}', 'AB', '{Id()}', {Ago(days)})");
            }
        }

        var bookings = raw.Table("scheduling", "idempotency_records");
        foreach (var (key, days) in new[] { ("old", 8.0), ("recent", 6.0) })
        {
            await RawDatabase.ExecuteAsync(connection,
                $"INSERT INTO {bookings} (\"UserId\", \"Key\", \"RequestHash\", \"AppointmentId\", \"StatusCode\", \"ErrorCode\", \"CreatedAt\") " +
                $"VALUES ('{user}', '{key}', 'AB', NULL, 422, 'scheduling.slot_taken', {Ago(days)})");
        }

        await host.Services.GetRequiredService<CreateRequestKeyRetention>().RunOnceAsync(CancellationToken.None);

        (await RawDatabase.RowsAsync(connection, $"SELECT \"Key\" FROM {bookings} WHERE \"UserId\" = '{user}'")).ShouldBe(["recent"]);

        foreach (var table in tables)
        {
            (await RawDatabase.RowsAsync(connection, $"SELECT \"Key\" FROM {table} WHERE \"UserId\" = '{user}'")).ShouldBe(["recent", "new"], ignoreOrder: true, table);
        }
    }
}

public sealed class CreateRequestKeyRetentionScenariosOnSqlite(SqliteHost host) : CreateRequestKeyRetentionScenarios(host), IClassFixture<SqliteHost>;

public sealed class CreateRequestKeyRetentionScenariosOnPostgres(PostgresHost host) : CreateRequestKeyRetentionScenarios(host), IClassFixture<PostgresHost>;
