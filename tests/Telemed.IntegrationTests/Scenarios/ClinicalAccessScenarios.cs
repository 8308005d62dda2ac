using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

public abstract class ClinicalAccessScenarios(TelemedHost host)
{
    private const string FrontDesk = "frontdesk@demo.telemed.dev";
    private const string Cardiologist = "anna.petrova@demo.telemed.dev";
    private const string Dermatologist = "olga.smirnova@demo.telemed.dev";

    private async Task<ApiClient> SignedInAsync(string email)
    {
        var client = host.CreateApiClient();
        await client.SignInAsync(email, Demo.Password, email.Contains("demo.telemed.dev", StringComparison.Ordinal) && !IsPatient(email) ? Demo.KeyFor(email) : null);
        return client;
    }

    private static bool IsPatient(string email) => !email.StartsWith("admin", StringComparison.Ordinal) && !email.StartsWith("frontdesk", StringComparison.Ordinal)
        && !email.StartsWith("pharmacist", StringComparison.Ordinal) && !new[] { Cardiologist, Dermatologist, "sergey.volkov@demo.telemed.dev" }.Contains(email);

    /// <summary>Ivan Kuznetsov: in the demo he is a patient of the cardiologist and the GP, not of the dermatologist.</summary>
    private async Task<Guid> IvanAsync()
    {
        using var desk = await SignedInAsync(FrontDesk);
        var found = await (await desk.PostAsync("/api/v1/front-desk/patients/search", new { term = "Kuznetsov" })).Content.ReadFromJsonAsync<JsonElement>();
        return found.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Given_front_desk_Then_no_endpoint_gives_them_a_patients_allergies()
    {
        var ivan = await IvanAsync();
        using var desk = await SignedInAsync(FrontDesk);

        var demographics = await desk.GetAsync($"/api/v1/patients/{ivan}/demographics");
        await demographics.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var body = await demographics.Content.ReadAsStringAsync();
        body.ShouldContain("Kuznetsov");
        body.ShouldNotContain("Penicillin");

        foreach (var path in new[] { $"/api/v1/patients/{ivan}/clinical", "/api/v1/me/patient-profile", "/api/v1/doctor/patients", "/api/v1/admin/audit" })
        {
            var response = await desk.GetAsync(path);
            response.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("Penicillin");
        }

        (await desk.PostAsync($"/api/v1/patients/{ivan}/break-glass", new { reason = "I am curious about this one" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Given_an_admin_Then_they_manage_users_but_cannot_read_clinical_data()
    {
        var ivan = await IvanAsync();
        using var admin = await SignedInAsync("admin@demo.telemed.dev");
        (await admin.GetAsync($"/api/v1/patients/{ivan}/clinical")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.GetAsync($"/api/v1/patients/{ivan}/demographics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await (await admin.PostAsync("/api/v1/admin/users/search", new { })).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_the_treating_cardiologist_Then_she_reads_the_allergies_and_the_read_is_audited()
    {
        var ivan = await IvanAsync();
        using var doctor = await SignedInAsync(Cardiologist);
        var clinical = await doctor.GetJsonAsync<JsonElement>($"/api/v1/patients/{ivan}/clinical");
        clinical.GetProperty("allergies").EnumerateArray().Select(a => a.GetString()).ShouldBe(["Penicillin"]);

        using var admin = await SignedInAsync("admin@demo.telemed.dev");
        var audit = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=phi.read&recordType=PatientClinicalSummary&recordId={ivan}");
        var entry = audit.GetProperty("items").EnumerateArray().First();
        entry.GetProperty("breakGlass").GetBoolean().ShouldBeFalse();
        entry.GetProperty("outcome").GetString().ShouldBe("success");
        entry.GetProperty("actorDisplay").GetString().ShouldBe("Doctor");
        entry.GetProperty("ipAddress").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Given_a_doctor_without_a_care_relationship_When_she_breaks_the_glass_Then_she_reads_the_data_and_the_trail_flags_it()
    {
        var ivan = await IvanAsync();
        using var doctor = await SignedInAsync(Dermatologist);

        var denied = await doctor.GetAsync($"/api/v1/patients/{ivan}/clinical");
        await denied.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (await denied.Content.ReadAsStringAsync()).ShouldNotContain("Penicillin");
        (await doctor.GetAsync($"/api/v1/patients/{Guid.NewGuid()}/clinical")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "an unknown patient looks the same as a forbidden one");

        var tooShort = await doctor.PostAsync($"/api/v1/patients/{ivan}/break-glass", new { reason = "urgent" });
        (await tooShort.ProblemCodeAsync()).ShouldBe("validation.failed");

        const string reason = "Patient unconscious in the emergency room, allergy status needed";
        var granted = await doctor.PostAsync($"/api/v1/patients/{ivan}/break-glass", new { reason });
        await granted.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var clinical = await doctor.GetJsonAsync<JsonElement>($"/api/v1/patients/{ivan}/clinical");
        clinical.GetProperty("allergies").EnumerateArray().Select(a => a.GetString()).ShouldContain("Penicillin");

        using var admin = await SignedInAsync("admin@demo.telemed.dev");
        var flagged = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?breakGlass=true&recordId={ivan}");
        var entries = flagged.GetProperty("items").EnumerateArray().ToList();
        entries.ShouldContain(e => e.GetProperty("action").GetString() == "phi.read" && e.GetProperty("reason").GetString() == reason);
        entries.ShouldContain(e => e.GetProperty("action").GetString() == "access.break_glass");
        var denials = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=access.denied&recordId={ivan}");
        denials.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);

        var mine = await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/patients");
        mine.EnumerateArray().ShouldContain(p => p.GetProperty("id").GetGuid() == ivan && p.GetProperty("relationship").GetString() == "break-glass");
    }

    [Fact]
    public async Task Given_a_suspended_doctor_profile_Then_it_leaves_the_search_and_can_be_reactivated()
    {
        using var admin = await SignedInAsync("admin@demo.telemed.dev");
        var list = await admin.GetJsonAsync<JsonElement>("/api/v1/admin/doctors?status=active&pageSize=100");
        var natalia = list.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("displayName").GetString() == "Natalia Lebedeva").GetProperty("id").GetGuid();

        await (await admin.PostAsync($"/api/v1/admin/doctors/{natalia}/status", new { status = "suspended" })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        using var patient = await SignedInAsync("yulia.mikhailova@demo.telemed.dev");
        var search = await patient.GetJsonAsync<JsonElement>("/api/v1/doctors?specialty=neurology");
        search.GetProperty("items").EnumerateArray().ShouldNotContain(d => d.GetProperty("id").GetGuid() == natalia);
        (await patient.GetAsync($"/api/v1/doctors/{natalia}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var back = await admin.PostAsync($"/api/v1/admin/doctors/{natalia}/status", new { status = "pendingVerification" });
        (await back.ProblemCodeAsync()).ShouldBe("validation.failed");
        await (await admin.PostAsync($"/api/v1/admin/doctors/{natalia}/status", new { status = "active" })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Given_search_filters_Then_only_matching_active_doctors_come_back()
    {
        using var patient = await SignedInAsync("alina.sharova@demo.telemed.dev");
        var cheapRussian = await patient.GetJsonAsync<JsonElement>("/api/v1/doctors?language=ru&maxPrice=260000");
        cheapRussian.GetProperty("items").EnumerateArray().ShouldAllBe(d => d.GetProperty("hourlyRate").GetProperty("amountMinor").GetInt64() <= 260000);
        cheapRussian.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("displayName").GetString()).ShouldBe(["Ekaterina Morozova", "Sergey Volkov"], ignoreOrder: true);

        var byName = await patient.GetJsonAsync<JsonElement>("/api/v1/doctors?name=petro");
        byName.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("displayName").GetString()).ShouldBe(["Anna Petrova"]);

        var invalid = await patient.GetAsync("/api/v1/doctors?specialty=astrology&minPrice=5&maxPrice=1");
        await invalid.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
    }
}

public sealed class ClinicalAccessScenariosOnSqlite(SqliteHost host) : ClinicalAccessScenarios(host), IClassFixture<SqliteHost>;

public sealed class ClinicalAccessScenariosOnPostgres(PostgresHost host) : ClinicalAccessScenarios(host), IClassFixture<PostgresHost>;
