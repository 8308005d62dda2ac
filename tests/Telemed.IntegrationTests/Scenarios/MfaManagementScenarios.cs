using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>Account page, MFA: status, recovery codes regenerated with the current authenticator code, used once at sign-in, audited.</summary>
public abstract class MfaManagementScenarios(TelemedHost host)
{
    private const string Doctor = "irina.novikova@demo.telemed.dev";

    [Fact]
    public async Task Given_a_staff_member_When_they_regenerate_recovery_codes_with_the_current_code_Then_only_the_new_codes_sign_in_each_once_and_it_is_audited()
    {
        using var doctor = host.CreateApiClient();
        await doctor.SignInAsync(Doctor, Demo.Password, Demo.KeyFor(Doctor));
        var status = await doctor.GetJsonAsync<JsonElement>("/api/v1/auth/mfa");
        status.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        status.GetProperty("required").GetBoolean().ShouldBeTrue();   // staff keep MFA on

        // A wrong code changes nothing.
        var wrong = await doctor.PostAsync("/api/v1/auth/mfa/recovery-codes", new { code = "000000" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain("code");
        (await doctor.PostAsync("/api/v1/auth/mfa/recovery-codes", new { code = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var first = await doctor.PostAsync("/api/v1/auth/mfa/recovery-codes", new { code = await doctor.NextCodeAsync(Demo.KeyFor(Doctor)) });
        await first.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var oldCodes = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        var second = await doctor.PostAsync("/api/v1/auth/mfa/recovery-codes", new { code = await doctor.NextCodeAsync(Demo.KeyFor(Doctor)) });
        await second.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var codes = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        codes.Count.ShouldBe(10);
        codes.ShouldBeUnique();
        codes.ShouldNotContain(oldCodes[0]);
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/auth/mfa")).GetProperty("recoveryCodesLeft").GetInt32().ShouldBe(10);

        // An old code no longer signs in; a new one does, once.
        (await SignInWithRecoveryCodeAsync(oldCodes[0])).ShouldBe(HttpStatusCode.Unauthorized);
        (await SignInWithRecoveryCodeAsync(codes[3])).ShouldBe(HttpStatusCode.OK);
        (await SignInWithRecoveryCodeAsync(codes[3])).ShouldBe(HttpStatusCode.Unauthorized);
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/auth/mfa")).GetProperty("recoveryCodesLeft").GetInt32().ShouldBe(9);

        var userId = (await doctor.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("id").GetString();
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var audit = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?recordType=UserAccount&recordId={userId}&pageSize=100");
        var outcomes = audit.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "auth.recovery_codes_regenerated")
            .Select(e => e.GetProperty("outcome").GetString()!.ToLowerInvariant()).ToList();
        outcomes.Count(o => o == "success").ShouldBe(2);
        outcomes.Count(o => o == "failure").ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Given_a_patient_without_mfa_Then_the_status_says_so_and_codes_cannot_be_made()
    {
        using var patient = host.CreateApiClient();
        await patient.SignInAsync("andrei.semenov@demo.telemed.dev", Demo.Password);
        var status = await patient.GetJsonAsync<JsonElement>("/api/v1/auth/mfa");
        status.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        status.GetProperty("required").GetBoolean().ShouldBeFalse();
        var refused = await patient.PostAsync("/api/v1/auth/mfa/recovery-codes", new { code = "123456" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.ProblemCodeAsync()).ShouldBe("auth.mfa_not_enabled");
        using var anonymous = host.CreateApiClient();
        (await anonymous.GetAsync("/api/v1/auth/mfa")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpStatusCode> SignInWithRecoveryCodeAsync(string recoveryCode)
    {
        using var client = host.CreateApiClient();
        await client.GetAsync("/api/v1/auth/session");
        await (await client.PostAsync("/api/v1/auth/sign-in", new { email = Doctor, password = Demo.Password })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await client.PostAsync("/api/v1/auth/sign-in/mfa", new { recoveryCode })).StatusCode;
    }
}

public sealed class MfaManagementScenariosOnSqlite(SqliteHost host) : MfaManagementScenarios(host), IClassFixture<SqliteHost>;

public sealed class MfaManagementScenariosOnPostgres(PostgresHost host) : MfaManagementScenarios(host), IClassFixture<PostgresHost>;
