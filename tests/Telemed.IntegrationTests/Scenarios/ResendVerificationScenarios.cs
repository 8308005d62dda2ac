using System.Net;
using System.Text.Json;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>Issue 11, item 15: "resend confirmation link" and e-mails to one patient in one language. Many sign-up steps: a host with a looser auth rate limit.</summary>
public sealed class ResendVerificationScenarios(LooseRateLimitSqliteHost host) : IClassFixture<LooseRateLimitSqliteHost>
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

    [Fact]
    public async Task Given_a_patient_who_switches_their_profile_to_English_Then_account_e_mails_follow_that_one_language()
    {
        var email = $"lang-{Guid.NewGuid():N}@example.test";
        using var patient = await SignedInNewPatientAsync(email, "ru");
        for (var attempt = 0; attempt < 100 && (await patient.GetAsync("/api/v1/me/patient-profile")).StatusCode != HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(100);
        }

        (await patient.PutAsync("/api/v1/me/patient-profile", new
        {
            givenName = "Vera", familyName = "Testova", dateOfBirth = "1990-05-17", sex = "female", preferredLanguage = "en",
            phone = (string?)null, address = (string?)null, insurance = (object?)null, allergies = Array.Empty<string>(), chronicConditions = Array.Empty<string>(),
        })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The change reaches Identity through the outbox; then the password-reset e-mail is in English.
        string? subject = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            (await patient.PostAsync("/api/v1/auth/password/forgot", new { email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            subject = (await EmailsToAsync(email))[0].GetProperty("subject").GetString();
            if (subject!.Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            await Task.Delay(300);
        }

        subject.ShouldNotBeNull();
        subject.ShouldContain("password", Case.Insensitive);
    }

    [Fact]
    public async Task Given_a_signed_in_user_When_they_change_their_password_Then_the_current_one_is_required_and_their_other_sessions_end()
    {
        var email = $"change-{Guid.NewGuid():N}@example.test";
        using var patient = await SignedInNewPatientAsync(email, "en");
        using var otherDevice = host.CreateApiClient();
        await otherDevice.SignInAsync(email, "correct horse battery");

        var wrong = await patient.PostAsync("/api/v1/auth/password/change", new { currentPassword = "not my password", newPassword = "a brand new password" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.ProblemCodeAsync()).ShouldBe("validation.failed");
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("currentPassword");
        var weak = await patient.PostAsync("/api/v1/auth/password/change", new { currentPassword = "correct horse battery", newPassword = "short" });
        weak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await patient.PostAsync("/api/v1/auth/password/change", new { currentPassword = "correct horse battery", newPassword = "a brand new password" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await patient.GetAsync("/api/v1/me/patient-profile")).StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized);
        (await otherDevice.GetAsync("/api/v1/me/patient-profile")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var again = host.CreateApiClient();
        await again.SignInAsync(email, "a brand new password");
        using var anonymous = host.CreateApiClient();
        await anonymous.GetAsync("/api/v1/auth/session");
        (await anonymous.PostAsync("/api/v1/auth/password/change", new { currentPassword = "x", newPassword = "a brand new password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Given_a_signed_in_user_When_wrong_current_passwords_reach_the_lock_out_count_Then_the_account_is_locked_as_after_wrong_sign_ins()
    {
        var email = $"guess-{Guid.NewGuid():N}@example.test";
        using var patient = await SignedInNewPatientAsync(email, "en");

        // A session left open guesses the password: four wrong guesses are field errors, the fifth locks the account.
        for (var guess = 1; guess <= 4; guess++)
        {
            var wrong = await patient.PostAsync("/api/v1/auth/password/change", new { currentPassword = $"guess number {guess}", newPassword = "a brand new password" });
            (await wrong.ProblemCodeAsync()).ShouldBe("validation.failed", $"guess {guess}");
        }

        var fifth = await patient.PostAsync("/api/v1/auth/password/change", new { currentPassword = "guess number 5", newPassword = "a brand new password" });
        fifth.StatusCode.ShouldBe(HttpStatusCode.Locked);
        (await fifth.ProblemCodeAsync()).ShouldBe("auth.locked_out");

        // While locked even the right password is not checked, here or at sign-in.
        var right = await patient.PostAsync("/api/v1/auth/password/change", new { currentPassword = "correct horse battery", newPassword = "a brand new password" });
        (await right.ProblemCodeAsync()).ShouldBe("auth.locked_out");
        using var other = host.CreateApiClient();
        await other.GetAsync("/api/v1/auth/session");
        var signIn = await other.PostAsync("/api/v1/auth/sign-in", new { email, password = "correct horse battery" });
        (await signIn.ProblemCodeAsync()).ShouldBe("auth.locked_out");
    }

    /// <summary>
    /// A new patient account at <paramref name="email"/> (password <c>correct horse battery</c>, e-mails in <paramref name="language"/>):
    /// registered, its address confirmed through the e-mailed link, and signed in on the returned client (the caller disposes it).
    /// </summary>
    private async Task<ApiClient> SignedInNewPatientAsync(string email, string language)
    {
        var patient = host.CreateApiClient();
        await patient.GetAsync("/api/v1/auth/session");
        (await patient.PostAsync("/api/v1/auth/register", new
        {
            email, password = "correct horse battery", givenName = "Vera", familyName = "Testova", dateOfBirth = "1990-05-17", preferredLanguage = language,
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var link = await ApiClient.LatestLinkAsync(host, email, "/verify-email?token=");
        (await patient.PostAsync("/api/v1/auth/verify-email", new { token = new Uri(link).Query.Split("token=")[1] })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await patient.SignInAsync(email, "correct horse battery");
        return patient;
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

public sealed class LooseRateLimitSqliteHost() : TelemedHost(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RateLimiting:AuthPermitsPerMinute"] = "1000" });
