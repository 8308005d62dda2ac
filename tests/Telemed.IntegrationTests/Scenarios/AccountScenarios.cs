using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

public abstract class AccountScenarios(TelemedHost host)
{
    private static string NewEmail() => $"patient-{Guid.NewGuid():N}@example.test";

    private static object Registration(string email, string password = "correct horse battery") => new
    {
        email, password, givenName = "Vera", familyName = "Testova", dateOfBirth = "1990-05-17", preferredLanguage = "ru",
    };

    [Fact]
    public async Task Given_a_new_patient_When_they_register_verify_and_sign_in_Then_they_find_a_Russian_speaking_cardiologist()
    {
        var email = NewEmail();
        using var patient = host.CreateApiClient();
        await patient.GetAsync("/api/v1/auth/session");
        (await patient.PostAsync("/api/v1/auth/register", Registration(email))).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var beforeVerification = await patient.PostAsync("/api/v1/auth/sign-in", new { email, password = "correct horse battery" });
        (await beforeVerification.ProblemCodeAsync()).ShouldBe("auth.email_not_verified");

        var link = await ApiClient.LatestLinkAsync(host, email, "/verify-email?token=");
        link.ShouldNotContain(email.Split('@')[0], Case.Insensitive);
        var token = new Uri(link).Query.Split("token=")[1];
        (await patient.PostAsync("/api/v1/auth/verify-email", new { token })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await patient.SignInAsync(email, "correct horse battery");
        var doctors = await patient.GetJsonAsync<JsonElement>("/api/v1/doctors?specialty=cardiology&language=ru");
        var names = doctors.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("displayName").GetString()).ToList();
        names.ShouldBe(["Anna Petrova"]);

        var profile = await WaitForProfileAsync(patient);
        profile.GetProperty("familyName").GetString().ShouldBe("Testova");
    }

