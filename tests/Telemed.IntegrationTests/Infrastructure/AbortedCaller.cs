using System.Net.Http.Json;
using System.Text.Json;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// What the post-commit scenarios (ADR 0015) share: a caller who goes away once their change is committed but before its
/// consequences ran, and waiting for those consequences to happen anyway. PostgreSQL only: the consequences are held back by a
/// row lock (SQLite's one writer would hold the change itself back too).
/// </summary>
internal static class AbortedCaller
{
    /// <summary>
    /// Locks the rows <paramref name="rowsSql"/> selects (a <c>SELECT … FROM … WHERE …</c>, without <c>FOR UPDATE</c>) in a
    /// transaction of its own, starts <paramref name="send"/>, waits until <paramref name="committed"/> (asked on the locking
    /// connection) says the change is stored, aborts the request and lets the rows go.
    /// </summary>
    public static async Task AbortAfterCommitAsync(TelemedHost host, string rowsSql, Func<CancellationToken, Task> send,
        Func<System.Data.Common.DbConnection, Task<bool>> committed, string change)
    {
        var db = new RawDatabase(host);
        db.IsPostgres.ShouldBeTrue("the consequences are held back by a PostgreSQL row lock");
        using var abort = new CancellationTokenSource();
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = rowsSql + " FOR UPDATE";
            await command.ExecuteNonQueryAsync();
        }

        var sent = send(abort.Token);
        await EventuallyAsync(() => committed(connection), change);
        await Task.Delay(500); // its consequences now wait for the locked rows
        await abort.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => sent);
        await Task.Delay(500); // the server sees the caller gone
        await transaction.RollbackAsync();
    }

    /// <summary>Waits up to 10 s for <paramref name="condition"/>; fails naming <paramref name="what"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        (await condition()).ShouldBeTrue($"not seen within 10 s: {what}");
    }
}

/// <summary>A bearer-token client of one user (<c>POST /auth/tokens</c>), as an API integration signs in.</summary>
internal sealed class BearerSession(HttpClient http, string token, Guid userId) : IDisposable
{
    public Guid UserId => userId;

    public static async Task<BearerSession> IssueAsync(TelemedHost host, string email, string password)
    {
        var http = new HttpClient { BaseAddress = host.BaseAddress };
        var issued = await http.PostAsJsonAsync("/api/v1/auth/tokens", new { email, password });
        await issued.ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        using var session = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/session") { Headers = { Authorization = new("Bearer", token) } };
        var userId = (await (await http.SendAsync(session)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user").GetProperty("id").GetGuid();
        return new BearerSession(http, token, userId);
    }

    /// <summary>GET <paramref name="path"/> with the token.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new("Bearer", token) } });

    public void Dispose() => http.Dispose();
}
