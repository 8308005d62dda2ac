using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// The embedded database under concurrent writers: WAL mode, writers queued on the in-process gate instead of sleeping
/// on busy errors, readers never waiting for it. SQLite only (PostgreSQL has its own locking).
/// </summary>
public sealed class SqliteWriteScenarios(SqliteHost host) : IClassFixture<SqliteHost>
{
    private static object Registration(string email) => new
    {
        email, password = "correct horse battery", givenName = "Vera", familyName = "Testova", dateOfBirth = "1990-05-17", preferredLanguage = "en",
    };

    [Fact]
    public async Task Given_the_embedded_database_Then_it_runs_in_WAL_mode_with_full_sync()
    {
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        (await RawDatabase.RowsAsync(connection, "PRAGMA journal_mode")).ShouldBe(["wal"]);
        host.Services.GetRequiredService<SqliteWriteGate>().IsEnabled.ShouldBeTrue();
        host.Services.GetRequiredService<DatabaseConnection>().Options.Sqlite.Synchronous.ShouldBe(SqliteSynchronous.Full);
    }

    [Fact]
    public async Task Given_fifty_concurrent_sign_ups_Then_every_one_succeeds_without_a_busy_error_and_every_event_is_delivered()
    {
        var raw = new RawDatabase(host);
        var before = await PatientProfilesAsync(raw);
        using var client = host.CreateApiClient();
        await client.GetAsync("/api/v1/auth/session");
        var emails = Enumerable.Range(0, 50).Select(i => $"concurrent-{i}-{Guid.NewGuid():N}@example.test").ToList();

        var responses = await Task.WhenAll(emails.Select(e => client.PostAsync("/api/v1/auth/register", Registration(e))));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Accepted);
        // Every PatientRegistered event reaches the directory (the outbox delivers in batches), each exactly once.
        await WaitForAsync(async () => await PatientProfilesAsync(raw) >= before + 50 ? "delivered" : null, TimeSpan.FromSeconds(60), "a profile for every sign-up");
        await Task.Delay(1000);
        (await PatientProfilesAsync(raw)).ShouldBe(before + 50);
        host.Logs.ShouldNotContain(l => l.Contains("database is locked", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<int> PatientProfilesAsync(RawDatabase raw)
    {
        await using var connection = await raw.OpenAsync();
        return int.Parse((await RawDatabase.RowsAsync(connection, "SELECT COUNT(*) FROM directory_patients")).Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Given_a_writer_holding_the_gate_Then_a_read_through_the_api_is_answered_meanwhile_and_a_write_waits_for_its_turn()
    {
        using var patient = await host.SignedInAsync("ivan.kuznetsov@demo.telemed.dev");
        (await patient.GetAsync("/api/v1/clinics")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var gate = host.Services.GetRequiredService<SqliteWriteGate>();
        using var anonymous = host.CreateApiClient();
        await anonymous.GetAsync("/api/v1/auth/session");

        Task<HttpResponseMessage> write;
        await using (await gate.EnterAsync())
        {
            var read = await patient.GetAsync("/api/v1/clinics").WaitAsync(TimeSpan.FromSeconds(20));
            read.StatusCode.ShouldBe(HttpStatusCode.OK);

            write = anonymous.PostAsync("/api/v1/auth/register", Registration($"queued-{Guid.NewGuid():N}@example.test"));
            await Task.Delay(300);
            write.IsCompleted.ShouldBeFalse("a write waits while another writer holds the gate");
        }

        (await write.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    private static async Task WaitForAsync(Func<Task<string?>> probe, TimeSpan patience, string what)
    {
        var until = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < until)
        {
            if (await probe() is not null)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new ShouldAssertException($"Timed out waiting for {what}.");
    }
}
