using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// The outbox dispatcher takes the modules in turns, one batch each: a module with a long backlog (the scheduling module under
/// a booking peak) does not hold up another module's events until its backlog is gone.
/// </summary>
public abstract class OutboxFairnessScenarios(TelemedHost host)
{
    private const string TestEvent = "Telemed.Tests.TurnEvent";

    /// <summary>A clock a millisecond later at each reading, a day ahead: each batch's delivery mark is its own instant.</summary>
    private sealed class TickingClock : TimeProvider
    {
        private readonly DateTimeOffset _start = DateTimeOffset.UtcNow.AddDays(1);
        private long _ticks;

        public override DateTimeOffset GetUtcNow() => _start.AddMilliseconds(Interlocked.Increment(ref _ticks));
    }

    [Fact]
    public async Task Given_a_backlog_of_250_events_in_one_module_and_one_event_in_another_When_the_dispatcher_runs_Then_the_other_module_goes_after_the_first_batch()
    {
        var raw = new RawDatabase(host);
        var (backlog, single) = (raw.Table("scheduling", "outbox"), raw.Table("notifications", "outbox"));
        string Id() => raw.IsPostgres ? Guid.NewGuid().ToString() : Guid.NewGuid().ToString().ToUpperInvariant();
        // Due only by this test's own clock (a day ahead): the host's dispatcher leaves them alone.
        var inAnHour = "'" + DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "'";
        var created = "'" + DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "'";
        await using var connection = await raw.OpenAsync();
        string Row() => $"('{Id()}', '{TestEvent}', 'x', {created}, NULL, 0, NULL, {inAnHour})";
        const string Columns = "(\"Id\", \"EventType\", \"Payload\", \"CreatedAt\", \"ProcessedAt\", \"Attempts\", \"LastError\", \"NextAttemptAt\")";
        await RawDatabase.ExecuteAsync(connection, $"INSERT INTO {backlog} {Columns} VALUES {string.Join(", ", Enumerable.Range(0, 250).Select(_ => Row()))}");
        await RawDatabase.ExecuteAsync(connection, $"INSERT INTO {single} {Columns} VALUES {Row()}");

        // Nothing else pending in the two outboxes (the demo's own events delivered by the host), so this pass sees only the test's rows.
        await SchedulingApi.WaitForAsync(async () =>
            (await RawDatabase.RowsAsync(connection, $"SELECT (SELECT COUNT(*) FROM {backlog} WHERE \"ProcessedAt\" IS NULL AND \"EventType\" <> '{TestEvent}') + " +
                $"(SELECT COUNT(*) FROM {single} WHERE \"ProcessedAt\" IS NULL AND \"EventType\" <> '{TestEvent}')")).Single() == "0" ? "idle" : null,
            TimeSpan.FromSeconds(30), "the host's own events delivered");

        var modules = host.Services.GetServices<ModuleMigrations>().ToList();
        var order = new[] { modules.Single(m => m.ModuleName.Equals("scheduling", StringComparison.OrdinalIgnoreCase)), modules.Single(m => m.ModuleName.Equals("notifications", StringComparison.OrdinalIgnoreCase)) };
        var dispatcher = new OutboxDispatcher(host.Services, order, host.Services.GetRequiredService<IntegrationEventDelivery>(),
            host.Services.GetRequiredService<FieldEncryption>(), new TickingClock(), new OutboxSignal(), NullLogger<OutboxDispatcher>.Instance);
        await dispatcher.DispatchPendingAsync(CancellationToken.None);

        (await RawDatabase.RowsAsync(connection, $"SELECT COUNT(*) FROM {backlog} WHERE \"EventType\" = '{TestEvent}' AND \"ProcessedAt\" IS NULL")).Single().ShouldBe("0");
        (await RawDatabase.RowsAsync(connection, $"SELECT COUNT(*) FROM {single} WHERE \"EventType\" = '{TestEvent}' AND \"ProcessedAt\" IS NULL")).Single().ShouldBe("0");
        // Delivered after the backlog's first batch of 100, before its other 150.
        var after = await RawDatabase.RowsAsync(connection, $"SELECT COUNT(*) FROM {backlog} WHERE \"EventType\" = '{TestEvent}' AND \"ProcessedAt\" > " +
            $"(SELECT MAX(\"ProcessedAt\") FROM {single} WHERE \"EventType\" = '{TestEvent}')");
        after.Single().ShouldBe("150");
    }
}

public sealed class OutboxFairnessScenariosOnSqlite(SqliteHost host) : OutboxFairnessScenarios(host), IClassFixture<SqliteHost>;

public sealed class OutboxFairnessScenariosOnPostgres(PostgresHost host) : OutboxFairnessScenarios(host), IClassFixture<PostgresHost>;
