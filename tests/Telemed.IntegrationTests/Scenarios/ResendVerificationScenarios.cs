using System.Net;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>Issue 11, item 15: "resend confirmation link".</summary>
public sealed class ResendVerificationScenarios(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task Given_an_unconfirmed_patient_When_they_ask_again_Then_a_new_link_in_their_language_confirms_the_address_and_unknown_addresses_get_the_same_answer()
    {
        var email = $"resend-{Guid.NewGuid():N}@example.test";
        using var patient = host.CreateApiClient();
        await patient.GetAsync("/api/v1/auth/session");
        (await patient.PostAsync("/api/v1/auth/register", new
        {
            email, password = "correct horse battery", givenName = "Vera", familyName = "Testova", dateOfBirth = "1990-05-17", preferredLanguage = "ru",
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await (await patient.PostAsync("/api/v1/auth/sign-in", new { email, password = "correct horse battery" })).ProblemCodeAsync()).ShouldBe("auth.email_not_verified");

        var before = await EmailsToAsync(email);
        (await patient.PostAsync("/api/v1/auth/verify-email/resend", new { email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var after = await EmailsToAsync(email);
        after.Count.ShouldBe(before.Count + 1);
        after[0].GetProperty("subject").GetString()!.ShouldNotContain("Confirm", Case.Insensitive, "the patient chose Russian");

        var link = await ApiClient.LatestLinkAsync(host, email, "/verify-email");
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);
        (await patient.PostAsync("/api/v1/auth/verify-email", new { token })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // Confirmed now: no further link; an unknown address: the same 202, nothing sent.
        (await patient.PostAsync("/api/v1/auth/verify-email/resend", new { email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await EmailsToAsync(email)).Count.ShouldBe(after.Count);
        var stranger = $"nobody-{Guid.NewGuid():N}@example.test";
        (await patient.PostAsync("/api/v1/auth/verify-email/resend", new { email = stranger })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await EmailsToAsync(stranger)).ShouldBeEmpty();

        var bad = await patient.PostAsync("/api/v1/auth/verify-email/resend", new { email = "not-an-email" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.ProblemCodeAsync()).ShouldBe("validation.failed");
    }

    /// <summary>The development outbox's e-mails to one address, newest first.</summary>
    private async Task<List<JsonElement>> EmailsToAsync(string to)
    {
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var page = await admin.GetJsonAsync<JsonElement>("/api/v1/admin/outbox?channel=email&pageSize=100");
        return page.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("to").GetString() == to).ToList();
    }
}
