using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Events;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// Sessions are checked from memory: activity is written to the database in batches, not per request, and a
/// revocation on this host (here: suspension of a bearer client) is refused at once. These move the clock and
/// suspend users, so they get hosts of their own, whose activity flush runs only when a test asks.
/// </summary>
public abstract class SessionCacheScenarios(SessionCacheHost host)
{
    [Fact]
    public async Task Given_requests_of_a_signed_in_patient_Then_their_activity_reaches_the_database_only_with_the_batched_flush()
    {
        using var patient = await host.SignedInAsync("mikhail.vasiliev@demo.telemed.dev");
        var userId = (await patient.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("id").GetGuid();

        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await (await patient.GetAsync("/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await patient.GetAsync("/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await ActivityAfterSignInAsync(userId)).ShouldBeLessThan(TimeSpan.FromMinutes(1), "no write per request");

        await FlushAsync();
        (await ActivityAfterSignInAsync(userId)).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(10), "the activity is in the database after the flush");

        // Ten more minutes (twenty since sign-in, ten since the activity): still alive, from memory or the database.
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await (await patient.GetAsync("/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_a_bearer_client_When_an_admin_suspends_the_account_Then_its_next_request_is_refused_at_once()
    {
        using var bearer = await BearerSession.IssueAsync(host, "elena.popova@demo.telemed.dev", Demo.Password);
        await (await bearer.GetAsync("/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var userId = bearer.UserId;

        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        await (await admin.PostAsync($"/api/v1/admin/users/{userId}/suspend")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        try
        {
            await (await bearer.GetAsync("/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        }
        finally
        {
            await (await admin.PostAsync($"/api/v1/admin/users/{userId}/reactivate")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        }

        // Reactivation does not bring the ended session back.
        await (await bearer.GetAsync("/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>How long after its start the user's one open session was last active, as the database has it.</summary>
    private async Task<TimeSpan> ActivityAfterSignInAsync(Guid userId)
    {
        var raw = new RawDatabase(host);
        var id = host.Provider == DatabaseProvider.Postgres ? userId.ToString() : userId.ToString().ToUpperInvariant();
        await using var connection = await raw.OpenAsync();
        var row = (await RawDatabase.RowsAsync(connection,
            $"SELECT \"CreatedAt\", \"LastSeenAt\" FROM {raw.Table("identity", "sessions")} WHERE \"UserId\" = '{id}' AND \"EndedAt\" IS NULL")).ShouldHaveSingleItem().Split('|');
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return DateTime.Parse(row[1], culture) - DateTime.Parse(row[0], culture);
    }

    private Task FlushAsync() =>
        host.Services.GetServices<IHostedService>().OfType<PeriodicWorker>().Single(w => w.GetType().Name == "SessionActivityFlush").RunOnceAsync(CancellationToken.None);
}

/// <summary>A host whose session activity is flushed only when a test runs the flush.</summary>
public abstract class SessionCacheHost(DatabaseProvider provider)
    : TelemedHost(provider, new Dictionary<string, string?> { ["Sessions:ActivityFlushInterval"] = "01:00:00" });

public sealed class SqliteSessionCacheHost() : SessionCacheHost(DatabaseProvider.Sqlite);

public sealed class PostgresSessionCacheHost() : SessionCacheHost(DatabaseProvider.Postgres);

public sealed class SessionCacheScenariosOnSqlite(SqliteSessionCacheHost host) : SessionCacheScenarios(host), IClassFixture<SqliteSessionCacheHost>;

public sealed class SessionCacheScenariosOnPostgres(PostgresSessionCacheHost host) : SessionCacheScenarios(host), IClassFixture<PostgresSessionCacheHost>;

/// <summary>
/// A host that stops (here: a test host disposed) writes the session activity it still holds in memory, and says nothing
/// about it at Warning or above: the last flush runs while the services are still there, not against a disposed container.
/// </summary>
public sealed class SessionFlushOnShutdownScenarios
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Given_activity_not_yet_flushed_When_the_host_is_disposed_Then_it_reaches_the_database_and_the_flush_logs_no_error(DatabaseProvider provider)
    {
        var host = new TelemedHost(provider, new Dictionary<string, string?> { ["Sessions:ActivityFlushInterval"] = "01:00:00" }) { KeepDataOnDispose = true };
        Guid userId;
        try
        {
            await host.InitializeAsync();
            using var patient = await host.SignedInAsync("svetlana.pavlova@demo.telemed.dev");
            userId = (await patient.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("id").GetGuid();
            host.Clock.Advance(TimeSpan.FromMinutes(10));
            await (await patient.GetAsync("/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }
        finally
        {
            await host.DisposeAsync();
        }

        try
        {
            var flushLogs = host.Logs.Where(l => l.Contains("SessionActivityFlush", StringComparison.Ordinal)).ToList();
            flushLogs.ShouldNotContain(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal),
                string.Join('\n', flushLogs));
            host.Logs.ShouldNotContain(l => l.Contains(nameof(ObjectDisposedException), StringComparison.Ordinal), string.Join('\n', host.Logs.Where(l => l.Contains(nameof(ObjectDisposedException), StringComparison.Ordinal))));

            var raw = new RawDatabase(host);
            var id = provider == DatabaseProvider.Postgres ? userId.ToString() : userId.ToString().ToUpperInvariant();
            await using var connection = await raw.OpenAsync();
            var row = (await RawDatabase.RowsAsync(connection,
                $"SELECT \"CreatedAt\", \"LastSeenAt\" FROM {raw.Table("identity", "sessions")} WHERE \"UserId\" = '{id}' AND \"EndedAt\" IS NULL")).ShouldHaveSingleItem().Split('|');
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            (DateTime.Parse(row[1], culture) - DateTime.Parse(row[0], culture)).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(10), "the stop flushed the activity");
        }
        finally
        {
            try
            {
                Directory.Delete(host.DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }
}
