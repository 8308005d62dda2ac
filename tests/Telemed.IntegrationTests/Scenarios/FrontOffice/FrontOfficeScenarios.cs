using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.FrontOffice;

/// <summary>Issue 11, front desk: walk-in registration, the clinic–patient thread and review requests for doctors.</summary>
public abstract class FrontOfficeScenarios(TelemedHost host)
{
    private const string FrontDesk = "frontdesk@demo.telemed.dev";
    private const string Cardiologist = "anna.petrova@demo.telemed.dev";
    private const string OtherDoctor = "james.whitfield@demo.telemed.dev";

    private async Task<ApiClient> SignedInAsync(string email, bool staff = true)
    {
        var client = host.CreateApiClient();
        await client.SignInAsync(email, Demo.Password, staff ? Demo.KeyFor(email) : null);
        return client;
    }

    private static object WalkIn(string email, string dateOfBirth = "1979-02-11", string sex = "female") => new
    {
        givenName = "Walkin", familyName = "Patientova", dateOfBirth, sex, email, phone = "+7 913 555 01 02", preferredLanguage = "ru",
    };

    /// <summary>Registers a walk-in patient as the front desk; returns the new patient id and e-mail.</summary>
    private async Task<(Guid PatientId, string Email)> RegisterWalkInAsync(ApiClient desk)
    {
        var email = $"walkin-{Guid.NewGuid():N}@example.test";
        var response = await desk.PostAsync("/api/v1/front-desk/patients", WalkIn(email));
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("patientId").GetGuid(), email);
    }

    [Theory]
    [InlineData("phone", "(((((((((((((((")]
    [InlineData("phone", "- - - - -")]
    [InlineData("email", "a@b")]
    [InlineData("email", "(((@example.org")]
    public async Task Given_a_phone_without_digits_or_an_address_no_mail_reaches_When_the_desk_registers_a_walk_in_Then_it_is_400_on_that_field(string field, string value)
    {
        using var desk = await SignedInAsync(SchedulingApi.FrontDesk);
        var email = field == "email" ? value : $"walkin-{Guid.NewGuid():N}@example.test";
        var body = new
        {
            givenName = "Walkin", familyName = "Patientova", dateOfBirth = "1979-02-11", sex = "female", email,
            phone = field == "phone" ? value : "+7 913 555 01 02", preferredLanguage = "ru",
        };

        var response = await desk.PostAsync("/api/v1/front-desk/patients", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("validation.failed");
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task Given_a_walk_in_patient_When_the_desk_registers_them_Then_they_choose_a_password_from_the_e_mail_and_sign_in()
    {
        using var desk = await SignedInAsync(FrontDesk);
        var (patientId, email) = await RegisterWalkInAsync(desk);

        var details = await desk.GetJsonAsync<JsonElement>($"/api/v1/patients/{patientId}/demographics");
        details.GetProperty("familyName").GetString().ShouldBe("Patientova");
        details.GetProperty("phone").GetString().ShouldBe("+7 913 555 01 02");

        // The same address again is a conflict the desk can act on; nothing new is created.
        var again = await desk.PostAsync("/api/v1/front-desk/patients", WalkIn(email));
        (await again.ProblemCodeAsync()).ShouldBe("front_office.email_registered");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The welcome e-mail (in the patient's language) links to choosing a password; that link also confirms the address.
        var link = await ApiClient.LatestLinkAsync(host, email, "/reset-password?token=");
        var token = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["token"];
        using var patient = host.CreateApiClient();
        await patient.GetAsync("/api/v1/auth/session");
        await (await patient.PostAsync("/api/v1/auth/password/reset", new { token, newPassword = "a long walk-in password" })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await patient.SignInAsync(email, "a long walk-in password");
        var profile = await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile");
        profile.GetProperty("givenName").GetString().ShouldBe("Walkin");
    }

    [Theory]
    [InlineData("2999-01-01", "female", "dateOfBirth")]
    [InlineData("1850-01-01", "female", "dateOfBirth")]
    [InlineData("1980-01-01", "robot", "sex")]
    public async Task Given_an_implausible_walk_in_When_the_desk_registers_it_Then_the_field_is_named_and_nothing_is_created(string dateOfBirth, string sex, string field)
    {
        using var desk = await SignedInAsync(FrontDesk);
        var email = $"bad-{Guid.NewGuid():N}@example.test";
        var response = await desk.PostAsync("/api/v1/front-desk/patients", WalkIn(email, dateOfBirth, sex));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain(n => n.Equals(field, StringComparison.OrdinalIgnoreCase));

        // The address is still free: a corrected registration succeeds.
        await (await desk.PostAsync("/api/v1/front-desk/patients", WalkIn(email))).ShouldHaveStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Given_a_clinic_message_When_the_patient_reads_and_replies_Then_each_side_sees_the_other_and_nobody_else_does()
    {
        using var desk = await SignedInAsync(FrontDesk);
        var (patientId, email) = await RegisterWalkInAsync(desk);
        // The patient chooses a password from the welcome e-mail first (the newest e-mail to them is read below).
        var link = await ApiClient.LatestLinkAsync(host, email, "/reset-password?token=");
        using var patient = host.CreateApiClient();
        await patient.GetAsync("/api/v1/auth/session");
        await (await patient.PostAsync("/api/v1/auth/password/reset", new { token = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["token"], newPassword = "a long walk-in password" }))
            .ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await patient.SignInAsync(email, "a long walk-in password");

        const string text = "Please bring your discharge summary from the hospital on Friday";
        await (await desk.PostAsync($"/api/v1/front-desk/patients/{patientId}/messages", new { body = text })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        // The patient is told by e-mail without the text (the notice goes through the outbox, so wait for it).
        string? notice = null;
        for (var attempt = 0; attempt < 100 && notice is null; attempt++)
        {
            try
            {
                notice = await ApiClient.LatestLinkAsync(host, email, "/patient/clinic-messages");
            }
            catch (ShouldAssertException)
            {
                await Task.Delay(100);
            }
        }

        notice.ShouldNotBeNull();
        using (var outboxReader = host.CreateApiClient())
        {
            await outboxReader.SignInAsAdminAsync();
            var sent = await outboxReader.GetJsonAsync<JsonElement>("/api/v1/admin/outbox?channel=email&pageSize=100");
            var toPatient = sent.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("to").GetString() == email).ToList();
            toPatient.Count.ShouldBe(2);
            toPatient.ShouldAllBe(m => !m.GetProperty("body").GetString()!.Contains("discharge") && !m.GetProperty("subject").GetString()!.Contains("discharge"));
        }

        var thread = await patient.GetJsonAsync<JsonElement>("/api/v1/me/clinic-messages");
        thread.GetProperty("unreadBefore").GetInt32().ShouldBe(1);
        var first = thread.GetProperty("messages").EnumerateArray().Single();
        first.GetProperty("body").GetString().ShouldBe(text);
        first.GetProperty("author").GetString().ShouldBe("clinic");
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/clinic-messages")).GetProperty("unreadBefore").GetInt32().ShouldBe(0);

        await (await patient.PostAsync("/api/v1/me/clinic-messages", new { body = "I will, thank you" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var deskView = await desk.GetJsonAsync<JsonElement>($"/api/v1/front-desk/patients/{patientId}/messages");
        deskView.GetProperty("unreadBefore").GetInt32().ShouldBe(1);
        deskView.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()).ShouldBe([text, "I will, thank you"]);
        deskView.GetProperty("messages")[0].GetProperty("readAt").ValueKind.ShouldBe(JsonValueKind.String);

        // Another patient's own thread does not hold it; a doctor is not the front desk; blank and oversized messages are refused.
        using var other = host.CreateApiClient();
        await other.SignInAsync("elena.popova@demo.telemed.dev", Demo.Password);
        (await other.GetJsonAsync<JsonElement>("/api/v1/me/clinic-messages")).GetProperty("messages").EnumerateArray()
            .ShouldNotContain(m => m.GetProperty("body").GetString() == text);
        using var doctor = await SignedInAsync(Cardiologist);
        (await doctor.GetAsync($"/api/v1/front-desk/patients/{patientId}/messages")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await desk.PostAsync($"/api/v1/front-desk/patients/{patientId}/messages", new { body = "   " })).ProblemCodeAsync()).ShouldNotBeNull();
        (await desk.PostAsync($"/api/v1/front-desk/patients/{patientId}/messages", new { body = new string('x', 4001) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await desk.GetAsync($"/api/v1/front-desk/patients/{Guid.NewGuid()}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Encrypted at rest; every read of the thread is audited.
        (await new RawDatabase(host).EverythingStoredAsync()).ShouldNotContain("discharge summary");
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var audit = await admin.GetAsync($"/api/v1/admin/audit?recordType=ClinicThread&recordId={patientId}&pageSize=100");
        await audit.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var actions = (await audit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        actions.ShouldContain("phi.read");
        actions.ShouldContain("phi.create");
    }

    [Fact]
    public async Task Given_a_review_request_When_the_addressed_doctor_resolves_it_Then_only_that_doctor_sees_and_closes_it_and_may_open_the_record()
    {
        using var desk = await SignedInAsync(FrontDesk);
        var (patientId, _) = await RegisterWalkInAsync(desk);
        using var doctor = await SignedInAsync(Cardiologist);
        using var other = await SignedInAsync(OtherDoctor);
        (await doctor.GetAsync($"/api/v1/patients/{patientId}/demographics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var doctorId = (await doctor.GetJsonAsync<JsonElement>("/api/v1/me/doctor-profile")).GetProperty("id").GetGuid();
        var raised = await desk.PostAsync($"/api/v1/front-desk/patients/{patientId}/review-flags", new { doctorId, reason = "Brought an outside ECG; please review before Friday" });
        await raised.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var flagId = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await desk.PostAsync($"/api/v1/front-desk/patients/{patientId}/review-flags", new { doctorId = Guid.NewGuid(), reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var mine = await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/review-flags");
        var task = mine.EnumerateArray().Single(f => f.GetProperty("id").GetGuid() == flagId);
        task.GetProperty("patientName").GetString().ShouldBe("Walkin Patientova");
        task.GetProperty("status").GetString().ShouldBe("open");
        (await other.GetJsonAsync<JsonElement>("/api/v1/doctor/review-flags")).EnumerateArray().ShouldNotContain(f => f.GetProperty("id").GetGuid() == flagId);
        (await (await other.PostAsync($"/api/v1/doctor/review-flags/{flagId}/resolve", new { note = "not mine" })).ProblemCodeAsync()).ShouldBe("front_office.flag_not_found");

        // The request is a referral: the addressed doctor may open the record, the other still may not.
        await (await doctor.GetAsync($"/api/v1/patients/{patientId}/demographics")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await other.GetAsync($"/api/v1/patients/{patientId}/demographics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await (await doctor.PostAsync($"/api/v1/doctor/review-flags/{flagId}/resolve", new { note = "Reviewed: normal sinus rhythm" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var again = await doctor.PostAsync($"/api/v1/doctor/review-flags/{flagId}/resolve", new { note = "twice" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ProblemCodeAsync()).ShouldBe("front_office.flag_already_resolved");

        var history = await desk.GetJsonAsync<JsonElement>($"/api/v1/front-desk/patients/{patientId}/review-flags");
        var seen = history.EnumerateArray().Single();
        seen.GetProperty("status").GetString().ShouldBe("resolved");
        seen.GetProperty("doctorName").GetString().ShouldBe("Anna Petrova");
        seen.GetProperty("resolutionNote").GetString().ShouldBe("Reviewed: normal sinus rhythm");
        (await new RawDatabase(host).EverythingStoredAsync()).ShouldNotContain("outside ECG");
    }
}

public sealed class FrontOfficeScenariosOnSqlite(SqliteHost host) : FrontOfficeScenarios(host), IClassFixture<SqliteHost>;

public sealed class FrontOfficeScenariosOnPostgres(PostgresHost host) : FrontOfficeScenarios(host), IClassFixture<PostgresHost>;
