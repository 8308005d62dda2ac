using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>Issue 9, items 1.4, 1.7 and 1.9: search terms in bodies, blank blind indexes, and what admins see of patients.</summary>
public abstract class PatientSearchScenarios(TelemedHost host)
{
    private const string FrontDesk = "frontdesk@demo.telemed.dev";

    private static async Task<JsonElement> SearchAsync(ApiClient desk, string term)
    {
        var response = await desk.PostAsync("/api/v1/front-desk/patients/search", new { term });
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

    /// <summary>Registers a patient with a unique family name and no phone; returns the profile id once the directory has it.</summary>
    private async Task<(Guid Id, string Email, string FamilyName)> RegisterPatientWithoutPhoneAsync(ApiClient desk)
    {
        var familyName = "Nophone" + new string(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + c % 26)).ToArray());
        var email = $"blank-{Guid.NewGuid():N}@example.test";
        using var patient = host.CreateApiClient();
        await patient.GetAsync("/api/v1/auth/session");
        (await patient.PostAsync("/api/v1/auth/register", new
        {
            email, password = "correct horse battery", givenName = "Vera", familyName, dateOfBirth = "1990-05-17", preferredLanguage = "en",
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // The profile is created from the PatientRegistered integration event, delivered by the outbox dispatcher.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var found = Ids(await SearchAsync(desk, familyName));
            if (found.Count == 1)
            {
                return (found[0], email, familyName);
            }

            await Task.Delay(100);
        }

        throw new ShouldAssertException("The patient profile was never created.");
    }

    [Fact]
    public async Task Given_a_self_registered_patient_without_a_phone_When_the_desk_searches_nonsense_or_another_phone_Then_they_are_not_returned()
    {
        using var desk = host.CreateApiClient();
        await desk.SignInAsync(FrontDesk, Demo.Password, Demo.KeyFor(FrontDesk));
        var (id, email, familyName) = await RegisterPatientWithoutPhoneAsync(desk);

        foreach (var term in new[] { "zzzz-no-such-patient", "qwerty", "+7 999 000 00 00", "+44 7700 900101", "12", "---", "()", "@", "x@", "!!!" })
        {
            Ids(await SearchAsync(desk, term)).ShouldNotContain(id, customMessage: $"a patient with no phone matched '{term}'");
        }

        // A real phone finds its own patient only.
        var ivan = Ids(await SearchAsync(desk, "+7 916 555 01 01"));
        ivan.Count.ShouldBe(1);
        ivan.ShouldNotContain(id);
        // The patient is still found by what they do have.
        Ids(await SearchAsync(desk, familyName.ToUpperInvariant())).ShouldBe([id]);
        Ids(await SearchAsync(desk, $"  {email.ToUpperInvariant()} ")).ShouldBe([id]);
    }

    [Fact]
    public async Task Given_a_search_term_Then_it_travels_in_the_body_and_the_old_query_string_search_is_gone()
    {
        using var desk = host.CreateApiClient();
        await desk.SignInAsync(FrontDesk, Demo.Password, Demo.KeyFor(FrontDesk));

        Ids(await SearchAsync(desk, "Kuznetsov")).Count.ShouldBe(1);
        (await desk.GetAsync("/api/v1/front-desk/patients?search=Kuznetsov")).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        var tooLong = await desk.PostAsync("/api/v1/front-desk/patients/search", new { term = new string('a', 201) });
        await tooLong.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await tooLong.ProblemCodeAsync()).ShouldNotBeNullOrEmpty();

        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        (await admin.GetAsync("/api/v1/admin/users?search=ivan.kuznetsov%40demo.telemed.dev")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await admin.PostAsync("/api/v1/front-desk/patients/search", new { term = "Kuznetsov" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await desk.PostAsync("/api/v1/admin/users/search", new { email = "ivan.kuznetsov@demo.telemed.dev" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var unknownRole = await admin.PostAsync("/api/v1/admin/users/search", new { role = "Wizard" });
        await unknownRole.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Given_an_admin_listing_users_Then_patient_rows_carry_no_name_and_no_e_mail_while_staff_rows_do()
    {
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();

        var patients = await (await admin.PostAsync("/api/v1/admin/users/search", new { role = "Patient", pageSize = 100 })).Content.ReadFromJsonAsync<JsonElement>();
        var rows = patients.GetProperty("items").EnumerateArray().ToList();
        rows.Count.ShouldBeGreaterThan(10);
        var json = patients.GetRawText();
        foreach (var seeded in new[] { "Kuznetsov", "Ivan", "Popova", "ivan.kuznetsov", "elena.popova", "Turner" })
        {
            json.ShouldNotContain(seeded, Case.Insensitive, customMessage: $"the admin's user list shows patient data '{seeded}'");
        }

        rows.ShouldAllBe(r => r.GetProperty("displayName").ValueKind == JsonValueKind.Null && r.GetProperty("email").ValueKind == JsonValueKind.Null);
        rows.ShouldAllBe(r => r.GetProperty("status").GetString()!.Length > 0);

        // Searching by the exact address: the admin already knows it, so it is echoed; the name still is not.
        var byEmail = await (await admin.PostAsync("/api/v1/admin/users/search", new { email = "IVAN.KUZNETSOV@demo.telemed.dev" })).Content.ReadFromJsonAsync<JsonElement>();
        var ivan = byEmail.GetProperty("items").EnumerateArray().Single();
        ivan.GetProperty("email").GetString().ShouldBe("ivan.kuznetsov@demo.telemed.dev");
        ivan.GetProperty("displayName").ValueKind.ShouldBe(JsonValueKind.Null);

        var staff = await (await admin.PostAsync("/api/v1/admin/users/search", new { role = "Doctor", pageSize = 100 })).Content.ReadFromJsonAsync<JsonElement>();
        staff.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("displayName").GetString()).ShouldContain("Anna Petrova");
    }
}

public sealed class PatientSearchScenariosOnSqlite(SqliteHost host) : PatientSearchScenarios(host), IClassFixture<SqliteHost>;

public sealed class PatientSearchScenariosOnPostgres(PostgresHost host) : PatientSearchScenarios(host), IClassFixture<PostgresHost>;