    private static async Task<HttpResponseMessage> Eventually(Func<Task<HttpResponseMessage>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await call();
            if (response.StatusCode == HttpStatusCode.OK || attempt == 100)
            {
                await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
                return response;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> WaitForProfileAsync(ApiClient patient)
    {
        // The profile is created from the PatientRegistered integration event, delivered by the outbox dispatcher.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var response = await patient.GetAsync("/api/v1/me/patient-profile");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException("The patient profile was never created.");
    }

    [Fact]
    public async Task Given_a_forgotten_password_When_reset_by_the_e_mailed_link_Then_old_sessions_end_and_the_new_password_works()
    {
        const string email = "roman.fedorov@demo.telemed.dev";
        using var oldSession = host.CreateApiClient();
        await oldSession.SignInAsync(email, Demo.Password);

        using var client = host.CreateApiClient();
        await client.GetAsync("/api/v1/auth/session");
        (await client.PostAsync("/api/v1/auth/password/forgot", new { email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await client.PostAsync("/api/v1/auth/password/forgot", new { email = "nobody-here@example.test" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var token = new Uri(await ApiClient.LatestLinkAsync(host, email, "/reset-password?token=")).Query.Split("token=")[1];

        (await (await client.PostAsync("/api/v1/auth/password/reset", new { token = token + "x", newPassword = "a brand new password" })).ProblemCodeAsync()).ShouldBe("auth.invalid_token");
        (await client.PostAsync("/api/v1/auth/password/reset", new { token, newPassword = "a brand new password" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await client.PostAsync("/api/v1/auth/password/reset", new { token, newPassword = "another new password" })).ProblemCodeAsync()).ShouldBe("auth.invalid_token", "a reset link works once");

        (await oldSession.GetAsync("/api/v1/me/patient-profile")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await client.PostAsync("/api/v1/auth/sign-in", new { email, password = Demo.Password })).ProblemCodeAsync()).ShouldBe("auth.invalid_credentials");
        using var fresh = host.CreateApiClient();
        await fresh.SignInAsync(email, "a brand new password");
    }

    [Fact]
    public async Task Given_an_invalid_registration_Then_each_bad_field_is_named_in_a_problem()
    {
        using var client = host.CreateApiClient();
        await client.GetAsync("/api/v1/auth/session");
        var response = await client.PostAsync("/api/v1/auth/register", new { email = "not-an-email", password = "short", givenName = "", familyName = "X", dateOfBirth = "2999-01-01", preferredLanguage = "fr" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("validation.failed");
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        errors.ShouldBe(["email", "password", "givenName", "dateOfBirth", "preferredLanguage"], ignoreOrder: true);
    }

    [Fact]
    public async Task Given_a_malformed_body_Then_the_answer_is_a_problem_not_a_crash()
    {
        using var client = host.CreateApiClient();
        await client.GetAsync("/api/v1/auth/session");
        var response = await client.Http.PostAsync("/api/v1/auth/sign-in", new StringContent("{\"email\": 12", System.Text.Encoding.UTF8, "application/json"));
        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await response.ProblemCodeAsync()).ShouldBe("request.invalid");
    }

    [Fact]
    public async Task Given_a_write_without_the_antiforgery_header_Then_it_is_refused()
    {
        using var raw = new HttpClient { BaseAddress = host.BaseAddress };
        var response = await raw.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "admin@demo.telemed.dev", password = Demo.Password });
        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await response.ProblemCodeAsync()).ShouldBe("antiforgery.invalid");
    }

    [Fact]
    public async Task Given_a_page_whose_session_was_ended_elsewhere_When_it_sends_a_write_Then_it_is_asked_to_sign_in_again_not_to_reload()
    {
        // Given the front desk signed in, and its sessions ended by an administrator's role change
        using var desk = await host.SignedInAsync("frontdesk@demo.telemed.dev");
        (await desk.GetAsync("/api/v1/auth/session")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var deskId = (await (await admin.PostAsync("/api/v1/admin/users/search", new { email = "frontdesk@demo.telemed.dev" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        await (await admin.PutAsync($"/api/v1/admin/users/{deskId}/roles", new { roles = new[] { "FrontDesk" } })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        // When the desk's page sends a write with the antiforgery token it was given while signed in
        var write = await desk.PostAsync("/api/v1/me/notifications/read-all", new { });

        // Then the answer says to sign in again (before, 400 antiforgery.invalid: "reload the page", which cannot help)
        await write.ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        (await write.ProblemCodeAsync()).ShouldBe("auth.required");

        // And an anonymous write to an endpoint open to anyone still needs the token
        using var raw = new HttpClient { BaseAddress = host.BaseAddress };
        var signIn = await raw.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "frontdesk@demo.telemed.dev", password = Demo.Password });
        (await signIn.ProblemCodeAsync()).ShouldBe("antiforgery.invalid");
    }

    [Fact]
    public async Task Given_the_same_registration_submitted_ten_times_at_once_Then_one_account_exists()
    {
        var email = NewEmail();
        using var client = host.CreateApiClient();
        await client.GetAsync("/api/v1/auth/session");
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostAsync("/api/v1/auth/register", Registration(email))));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Accepted);

        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var users = await (await admin.PostAsync("/api/v1/admin/users/search", new { email })).Content.ReadFromJsonAsync<JsonElement>();
        users.GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Given_five_wrong_passwords_Then_the_account_is_locked_even_for_the_right_one()
    {
        var email = "sophie.turner@demo.telemed.dev";
        using var client = host.CreateApiClient();
        await client.GetAsync("/api/v1/auth/session");
        for (var i = 0; i < 4; i++)
        {
            (await (await client.PostAsync("/api/v1/auth/sign-in", new { email, password = "wrong password!" })).ProblemCodeAsync()).ShouldBe("auth.invalid_credentials");
        }

        (await (await client.PostAsync("/api/v1/auth/sign-in", new { email, password = "wrong password!" })).ProblemCodeAsync()).ShouldBe("auth.locked_out");
        var right = await client.PostAsync("/api/v1/auth/sign-in", new { email, password = Demo.Password });
        await right.ShouldHaveStatusAsync(HttpStatusCode.Locked);
    }

    [Fact]
    public async Task Given_an_admin_invites_a_doctor_When_the_doctor_accepts_and_enrols_MFA_Then_they_sign_in_with_a_code()
    {
        var email = $"dr-{Guid.NewGuid():N}@example.test";
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var invite = await admin.PostAsync("/api/v1/admin/invitations", new { email, displayName = "Dr Test Invite", role = "Doctor" });
        await invite.ShouldHaveStatusAsync(HttpStatusCode.Created);

        var link = await ApiClient.LatestLinkAsync(host, email, "/accept-invitation?token=");
        var token = new Uri(link).Query.Split("token=")[1];
        using var doctor = host.CreateApiClient();
        await doctor.GetAsync("/api/v1/auth/session");
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("authenticated").GetBoolean().ShouldBeFalse();
        var details = await doctor.PostAsync("/api/v1/auth/invitations/inspect", new { token });
        (await details.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString().ShouldBe("Doctor");

        var accepted = await doctor.PostAsync("/api/v1/auth/invitations/accept", new { token, password = "a long doctor password" });
        (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("mfaEnrolmentRequired");
        var blocked = await doctor.GetAsync("/api/v1/me/doctor-profile");
        await blocked.ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        (await blocked.ProblemCodeAsync()).ShouldBe("auth.mfa_required");

        var enrolment = await doctor.GetJsonAsync<JsonElement>("/api/v1/auth/mfa/enrolment");
        enrolment.GetProperty("qrCodeSvgDataUri").GetString()!.ShouldStartWith("data:image/svg+xml;base64,");
        var key = enrolment.GetProperty("sharedKey").GetString()!;
        (await (await doctor.PostAsync("/api/v1/auth/mfa/enrolment", new { code = "000000" })).ProblemCodeAsync()).ShouldBe("auth.invalid_mfa_code");
        var confirmed = await doctor.PostAsync("/api/v1/auth/mfa/enrolment", new { code = await doctor.NextCodeAsync(key) });
        await confirmed.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").GetArrayLength().ShouldBe(10);
        // The doctor's profile comes from the StaffAccountCreated event, delivered through the outbox.
        var profile = await Eventually(() => doctor.GetAsync("/api/v1/me/doctor-profile"));
        (await profile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("pendingVerification");

        (await doctor.PostAsync("/api/v1/auth/sign-out")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var again = host.CreateApiClient();
        await again.SignInAsync(email, "a long doctor password", key);
        var session = await again.GetJsonAsync<JsonElement>("/api/v1/auth/session");
        session.GetProperty("user").GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Doctor"]);
    }

    [Fact]
    public async Task Given_an_API_client_When_it_takes_a_bearer_token_Then_it_reads_without_cookies_and_staff_need_a_code()
    {
        using var raw = new HttpClient { BaseAddress = host.BaseAddress };
        var token = await raw.PostAsJsonAsync("/api/v1/auth/tokens", new { email = "elena.popova@demo.telemed.dev", password = Demo.Password });
        await token.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/patient-profile");
        request.Headers.Authorization = new("Bearer", accessToken);
        await (await raw.SendAsync(request)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var staffWithoutCode = await raw.PostAsJsonAsync("/api/v1/auth/tokens", new { email = "frontdesk@demo.telemed.dev", password = Demo.Password });
        (await staffWithoutCode.ProblemCodeAsync()).ShouldBe("auth.invalid_mfa_code");
    }

    [Fact]
    public async Task Given_no_session_Then_every_API_endpoint_but_the_public_ones_answers_401()
    {
        using var client = host.CreateApiClient();
        foreach (var path in new[] { "/api/v1/scheduling/appointments/mine", "/api/v1/me/patient-profile", "/api/v1/doctor/patients", "/api/v1/admin/audit", "/api/v1/admin/outbox" })
        {
            var response = await client.GetAsync(path);
            await response.ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
            (await response.ProblemCodeAsync()).ShouldBe("auth.required");
        }

        await (await client.GetAsync("/api/v1/specialties")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        // The doctor directory is public: visitors browse it before signing in (PublicDoctorsScenarios).
        await (await client.GetAsync("/api/v1/doctors")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }
}

public sealed class AccountScenariosOnSqlite(SqliteHost host) : AccountScenarios(host), IClassFixture<SqliteHost>;

public sealed class AccountScenariosOnPostgres(PostgresHost host) : AccountScenarios(host), IClassFixture<PostgresHost>;
