using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// A revocation that follows a committed account change is not cancelled with the request that made the change. Found
/// failing on 2026-12-05 (fixed): the suspension (or role change, password or MFA reset, erasure) was saved, then the user's
/// sessions were ended on the admin's request token, so an admin whose page closed at that moment left the suspended user
/// signed in with every role they had. PostgreSQL only: a row lock on the user's sessions holds the revocation back while the
/// change itself commits (SQLite's one writer would hold the change back too).
/// </summary>
public sealed class PostCommitRevocationScenarios(PostgresHost host) : IClassFixture<PostgresHost>
{
    [Fact]
    public async Task Given_an_admin_whose_request_is_aborted_after_a_suspension_commits_When_the_sessions_are_free_again_Then_the_suspended_user_is_signed_out_anyway()
    {
        const string email = "elena.popova@demo.telemed.dev";
        using var raw = new HttpClient { BaseAddress = host.BaseAddress };
        var issued = await raw.PostAsJsonAsync("/api/v1/auth/tokens", new { email, password = Demo.Password });
        await issued.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        HttpRequestMessage Profile() => new(HttpMethod.Get, "/api/v1/me/patient-profile") { Headers = { Authorization = new("Bearer", token) } };
        await (await raw.SendAsync(Profile())).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var session = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/session") { Headers = { Authorization = new("Bearer", token) } };
        var userId = (await (await raw.SendAsync(session)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user").GetProperty("id").GetGuid();
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();

        var db = new RawDatabase(host);
        using var abort = new CancellationTokenSource();
        await using (var connection = await db.OpenAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = $"SELECT 1 FROM {db.Table("identity", "sessions")} WHERE \"UserId\" = '{userId}' AND \"EndedAt\" IS NULL FOR UPDATE";
                await command.ExecuteNonQueryAsync();
            }

            var suspend = admin.Http.PostAsync($"/api/v1/admin/users/{userId}/suspend", null, abort.Token);
            await EventuallyAsync(async () => (await StatusAsync(userId)) == "Suspended", "the suspension is committed");
            await Task.Delay(500); // the revocation is now waiting for the sessions' rows
            await abort.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(() => suspend);
            await Task.Delay(500); // the server sees the admin's connection gone
            await transaction.RollbackAsync();
        }

        try
        {
            await EventuallyAsync(async () => (await raw.SendAsync(Profile())).StatusCode == HttpStatusCode.Unauthorized, "the suspended user's token is refused");
            await EventuallyAsync(async () => await OpenSessionsAsync(userId) == 0, "the user's sessions are ended in the database");
        }
        finally
        {
            await (await admin.PostAsync($"/api/v1/admin/users/{userId}/reactivate")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        }
    }

    private async Task<string> StatusAsync(Guid userId)
    {
        var db = new RawDatabase(host);
        await using var connection = await db.OpenAsync();
        return (await RawDatabase.RowsAsync(connection, $"SELECT \"Status\" FROM {db.Table("identity", "users")} WHERE \"Id\" = '{userId}'")).Single();
    }

    private async Task<int> OpenSessionsAsync(Guid userId)
    {
        var db = new RawDatabase(host);
        await using var connection = await db.OpenAsync();
        return int.Parse((await RawDatabase.RowsAsync(connection,
            $"SELECT count(*) FROM {db.Table("identity", "sessions")} WHERE \"UserId\" = '{userId}' AND \"EndedAt\" IS NULL")).Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        (await condition()).ShouldBeTrue(what);
    }
}
