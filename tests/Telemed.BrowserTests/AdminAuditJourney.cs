using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 11, item 8: the audit viewer names who acted (name and role), what record (a readable type and a link the
/// admin may follow), readable actions in English and Russian, and filters by choice lists and dates. On a phone a refusal's record id
/// and route template wrap inside the entry's card instead of leaving the table wider than the screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminAuditJourney(BrowserFixture fixture)
{
    private const string Admin = "admin@demo.telemed.dev";

    [Fact]
    public async Task The_admin_reads_who_did_what_to_which_record_filters_by_choices_and_dates_and_follows_the_record_link_in_en_and_ru()
    {
        var name = $"Dr Audited {Guid.NewGuid().ToString("N")[..8]}";
        var admin = await fixture.NewPageAsync(width: 375, height: 800);
        await BrowserSignIn.SignInAsync(admin, Admin, fixture.Host);
        var row = await AdminDoctorsJourney.InviteDoctorAsync(admin, name);
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        var licence = admin.GetByRole(AriaRole.Form, new() { Name = "Licence" });
        await licence.GetByLabel("Licence number").FillAsync("LO-54-01-000999");
        await licence.GetByLabel("Issued by").FillAsync("Novosibirsk Health Ministry");
        await licence.GetByLabel("Valid until").FillAsync("2030-01-31");
        await licence.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Verify licence" })).ToBeVisibleAsync();

        await admin.GotoAsync("/admin/audit");
        var filters = admin.GetByRole(AriaRole.Search);
        await filters.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "Licence record changed" });
        await filters.GetByLabel("Record type").SelectOptionAsync(new SelectOptionValue { Label = "Doctor profile" });
        await filters.GetByLabel("Actor's role").SelectOptionAsync(new SelectOptionValue { Label = "Administrator" });
        var today = DateTime.Now.ToString("yyyy-MM-dd");
        await filters.GetByLabel("From", new() { Exact = true }).FillAsync(today);
        await filters.GetByLabel("To", new() { Exact = true }).FillAsync(today);
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        var table = admin.GetByTestId("audit-table");
        var first = table.Locator("tbody tr").First;
        await Expect(first).ToContainTextAsync("Alexandra Admin");
        await Expect(first).ToContainTextAsync("Administrator");
        await Expect(first).ToContainTextAsync("Licence record changed");
        await Expect(first).ToContainTextAsync("Doctor profile");
        await Expect(table.Locator("tbody tr")).Not.ToContainTextAsync(["Signed in"]);
        await Expect(table).Not.ToContainTextAsync("doctor.licence_updated");
        await Axe.AssertCleanAsync(admin);

        // A day with no entries: nothing matches.
        await filters.GetByLabel("From", new() { Exact = true }).FillAsync("2001-01-01");
        await filters.GetByLabel("To", new() { Exact = true }).FillAsync("2001-01-02");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(admin.GetByText("No audit entries match.")).ToBeVisibleAsync();
        await filters.GetByLabel("From", new() { Exact = true }).FillAsync(today);
        await filters.GetByLabel("To", new() { Exact = true }).FillAsync(today);
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        // The record link leads to the doctor's admin page.
        await first.GetByRole(AriaRole.Link, new() { Name = "Doctor profile" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();

        // Sign-ins are listed by name too.
        await admin.GotoAsync("/admin/audit");
        await filters.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "Signed in" });
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(table.Locator("tbody tr").First).ToContainTextAsync("Alexandra Admin");

        // In Russian, actions, record types, roles and the choice lists are Russian.
        await admin.EvaluateAsync("() => localStorage.setItem('telemed.language', 'ru')");
        await admin.GotoAsync("/admin/audit");
        var ruFilters = admin.GetByRole(AriaRole.Search);
        await ruFilters.GetByLabel("Действие").SelectOptionAsync(new SelectOptionValue { Label = "Изменены данные лицензии" });
        await ruFilters.GetByRole(AriaRole.Button, new() { Name = "Применить" }).ClickAsync();
        var ruFirst = admin.GetByTestId("audit-table").Locator("tbody tr").First;
        await Expect(ruFirst).ToContainTextAsync("Изменены данные лицензии");
        await Expect(ruFirst).ToContainTextAsync("Профиль врача");
        await Expect(ruFirst).ToContainTextAsync("Администратор");
        await Expect(ruFirst).ToContainTextAsync(new Regex("Alexandra Admin"));
        await Axe.AssertCleanAsync(admin);
    }

    [Fact]
    public async Task On_a_phone_a_refusals_record_id_and_route_wrap_inside_its_card_and_the_record_type_filter_finds_it()
    {
        var host = fixture.Host;
        var record = Guid.NewGuid();
        using (var patient = await host.SignedInAsync(await TestPatients.NewAsync(host, "AuditPhone")))
        {
            (await patient.GetAsync($"/api/v1/admin/clinics/{record}/pages")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var admin = await fixture.NewPageAsync(width: 375, height: 800);
        await BrowserSignIn.SignInAsync(admin, Admin, host);
        await admin.GotoAsync("/admin/audit");
        var filters = admin.GetByRole(AriaRole.Search);
        await filters.GetByLabel("Record type").SelectOptionAsync(new SelectOptionValue { Label = "Record asked for by id" });
        await filters.GetByLabel("Outcome").SelectOptionAsync(new SelectOptionValue { Label = "Denied" });
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        var table = admin.GetByTestId("audit-table");
        var entry = table.Locator("tbody tr").Filter(new() { HasText = record.ToString() });
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry).ToContainTextAsync($"Record asked for by id: {record}");
        // The refusal's reason is worded from its code, the role by its name in the app, the route as the server wrote it.
        await Expect(entry).ToContainTextAsync("Not in a role allowed here — Administrator required (GET /api/v1/admin/clinics/{id:guid}/pages)");
        await Expect(table.Locator("tbody tr")).Not.ToContainTextAsync(["API endpoint"]);

        // Every entry is a card as wide as the screen: nothing scrolls sideways, not even inside the table's frame, and the id is on screen.
        (await admin.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the page has no sideways scrolling");
        (await admin.Locator(".table-wrap").EvaluateAsync<bool>("w => w.scrollWidth <= w.clientWidth")).ShouldBeTrue("the audit table fits its frame");
        var id = await entry.Locator("code").BoundingBoxAsync();
        id.ShouldNotBeNull();
        (id.X + id.Width).ShouldBeLessThanOrEqualTo(375);
        await Axe.AssertCleanAsync(admin);

        // A Russian-speaking administrator reads the same refusal in Russian (the trail itself keeps the English), and the
        // longer words still fit the card.
        await admin.EvaluateAsync("() => localStorage.setItem('telemed.language', 'ru')");
        await admin.GotoAsync("/admin/audit");
        var ruFilters = admin.GetByRole(AriaRole.Search);
        await ruFilters.GetByLabel("Тип записи").SelectOptionAsync(new SelectOptionValue { Value = "RequestedRecord" });
        await ruFilters.GetByRole(AriaRole.Button, new() { Name = "Применить" }).ClickAsync();
        var ruEntry = admin.GetByTestId("audit-table").Locator("tbody tr").Filter(new() { HasText = record.ToString() });
        await Expect(ruEntry).ToContainTextAsync("Нет роли, которой это разрешено — нужна роль: Администратор (GET /api/v1/admin/clinics/{id:guid}/pages)");
        (await admin.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the Russian page has no sideways scrolling");
    }
}
