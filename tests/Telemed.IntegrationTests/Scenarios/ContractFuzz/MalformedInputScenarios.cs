using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.ContractFuzz;

/// <summary>The inputs that once answered 500 or were accepted although absurd, each with the answer it now gets.</summary>
public sealed class MalformedInputScenarios(SqliteHost host) : IClassFixture<SqliteHost>
{
    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        await response.ShouldHaveStatusAsync(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ProblemCodeAsync()).ShouldBe(code);
    }

    private static Task<HttpResponseMessage> SendRawAsync(ApiClient client, HttpMethod method, string url, string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return client.Http.SendAsync(new HttpRequestMessage(method, url) { Content = content });
    }

    [Fact]
    public async Task Given_empty_or_null_members_Then_break_glass_profiles_availability_policy_invitations_MFA_and_roles_answer_400()
    {
        using var doctor = await host.SignedInAsync("james.whitfield@demo.telemed.dev");
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        using var patient = await host.SignedInAsync("oliver.grant@demo.telemed.dev");
        using var anonymous = host.CreateApiClient();
        await anonymous.GetAsync("/api/v1/auth/session");
        var doctorId = await ConsultationsApi.DoctorIdAsync(doctor);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var clinicId = (await admin.GetJsonAsync<JsonElement>("/api/v1/clinics")).EnumerateArray().First().GetProperty("id").GetGuid();
        var profileBefore = await doctor.GetJsonAsync<JsonElement>("/api/v1/me/doctor-profile");
        var policyBefore = await admin.GetJsonAsync<JsonElement>($"/api/v1/scheduling/clinics/{clinicId}/policy");

        foreach (var body in new object[] { new { }, new { reason = (string?)null } })
        {
            await ShouldBeProblemAsync(await doctor.PostAsync($"/api/v1/patients/{patientId}/break-glass", body), HttpStatusCode.BadRequest, "validation.failed");
        }

        // A number left out (yearsOfExperience, a policy's hours) is never read as 0: the body is refused before validation.
        await ShouldBeProblemAsync(await doctor.PutAsync("/api/v1/me/doctor-profile", new { }), HttpStatusCode.BadRequest, "request.invalid");
        await ShouldBeProblemAsync(await doctor.PutAsync("/api/v1/me/doctor-profile", new { bio = "x", languages = new[] { "en" }, education = new object?[] { null }, hourlyRate = (object?)null, yearsOfExperience = 3 }),
            HttpStatusCode.BadRequest, "validation.failed");
        await ShouldBeProblemAsync(await doctor.PutAsync($"/api/v1/scheduling/doctors/{doctorId}/availability", new { }), HttpStatusCode.BadRequest, "validation.failed");
        await ShouldBeProblemAsync(await doctor.PutAsync($"/api/v1/scheduling/doctors/{doctorId}/availability", new { weeklyHours = new object?[] { null }, appointmentTypes = new object?[] { null } }),
            HttpStatusCode.BadRequest, "validation.failed");
        await ShouldBeProblemAsync(await admin.PutAsync($"/api/v1/scheduling/clinics/{clinicId}/policy", new { }), HttpStatusCode.BadRequest, "request.invalid");
        await ShouldBeProblemAsync(await anonymous.PostAsync("/api/v1/auth/invitations/inspect", new { }), HttpStatusCode.BadRequest, "validation.failed");
        await ShouldBeProblemAsync(await patient.PostAsync("/api/v1/auth/mfa/enrolment", new { }), HttpStatusCode.BadRequest, "validation.failed");
        await ShouldBeProblemAsync(await patient.PostAsync("/api/v1/auth/mfa/enrolment", new { code = (string?)null }), HttpStatusCode.BadRequest, "validation.failed");
        await ShouldBeProblemAsync(await SendRawAsync(patient, HttpMethod.Post, "/api/v1/auth/mfa/enrolment", "null", "application/json"), HttpStatusCode.BadRequest, "request.invalid");
        await ShouldBeProblemAsync(await SendRawAsync(patient, HttpMethod.Post, "/api/v1/auth/mfa/enrolment", "{\"code\": ", "application/json"), HttpStatusCode.BadRequest, "request.invalid");
        await ShouldBeProblemAsync(await SendRawAsync(patient, HttpMethod.Post, "/api/v1/auth/mfa/enrolment", "{\"code\":\"1\"}", "application/json; charset=klingon"),
            HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

        // A role update naming one role 100,000 times: refused, and the doctor keeps the session (a real change would end it) and the role.
        var doctorUserId = (await doctor.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("id").GetGuid();
        await ShouldBeProblemAsync(await admin.PutAsync($"/api/v1/admin/users/{doctorUserId}/roles", new { roles = Enumerable.Repeat("Doctor", 100_000) }),
            HttpStatusCode.BadRequest, "validation.failed");
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Doctor"]);

        (await doctor.GetJsonAsync<JsonElement>("/api/v1/me/doctor-profile")).GetRawText().ShouldBe(profileBefore.GetRawText());
        (await admin.GetJsonAsync<JsonElement>($"/api/v1/scheduling/clinics/{clinicId}/policy")).GetRawText().ShouldBe(policyBefore.GetRawText());
    }

    [Fact]
    public async Task Given_a_multipart_upload_without_its_boundary_or_with_another_one_Then_it_answers_400_and_stores_nothing()
    {
        using var patient = await host.SignedInAsync("sophie.turner@demo.telemed.dev");
        const string Body = "--BBB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\u0089PNG\r\n--BBB--\r\n";
        foreach (var contentType in new[] { "multipart/form-data", "multipart/form-data; boundary=AAA" })
        {
            await ShouldBeProblemAsync(await SendRawAsync(patient, HttpMethod.Post, "/api/v1/consultations/attachments", Body, contentType), HttpStatusCode.BadRequest,
                "request.malformed_form");
        }

        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        (await RawDatabase.RowsAsync(connection, $"SELECT \"Id\" FROM {raw.Table("consultations", "attachments")}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_absurd_but_well_formed_values_Then_waitlist_entries_availability_exceptions_and_forgot_password_refuse_them()
    {
        using var patient = await host.SignedInAsync("tatiana.golubeva@demo.telemed.dev");
        using var doctor = await host.SignedInAsync("sergey.volkov@demo.telemed.dev");
        using var anonymous = host.CreateApiClient();
        await anonymous.GetAsync("/api/v1/auth/session");
        var doctorId = await ConsultationsApi.DoctorIdAsync(doctor);
        var clinicId = (await doctor.GetJsonAsync<JsonElement>($"/api/v1/scheduling/doctors/{doctorId}/availability")).GetProperty("clinics")[0].GetProperty("id").GetGuid();

        foreach (var (from, to) in new[] { ("0001-01-01", "0001-01-02"), ("9999-12-01", "9999-12-31") })
        {
            await ShouldBeProblemAsync(await patient.PostAsync("/api/v1/scheduling/waitlist", new { doctorId, kind = "video", from, to }), HttpStatusCode.BadRequest, "validation.failed");
            await ShouldBeProblemAsync(await doctor.PostAsync($"/api/v1/scheduling/doctors/{doctorId}/availability/exceptions", new { clinicId, date = from, kind = "dayOff" }),
                HttpStatusCode.BadRequest, "validation.failed");
        }

        (await patient.GetJsonAsync<JsonElement>("/api/v1/scheduling/waitlist/mine")).GetArrayLength().ShouldBe(0);
        (await doctor.GetJsonAsync<JsonElement>($"/api/v1/scheduling/doctors/{doctorId}/availability")).GetProperty("exceptions").GetArrayLength().ShouldBe(0);

        await ShouldBeProblemAsync(await anonymous.PostAsync("/api/v1/auth/password/forgot", new { }), HttpStatusCode.BadRequest, "validation.failed");

    }
    [Fact]
    public async Task Given_a_real_path_asked_with_a_method_or_body_type_it_does_not_take_Then_405_or_415_and_only_an_unknown_path_is_404()
    {
        using var patient = await host.SignedInAsync("oliver.grant@demo.telemed.dev");
        using var anonymous = host.CreateApiClient();
        await anonymous.GetAsync("/api/v1/auth/session");

        // The body is right but not labelled JSON: before, the API's fallback route answered "There is no such API endpoint".
        foreach (var contentType in new[] { "text/plain", "application/x-www-form-urlencoded", "application/xml" })
        {
            await ShouldBeProblemAsync(await SendRawAsync(patient, HttpMethod.Post, "/api/v1/auth/mfa/enrolment", "{\"code\":\"123456\"}", contentType),
                HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        }

        var wrongMethod = await SendRawAsync(anonymous, HttpMethod.Put, "/api/v1/auth/password/forgot", "{\"email\":\"a@b.c\"}", "application/json");
        await ShouldBeProblemAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        wrongMethod.Content.Headers.Allow.ShouldBe(["POST"]);

        await ShouldBeProblemAsync(await patient.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound, "not_found");
        await ShouldBeProblemAsync(await SendRawAsync(patient, HttpMethod.Post, "/api/v1/no-such-thing", "{}", "text/plain"), HttpStatusCode.NotFound, "not_found");
        // A malformed id on a real path is still "no such thing", not a method or body type problem.
        await ShouldBeProblemAsync(await patient.GetAsync("/api/v1/consultations/not-a-guid"), HttpStatusCode.NotFound, "not_found");
    }
}
