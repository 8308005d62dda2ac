using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Admin;

/// <summary>Issue 11 (admin part, item 5): "send password reset" for an account that never had a password.</summary>
public abstract class AdminPasswordHelpScenarios(TelemedHost host)
{
    private async Task<ApiClient> AdminAsync()
    {
        var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        return admin;
    }

    [Fact]
    public async Task Given_a_walk_in_patient_who_never_set_a_password_When_the_admin_sends_a_reset_Then_a_fresh_set_password_link_arrives_and_works()
    {
        using var desk = host.CreateApiClient();
        await desk.SignInAsync("frontdesk@demo.telemed.dev", Demo.Password, Demo.KeyFor("frontdesk@demo.telemed.dev"));
        var email = $"walkin-help-{Guid.NewGuid():N}@example.test";
        await (await desk.PostAsync("/api/v1/front-desk/patients", new
        {
            givenName = "Walkin", familyName = "Helpova", dateOfBirth = "1970-03-04", sex = "female", email, phone = "+7 913 555 01 03", preferredLanguage = "en",
        })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var welcome = await ApiClient.LatestLinkAsync(host, email, "/reset-password?token=");

        using var admin = await AdminAsync();
        var found = await (await admin.PostAsync("/api/v1/admin/users/search", new { email })).Content.ReadFromJsonAsync<JsonElement>();
        var userId = found.GetProperty("items")[0].GetProperty("id").GetGuid();
        await (await admin.PostAsync($"/api/v1/admin/users/{userId}/password-reset")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        var fresh = await ApiClient.LatestLinkAsync(host, email, "/reset-password?token=");
        fresh.ShouldNotBe(welcome);
        var token = System.Web.HttpUtility.ParseQueryString(new Uri(fresh).Query)["token"];
        using var patient = host.CreateApiClient();
        await patient.GetAsync("/api/v1/auth/session");
        await (await patient.PostAsync("/api/v1/auth/password/reset", new { token, newPassword = "a fresh walk-in password" })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await patient.SignInAsync(email, "a fresh walk-in password");
    }

    [Fact]
    public async Task Given_an_invited_staff_member_who_has_not_accepted_When_the_admin_sends_a_reset_Then_they_are_told_to_resend_the_invitation()
    {
        using var admin = await AdminAsync();
        var email = $"invited-help-{Guid.NewGuid():N}@example.test";
        var created = await admin.PostAsync("/api/v1/admin/invitations", new { email, displayName = "Invited Helpless", role = "FrontDesk", preferredLanguage = "en" });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var userId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var response = await admin.PostAsync($"/api/v1/admin/users/{userId}/password-reset");
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ProblemCodeAsync()).ShouldBe("identity.no_password");
    }
}

public sealed class AdminPasswordHelpScenariosOnSqlite(SqliteHost host) : AdminPasswordHelpScenarios(host), IClassFixture<SqliteHost>;

public sealed class AdminPasswordHelpScenariosOnPostgres(PostgresHost host) : AdminPasswordHelpScenarios(host), IClassFixture<PostgresHost>;
