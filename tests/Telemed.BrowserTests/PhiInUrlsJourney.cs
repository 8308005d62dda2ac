using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 9, item 1.4: no PHI in any URL. The front desk searches by name, e-mail and phone and the
/// admin searches users by a patient's e-mail; every URL requested by this and every other journey
/// (<see cref="UrlPhiGuard"/> watches each browser context) is free of the seeded patients' names,
/// e-mails and phones. Journeys that run after this one are checked when the browser fixture ends.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhiInUrlsJourney(BrowserFixture fixture)
{
    private const string FrontDesk = "frontdesk@demo.telemed.dev";
    private const string Admin = "admin@demo.telemed.dev";

    [Fact]
    public async Task The_desk_and_admin_searches_and_every_journey_request_no_URL_that_names_a_seeded_patient()
    {
        UrlPhiGuard.SeededPatientValues.ShouldContain("Kuznetsov");
        UrlPhiGuard.SeededPatientValues.ShouldContain("ivan.kuznetsov@demo.telemed.dev");

        var desk = await fixture.NewPageAsync();
        await BrowserSignIn.SignInAsync(desk, FrontDesk, fixture.Host);
        await desk.GotoAsync("/front-desk");
        var results = desk.GetByTestId("front-desk-results");
        foreach (var (term, expected) in new[] { ("Kuznetsov", "Ivan Kuznetsov"), ("elena.popova@demo.telemed.dev", "Elena Popova"), ("+44 7700 900101", "Oliver Grant") })
        {
            await desk.GetByLabel("Search patients").FillAsync(term);
            await desk.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            await Expect(results).ToContainTextAsync(expected);
            await Expect(desk).ToHaveURLAsync(new Regex("/front-desk$"));
        }

        await results.GetByRole(AriaRole.Link, new() { Name = "Oliver Grant", Exact = true }).ClickAsync();
        await Expect(desk).ToHaveURLAsync(new Regex("/front-desk/patients/[0-9a-f-]{36}$"));
        await Expect(desk.GetByText("Grant").First).ToBeVisibleAsync();

        var admin = await fixture.NewPageAsync();
        await BrowserSignIn.SignInAsync(admin, Admin, fixture.Host);
        await admin.GotoAsync("/admin/users");
        var filters = admin.GetByRole(AriaRole.Search);
        await filters.GetByLabel("E-mail").FillAsync("ivan.kuznetsov@demo.telemed.dev");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var table = admin.GetByTestId("users-table");
        await Expect(table).ToContainTextAsync("ivan.kuznetsov@demo.telemed.dev");
        await Expect(table).ToContainTextAsync("Patient account");
        await Expect(table).Not.ToContainTextAsync("Kuznetsov ");
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/users$"));

        var urls = UrlPhiGuard.Urls.ToList();
        urls.ShouldContain(u => u.EndsWith("/api/v1/front-desk/patients/search", StringComparison.Ordinal));
        urls.ShouldContain(u => u.EndsWith("/api/v1/admin/users/search", StringComparison.Ordinal));
        UrlPhiGuard.Violations.ShouldBeEmpty($"URLs naming a seeded patient ({urls.Count} checked)");
    }

    [Fact]
    public void The_guard_catches_a_name_an_e_mail_and_a_phone_raw_or_encoded()
    {
        foreach (var url in new[]
        {
            "http://127.0.0.1/api/v1/front-desk/patients?search=Kuznetsov",
            "http://127.0.0.1/front-desk?search=ivan.kuznetsov%40demo.telemed.dev",
            "http://127.0.0.1/api/v1/admin/users?search=%2B44%207700%20900101",
            "http://127.0.0.1/x?q=%2B44+7700+900101",
        })
        {
            UrlPhiGuard.Matches(url).ShouldBeTrue(url);
        }

        UrlPhiGuard.Matches("http://127.0.0.1/patient/doctors?name=Maria+Ivanova").ShouldBeFalse();
    }
}
