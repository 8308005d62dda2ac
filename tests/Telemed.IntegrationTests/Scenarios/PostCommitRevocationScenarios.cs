using System.Net;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.AbortedCaller;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// A revocation that follows a committed account change is not cancelled with the request that made the change (ADR 0015).
/// Found failing on 2026-12-05 (fixed): the suspension (or role change, password or MFA reset, erasure) was saved, then the
/// user's sessions were ended on the admin's request token, so an admin whose page closed at that moment left the suspended
/// user signed in with every role they had.
/// </summary>
public sealed class PostCommitRevocationScenarios(PostgresHost host) : IClassFixture<PostgresHost>
{
    [Fact]
    public async Task Given_an_admin_whose_request_is_aborted_after_a_suspension_commits_When_the_sessions_are_free_again_Then_the_suspended_user_is_signed_out_anyway()
    {
        using var bearer = await BearerSession.IssueAsync(host, "elena.popova@demo.telemed.dev", Demo.Password);
        await (await bearer.GetAsync("/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var db = new RawDatabase(host);

        await AbortAfterCommitAsync(host, $"SELECT 1 FROM {db.Table("identity", "sessions")} WHERE \"UserId\" = '{bearer.UserId}' AND \"EndedAt\" IS NULL",
            ct => admin.Http.PostAsync($"/api/v1/admin/users/{bearer.UserId}/suspend", null, ct),
            async connection => (await RawDatabase.RowsAsync(connection, $"SELECT \"Status\" FROM {db.Table("identity", "users")} WHERE \"Id\" = '{bearer.UserId}'")).Single() == "Suspended",
            "the suspension is committed");

        try
        {
            await EventuallyAsync(async () => (await bearer.GetAsync("/api/v1/me/patient-profile")).StatusCode == HttpStatusCode.Unauthorized, "the suspended user's token is refused");
            await EventuallyAsync(async () => await OpenSessionsAsync(db, bearer.UserId) == "0", "the user's sessions are ended in the database");
        }
        finally
        {
            await (await admin.PostAsync($"/api/v1/admin/users/{bearer.UserId}/reactivate")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        }
    }

    private static async Task<string> OpenSessionsAsync(RawDatabase db, Guid userId)
    {
        await using var connection = await db.OpenAsync();
        return (await RawDatabase.RowsAsync(connection, $"SELECT count(*) FROM {db.Table("identity", "sessions")} WHERE \"UserId\" = '{userId}' AND \"EndedAt\" IS NULL")).Single();
    }
}
