using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Admin;

/// <summary>
/// The platform keeps an active administrator. Two administrators removing each other's Admin role (or suspending each other) at the
/// same moment both succeeded and left nobody able to administer the clinic; now one change commits and the other is refused.
/// </summary>
public abstract class LastAdministratorScenarios(TelemedHost host)
{
    private const string Admin = "admin@demo.telemed.dev";
    private const string Desk = "frontdesk@demo.telemed.dev";

    [Fact]
    public async Task Given_two_administrators_When_each_demotes_or_suspends_the_other_at_once_Then_one_change_wins_and_an_administrator_remains()
    {
        using var admin = await host.SignedInAsync(Admin);
        var adminId = await UserIdAsync(admin, Admin);
        var deskId = await UserIdAsync(admin, Desk);

        for (var round = 0; round < 4; round++)
        {
            // Given two administrators (the desk made one again each round, by whoever is one now)
            using var current = await host.SignedInAsync(Admin);
            await (await current.PutAsync($"/api/v1/admin/users/{deskId}/roles", new { roles = new[] { "Admin", "FrontDesk" } })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
            using var desk = await host.SignedInAsync(Desk);

            // When each takes the other away at the same moment
            var suspend = round % 2 == 1;
            Task<HttpResponseMessage> Remove(ApiClient by, Guid target) => suspend
                ? by.PostAsync($"/api/v1/admin/users/{target}/suspend")
                : by.PutAsync($"/api/v1/admin/users/{target}/roles", new { roles = new[] { "FrontDesk" } });
            var answers = await Task.WhenAll(Remove(current, deskId), Remove(desk, adminId));

            // Then exactly one change went through and the other was refused, by the rule or because its sender lost its rights first
            answers.Count(a => a.StatusCode == HttpStatusCode.NoContent).ShouldBe(1, $"round {round}: {string.Join(", ", answers.Select(a => (int)a.StatusCode))}");
            var refused = answers.Single(a => a.StatusCode != HttpStatusCode.NoContent);
            if (refused.StatusCode == HttpStatusCode.Conflict)
            {
                (await refused.ProblemCodeAsync()).ShouldBe("identity.last_admin");
            }
            else
            {
                refused.StatusCode.ShouldBeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], await refused.Content.ReadAsStringAsync());
            }

            // And whoever won is still an active administrator; the demo admin is made whole again for the next round
            var winner = answers[0].StatusCode == HttpStatusCode.NoContent ? current : desk;
            var users = await SearchAsync(winner, "Admin");
            users.Count(u => u.GetProperty("status").GetString() == "active").ShouldBeGreaterThanOrEqualTo(1);
            if (winner == desk)
            {
                await (await desk.PostAsync($"/api/v1/admin/users/{adminId}/reactivate")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
                await (await desk.PutAsync($"/api/v1/admin/users/{adminId}/roles", new { roles = new[] { "Admin" } })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
                using var back = await host.SignedInAsync(Admin);
                await (await back.PutAsync($"/api/v1/admin/users/{deskId}/roles", new { roles = new[] { "FrontDesk" } })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
            }
            else
            {
                await (await current.PostAsync($"/api/v1/admin/users/{deskId}/reactivate")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
                await (await current.PutAsync($"/api/v1/admin/users/{deskId}/roles", new { roles = new[] { "FrontDesk" } })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
            }
        }
    }

    private static async Task<Guid> UserIdAsync(ApiClient admin, string email) =>
        (await SearchAsync(admin, null, email)).Single().GetProperty("id").GetGuid();

    private static async Task<IReadOnlyList<JsonElement>> SearchAsync(ApiClient admin, string? role, string? email = null)
    {
        var response = await admin.PostAsync("/api/v1/admin/users/search", new { email, role, pageSize = 100 });
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()];
    }
}

public sealed class LastAdministratorScenariosOnSqlite(SqliteHost host) : LastAdministratorScenarios(host), IClassFixture<SqliteHost>;

public sealed class LastAdministratorScenariosOnPostgres(PostgresHost host) : LastAdministratorScenarios(host), IClassFixture<PostgresHost>;
