using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Admin;

/// <summary>Issue 11 (admin part, item 2): the clinic's public pages, edited by an admin in Markdown, shown sanitised to signed-out visitors.</summary>
public abstract class ClinicPageScenarios(TelemedHost host)
{
    private const string Hostile = """
        ## Our services <script>alert('x')</script>

        <img src=x onerror=alert(1)> [Click me](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)" onclick="alert(3)">also</a>
        <iframe src="https://evil.example"></iframe><style>body{display:none}</style>

        | Visit | Price |
        | --- | --- |
        | Video | 1 250 ₽ |

        Mail [us](mailto:desk@clinic.example).
        """;

    private async Task<(ApiClient Admin, Guid ClinicId)> NewClinicAsync()
    {
        var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var created = await admin.PostAsync("/api/v1/admin/clinics", new
        {
            name = $"Page clinic {Guid.NewGuid():N}", address = "Nevsky 1", city = "Saint Petersburg", latitude = 59.93, longitude = 30.33, timeZone = "Europe/Moscow",
            phone = "+7 812 000 00 00", email = "spb@clinic.example", openingHours = "Mon–Fri 09:00–18:00",
        });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (admin, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private static void ShouldBeSafe(string html)
    {
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("javascript:", Case.Insensitive);
        html.ShouldNotContain("onerror", Case.Insensitive);
        html.ShouldNotContain("onclick", Case.Insensitive);
        html.ShouldNotContain("<iframe", Case.Insensitive);
        html.ShouldNotContain("<style", Case.Insensitive);
        html.ShouldNotContain("alert(", Case.Insensitive);
    }

    [Fact]
    public async Task Given_an_admin_saves_markdown_with_script_injection_When_a_signed_out_visitor_reads_the_page_Then_it_is_rendered_without_any_script()
    {
        var (admin, clinicId) = await NewClinicAsync();
        using var _ = admin;
        await (await admin.PutAsync($"/api/v1/admin/clinics/{clinicId}/pages/en", new { services = Hostile, visitTypes = "", faq = "### Can I cancel?\nYes.", contacts = "" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await admin.PutAsync($"/api/v1/admin/clinics/{clinicId}/pages/ru", new { services = "## Услуги\nВидео и чат.", visitTypes = "", faq = "", contacts = "" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        // The admin reads back the Markdown as written (stored, not rendered).
        var sources = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/clinics/{clinicId}/pages");
        sources.EnumerateArray().Select(s => s.GetProperty("language").GetString()).ShouldBe(["en", "ru"]);
        sources[0].GetProperty("services").GetString()!.ShouldContain("<script>");

        using var visitor = host.CreateApiClient();
        var list = await visitor.GetJsonAsync<JsonElement>("/api/v1/public/clinics");
        list.EnumerateArray().ShouldContain(c => c.GetProperty("id").GetGuid() == clinicId);
        var english = await visitor.GetJsonAsync<JsonElement>($"/api/v1/public/clinics/{clinicId}?language=en");
        english.GetProperty("phone").GetString().ShouldBe("+7 812 000 00 00");
        var services = english.GetProperty("services").GetProperty("html").GetString()!;
        ShouldBeSafe(services);
        services.ShouldContain("<h2>Our services");
        services.ShouldContain("<table>");
        services.ShouldContain("href=\"mailto:desk@clinic.example\"");

        // Russian: its own services; the FAQ falls back to English, and says so.
        var russian = await visitor.GetJsonAsync<JsonElement>($"/api/v1/public/clinics/{clinicId}?language=ru");
        russian.GetProperty("services").GetProperty("html").GetString()!.ShouldContain("Услуги");
        russian.GetProperty("services").GetProperty("language").GetString().ShouldBe("ru");
        russian.GetProperty("faq").GetProperty("html").GetString()!.ShouldContain("Can I cancel?");
        russian.GetProperty("faq").GetProperty("language").GetString().ShouldBe("en");
        // Without ?language= the visitor's Accept-Language decides, as for the list of clinics.
        using (var byHeader = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/public/clinics/{clinicId}"))
        {
            byHeader.Headers.AcceptLanguage.ParseAdd("ru-RU,ru;q=0.9,en;q=0.5");
            using var answer = await visitor.Http.SendAsync(byHeader);
            var page = await answer.Content.ReadFromJsonAsync<JsonElement>();
            page.GetProperty("language").GetString().ShouldBe("ru");
            page.GetProperty("services").GetProperty("html").GetString()!.ShouldContain("Услуги");
        }

        // The preview is the same sanitised rendering.
        var preview = await (await admin.PostAsync("/api/v1/admin/clinic-pages/preview", new { markdown = Hostile })).Content.ReadFromJsonAsync<JsonElement>();
        ShouldBeSafe(preview.GetProperty("html").GetString()!);

        // Both saves are in the audit trail, naming the clinic.
        var audit = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=clinic.page_updated&recordType=Clinic&pageSize=100");
        audit.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("recordId").GetString() == clinicId.ToString()).ShouldBe(2);
    }

    [Fact]
    public async Task Given_bad_input_or_a_non_admin_Then_the_page_is_not_saved_and_the_reason_is_named()
    {
        var (admin, clinicId) = await NewClinicAsync();
        using var _ = admin;
        var german = await admin.PutAsync($"/api/v1/admin/clinics/{clinicId}/pages/de", new { services = "x", visitTypes = "", faq = "", contacts = "" });
        german.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await german.ProblemCodeAsync()).ShouldBe("directory.unknown_language");
        var tooLong = await admin.PutAsync($"/api/v1/admin/clinics/{clinicId}/pages/en", new { services = new string('a', 20_001), visitTypes = "", faq = "", contacts = "" });
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PutAsync($"/api/v1/admin/clinics/{Guid.NewGuid()}/pages/en", new { services = "x", visitTypes = "", faq = "", contacts = "" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var desk = await SchedulingApi.SignedInAsync(host, SchedulingApi.FrontDesk);
        (await desk.PutAsync($"/api/v1/admin/clinics/{clinicId}/pages/en", new { services = "x", visitTypes = "", faq = "", contacts = "" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var visitor = host.CreateApiClient();
        (await visitor.GetAsync($"/api/v1/public/clinics/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Given_the_demo_clinic_Then_its_public_page_is_written_in_english_and_russian()
    {
        using var visitor = host.CreateApiClient();
        var moscow = (await visitor.GetJsonAsync<JsonElement>("/api/v1/public/clinics")).EnumerateArray().First(c => c.GetProperty("name").GetString() == "Telemed Clinic Moscow");
        var id = moscow.GetProperty("id").GetGuid();
        var en = await visitor.GetJsonAsync<JsonElement>($"/api/v1/public/clinics/{id}?language=en");
        en.GetProperty("visitTypes").GetProperty("html").GetString()!.ShouldContain("Video consultation");
        var ru = await visitor.GetJsonAsync<JsonElement>($"/api/v1/public/clinics/{id}?language=ru");
        ru.GetProperty("visitTypes").GetProperty("html").GetString()!.ShouldContain("Видеоконсультация");
        ru.GetProperty("faq").GetProperty("language").GetString().ShouldBe("ru");
    }
}

public sealed class ClinicPageScenariosOnSqlite(SqliteHost host) : ClinicPageScenarios(host), IClassFixture<SqliteHost>;

public sealed class ClinicPageScenariosOnPostgres(PostgresHost host) : ClinicPageScenarios(host), IClassFixture<PostgresHost>;
