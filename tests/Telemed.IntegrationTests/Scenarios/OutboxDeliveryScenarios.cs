using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Events;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// The outbox delivers in batches but still once per handler: when one handler of an event fails and the others
/// succeed, only the failing one is tried again, after a back-off that doubles with each failure, until it succeeds.
/// </summary>
public abstract class OutboxDeliveryScenarios(OutboxTestHost host)
{
    [Fact]
    public async Task Given_an_event_with_a_handler_that_fails_twice_Then_it_is_retried_alone_until_it_succeeds_and_the_others_run_once()
    {
        var email = $"outbox-{Guid.NewGuid():N}@example.test";
        using var client = host.CreateApiClient();
        await client.GetAsync("/api/v1/auth/session");
        var registered = await client.PostAsync("/api/v1/auth/register", new
        {
            email, password = "correct horse battery", givenName = "Olga", familyName = "Testova", dateOfBirth = "1991-02-03", preferredLanguage = "en",
        });
        registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await WaitForAsync(() => host.Calls.Count(nameof(FailsTwice), email) >= 3, TimeSpan.FromSeconds(60));
        await Task.Delay(1500);   // a few more dispatcher passes: nothing runs again

        host.Calls.Count(nameof(FailsTwice), email).ShouldBe(3);
        host.Calls.Count(nameof(AlwaysWorks), email).ShouldBe(1);
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var outbox = raw.Table("identity", "outbox");
        (await RawDatabase.RowsAsync(connection, $"SELECT COUNT(*) FROM {outbox} WHERE \"ProcessedAt\" IS NULL")).Single().ShouldBe("0");
        var retries = await RawDatabase.RowsAsync(connection, $"SELECT \"EventType\", \"Attempts\" FROM {outbox} WHERE \"EventType\" LIKE '%#%'");
        retries.ShouldHaveSingleItem().ShouldBe($"{typeof(PatientRegistered).FullName}#{typeof(FailsTwice).FullName}|3");

        // Each failure waited out its back-off (1 s after the first, 2 s after the second) instead of being tried at the next pass.
        var times = host.Calls.Times(nameof(FailsTwice), email);
        (times[1] - times[0]).ShouldBeGreaterThanOrEqualTo(OutboxRetries.Backoff(1) - TimeSpan.FromMilliseconds(50));
        (times[2] - times[1]).ShouldBeGreaterThanOrEqualTo(OutboxRetries.Backoff(2) - TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task Given_several_events_pending_together_When_one_batch_delivers_them_Then_each_is_marked_processed_with_one_more_attempt()
    {
        var emails = Enumerable.Range(0, 3).Select(_ => $"{FailsTwice.BatchEmailPrefix}{Guid.NewGuid():N}@example.test").ToList();
        using var client = host.CreateApiClient();
        await client.GetAsync("/api/v1/auth/session");
        foreach (var email in emails)
        {
            (await client.PostAsync("/api/v1/auth/register", new
            {
                email, password = "correct horse battery", givenName = "Olga", familyName = "Testova", dateOfBirth = "1991-02-03", preferredLanguage = "en",
            })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await WaitForAsync(() => emails.All(e => host.Calls.Count(nameof(AlwaysWorks), e) >= 1), TimeSpan.FromSeconds(60));
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var outbox = raw.Table("identity", "outbox");
        var ids = await RawDatabase.RowsAsync(connection,
            $"SELECT \"Id\" FROM {outbox} WHERE \"EventType\" = '{typeof(PatientRegistered).FullName}' ORDER BY \"CreatedAt\" DESC LIMIT 3");
        var idList = string.Join(", ", ids.Select(id => $"'{id}'"));
        for (var tries = 0; (await RawDatabase.RowsAsync(connection, $"SELECT COUNT(*) FROM {outbox} WHERE \"Id\" IN ({idList}) AND \"ProcessedAt\" IS NOT NULL")).Single() != "3"; tries++)
        {
            tries.ShouldBeLessThan(300, "the first delivery was never marked");
            await Task.Delay(100);
        }

        // One statement puts all three back, so the dispatcher claims them in one batch.
        (await RawDatabase.ExecuteAsync(connection, $"UPDATE {outbox} SET \"ProcessedAt\" = NULL, \"Attempts\" = 0 WHERE \"Id\" IN ({idList})")).ShouldBe(3);
        await WaitForAsync(() => emails.All(e => host.Calls.Count(nameof(AlwaysWorks), e) >= 2), TimeSpan.FromSeconds(60));
        await Task.Delay(1500);   // a few more dispatcher passes: nothing runs again

        emails.ShouldAllBe(e => host.Calls.Count(nameof(AlwaysWorks), e) == 2);
        var rows = await RawDatabase.RowsAsync(connection,
            $"SELECT \"Attempts\", \"ProcessedAt\" IS NOT NULL, \"LastError\" IS NULL FROM {outbox} WHERE \"Id\" IN ({idList})");
        rows.Count.ShouldBe(3);
        rows.ShouldAllBe(r => r == "1|True|True" || r == "1|1|1");   // PostgreSQL booleans, SQLite integers
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new ShouldAssertException("Timed out waiting for the outbox.");
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>Counts handler calls per (handler, e-mail).</summary>
public sealed class HandlerCalls
{
    private readonly ConcurrentDictionary<(string, string), int> _calls = new();
    private readonly ConcurrentDictionary<(string, string), ConcurrentQueue<DateTime>> _times = new();

    public int Add(string handler, string email)
    {
        _times.GetOrAdd((handler, email), _ => new()).Enqueue(DateTime.UtcNow);
        return _calls.AddOrUpdate((handler, email), 1, (_, n) => n + 1);
    }

    public int Count(string handler, string email) => _calls.GetValueOrDefault((handler, email));

    /// <summary>When each call began (UTC), in order.</summary>
    public IReadOnlyList<DateTime> Times(string handler, string email) => _times.TryGetValue((handler, email), out var times) ? [.. times] : [];
}

public sealed class AlwaysWorks(HandlerCalls calls) : IIntegrationEventHandler<PatientRegistered>
{
    public Task HandleAsync(PatientRegistered integrationEvent, CancellationToken cancellationToken)
    {
        calls.Add(nameof(AlwaysWorks), integrationEvent.Email);
        return Task.CompletedTask;
    }
}

public sealed class FailsTwice(HandlerCalls calls) : IIntegrationEventHandler<PatientRegistered>
{
    public Task HandleAsync(PatientRegistered integrationEvent, CancellationToken cancellationToken) =>
        calls.Add(nameof(FailsTwice), integrationEvent.Email) <= 2 && !integrationEvent.Email.StartsWith(BatchEmailPrefix, StringComparison.Ordinal)
            ? throw new InvalidOperationException("Not yet.")
            : Task.CompletedTask;

    /// <summary>The batch scenario's patients: this handler lets them through at once, so they leave no retry rows.</summary>
    public const string BatchEmailPrefix = "outbox-batch-";
}

/// <summary>A host with two extra handlers of <see cref="PatientRegistered"/> next to the directory's own.</summary>
public abstract class OutboxTestHost(DatabaseProvider provider) : TelemedHost(provider)
{
    public HandlerCalls Calls { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Calls);
            services.AddIntegrationEventHandler<PatientRegistered, AlwaysWorks>();
            services.AddIntegrationEventHandler<PatientRegistered, FailsTwice>();
        });
    }
}

public sealed class SqliteOutboxTestHost() : OutboxTestHost(DatabaseProvider.Sqlite);

public sealed class PostgresOutboxTestHost() : OutboxTestHost(DatabaseProvider.Postgres);

public sealed class OutboxDeliveryScenariosOnSqlite(SqliteOutboxTestHost host) : OutboxDeliveryScenarios(host), IClassFixture<SqliteOutboxTestHost>;

public sealed class OutboxDeliveryScenariosOnPostgres(PostgresOutboxTestHost host) : OutboxDeliveryScenarios(host), IClassFixture<PostgresOutboxTestHost>;
