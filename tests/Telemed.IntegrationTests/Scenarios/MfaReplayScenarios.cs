using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// A TOTP code works once: after it was accepted on any path (sign-in, bearer token, enrolment), the same code
/// is refused on every path, and two requests racing with one code cannot both win. These replace a staff
/// member's authenticator key, so they get hosts of their own.
/// </summary>
public abstract class MfaReplayScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_a_code_used_to_sign_in_Then_a_second_sign_in_and_a_token_request_with_it_are_refused()
    {
        const string email = "frontdesk@demo.telemed.dev";
        var code = await Totp.NextCodeAsync(host.ConnectionString, Demo.KeyFor(email));
        using var first = host.CreateApiClient();
        await PasswordStepAsync(first, email);
        await (await first.PostAsync("/api/v1/auth/sign-in/mfa", new { code })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        using var second = host.CreateApiClient();
        await PasswordStepAsync(second, email);
        var replayed = await second.PostAsync("/api/v1/auth/sign-in/mfa", new { code });
        await replayed.ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        (await replayed.ProblemCodeAsync()).ShouldBe("auth.invalid_mfa_code");
        (await second.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("authenticated").GetBoolean().ShouldBeFalse();

        using var raw = new HttpClient { BaseAddress = host.BaseAddress };
        var token = await raw.PostAsJsonAsync("/api/v1/auth/tokens", new { email, password = Demo.Password, mfaCode = code });
        await token.ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        (await token.ProblemCodeAsync()).ShouldBe("auth.invalid_mfa_code");

        // A code of a later step still works.
        await second.SignInAsync(email, Demo.Password, Demo.KeyFor(email));
    }

    [Fact]
    public async Task Given_a_code_used_for_a_token_Then_signing_in_with_it_is_refused()
    {
        const string email = "admin@demo.telemed.dev";
        var code = await Totp.NextCodeAsync(host.ConnectionString, Demo.KeyFor(email));
        using var raw = new HttpClient { BaseAddress = host.BaseAddress };
        await (await raw.PostAsJsonAsync("/api/v1/auth/tokens", new { email, password = Demo.Password, mfaCode = code })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var again = await raw.PostAsJsonAsync("/api/v1/auth/tokens", new { email, password = Demo.Password, mfaCode = code });
        (await again.ProblemCodeAsync()).ShouldBe("auth.invalid_mfa_code");

        using var browser = host.CreateApiClient();
        await PasswordStepAsync(browser, email);
        (await (await browser.PostAsync("/api/v1/auth/sign-in/mfa", new { code })).ProblemCodeAsync()).ShouldBe("auth.invalid_mfa_code");
    }

    [Fact]
    public async Task Given_two_token_requests_with_one_code_at_the_same_moment_Then_exactly_one_succeeds()
    {
        const string email = "anna.petrova@demo.telemed.dev";
        for (var round = 0; round < 3; round++)
        {
            var code = await Totp.NextCodeAsync(host.ConnectionString, Demo.KeyFor(email));
            using var a = new HttpClient { BaseAddress = host.BaseAddress };
            using var b = new HttpClient { BaseAddress = host.BaseAddress };
            var body = new { email, password = Demo.Password, mfaCode = code };
            var answers = await Task.WhenAll(a.PostAsJsonAsync("/api/v1/auth/tokens", body), b.PostAsJsonAsync("/api/v1/auth/tokens", body));
            answers.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1, string.Join(", ", answers.Select(r => r.StatusCode)));
            answers.Single(r => r.StatusCode != HttpStatusCode.OK).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Given_a_new_authenticator_key_confirmed_with_a_code_Then_that_code_is_refused_again_and_the_other_sessions_and_connections_end()
    {
        const string email = "pharmacist@demo.telemed.dev";
        using var other = await host.SignedInAsync(email);
        using var otherHub = (await HubClient.ConnectAsync(other, "/hubs/chat"))!;
        otherHub.ShouldNotBeNull();
        using var pharmacist = await host.SignedInAsync(email);

        var replacement = await pharmacist.PostAsync("/api/v1/auth/mfa/enrolment/replacement", new { code = await pharmacist.NextCodeAsync(Demo.KeyFor(email)) });
        await replacement.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var key = (await replacement.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        var code = await pharmacist.NextCodeAsync(key);
        await (await pharmacist.PostAsync("/api/v1/auth/mfa/enrolment", new { code })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // The confirmation path itself refuses the code the second time...
        var replayed = await pharmacist.PostAsync("/api/v1/auth/mfa/enrolment", new { code });
        (await replayed.ProblemCodeAsync()).ShouldBe("auth.invalid_mfa_code");
        // ...and so does signing in.
        using var thief = host.CreateApiClient();
        await PasswordStepAsync(thief, email);
        (await (await thief.PostAsync("/api/v1/auth/sign-in/mfa", new { code })).ProblemCodeAsync()).ShouldBe("auth.invalid_mfa_code");

        // A new second factor is a credential change: the session signed in with the old one ends, with its connection.
        await otherHub.ClosedAsync();
        (await other.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("authenticated").GetBoolean().ShouldBeFalse();
        (await pharmacist.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("authenticated").GetBoolean().ShouldBeTrue();
        using var next = host.CreateApiClient();
        await next.SignInAsync(email, Demo.Password, key);
    }

    [Fact]
    public async Task Given_a_signed_in_user_with_an_authenticator_When_they_replace_it_Then_they_must_prove_the_current_code_or_a_recovery_code()
    {
        const string email = "natalia.lebedeva@demo.telemed.dev";
        using var doctor = await host.SignedInAsync(email);

        // An open session alone no longer hands out a new key (nor throws the current one away).
        var begin = await doctor.GetAsync("/api/v1/auth/mfa/enrolment");
        await begin.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        (await begin.ProblemCodeAsync()).ShouldBe("auth.mfa_current_code_required");
        var missing = await doctor.PostAsync("/api/v1/auth/mfa/enrolment/replacement", new { });
        await missing.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        var wrong = await doctor.PostAsync("/api/v1/auth/mfa/enrolment/replacement", new { code = "000000" });
        await wrong.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await wrong.ProblemCodeAsync()).ShouldBe("validation.failed");
        using (var still = host.CreateApiClient())
        {
            await still.SignInAsync(email, Demo.Password, Demo.KeyFor(email));
        }

        // A recovery code (lost phone) proves it as well as the current code does.
        var issued = await doctor.PostAsync("/api/v1/auth/mfa/recovery-codes", new { code = await doctor.NextCodeAsync(Demo.KeyFor(email)) });
        await issued.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var recoveryCode = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes")[0].GetString();
        var replacement = await doctor.PostAsync("/api/v1/auth/mfa/enrolment/replacement", new { recoveryCode });
        await replacement.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var key = (await replacement.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        await (await doctor.PostAsync("/api/v1/auth/mfa/enrolment", new { code = await doctor.NextCodeAsync(key) })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        // The used recovery code does not work twice.
        (await (await doctor.PostAsync("/api/v1/auth/mfa/enrolment/replacement", new { recoveryCode })).ProblemCodeAsync()).ShouldBe("validation.failed");

        using var next = host.CreateApiClient();
        await next.SignInAsync(email, Demo.Password, key);
    }

    private static async Task PasswordStepAsync(ApiClient client, string email)
    {
        await client.GetAsync("/api/v1/auth/session");
        var response = await client.PostAsync("/api/v1/auth/sign-in", new { email, password = Demo.Password });
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("mfaRequired");
    }
}

public sealed class MfaReplayScenariosOnSqlite(SqliteHost host) : MfaReplayScenarios(host), IClassFixture<SqliteHost>;

public sealed class MfaReplayScenariosOnPostgres(PostgresHost host) : MfaReplayScenarios(host), IClassFixture<PostgresHost>;
