using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>Issue 11 (admin part, item 1): the admin's home page shows today's figures, follows changes, narrows to a clinic and links to where the admin acts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminHomeJourney(BrowserFixture fixture)
{
    private static async Task<int> FigureAsync(IPage page, string key) =>
        int.Parse((await page.Locator($"[data-figure='{key}']").InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_admin_home_shows_today_s_counts_that_follow_new_invitations_and_registrations_narrows_to_a_clinic_and_links_to_the_users_page()
    {
        var admin = await fixture.NewPageAsync(width: 375, height: 800);
        await BrowserSignIn.SignInAsync(admin, "admin@demo.telemed.dev", fixture.Host);
        await admin.GotoAsync("/admin");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Today", Level = 1 })).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("figures-visits")).ToBeVisibleAsync();
        var invitations = await FigureAsync(admin, "pendingInvitations");
        var registrations = await FigureAsync(admin, "newRegistrations");
        await Axe.AssertCleanAsync(admin);

        // An invitation goes out and the front desk registers a walk-in patient.
        using (var api = fixture.Host.CreateApiClient())
        {
            await api.SignInAsAdminAsync();
            await (await api.PostAsync("/api/v1/admin/invitations", new { email = $"home-{Guid.NewGuid():N}@example.test", displayName = "Home Figures", role = "FrontDesk" }))
                .ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        using (var desk = fixture.Host.CreateApiClient())
        {
            await desk.SignInAsync("frontdesk@demo.telemed.dev", Demo.Password, Demo.KeyFor("frontdesk@demo.telemed.dev"));
            await (await desk.PostAsync("/api/v1/front-desk/patients", new
            {
                givenName = "Homa", familyName = "Figurova", dateOfBirth = "1985-06-07", sex = "female", email = $"home-walkin-{Guid.NewGuid():N}@example.test",
                phone = "+7 913 555 02 02", preferredLanguage = "en",
            })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        await admin.ReloadAsync();
        await Expect(admin.Locator("[data-figure='pendingInvitations']")).ToHaveTextAsync((invitations + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(admin.Locator("[data-figure='newRegistrations']")).ToHaveTextAsync((registrations + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Counts only: no name appears on the page.
        await Expect(admin.GetByText("Figurova")).ToHaveCountAsync(0);

        // One clinic: its own day and zone, and the figures that belong to no clinic say so.
        await admin.GetByLabel("Clinic").SelectOptionAsync(new SelectOptionValue { Label = "Telemed Clinic Moscow" });
        await Expect(admin.GetByTestId("figures-day")).ToContainTextAsync("Moscow");
        await Expect(admin.GetByText("their figures are for all clinics. Doctors on duty are this clinic's.")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("figures-visits").GetByRole(AriaRole.Link, new() { Name = "Booked" })).ToHaveAttributeAsync("href", new Regex("^/admin/clinics/[0-9a-f-]{36}$"));
        await Axe.AssertCleanAsync(admin);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Pending invitations" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/users$"));

        // In Russian.
        var russian = await fixture.NewPageAsync(width: 375, height: 800);
        await BrowserSignIn.SignInAsync(russian, "admin@demo.telemed.dev", fixture.Host);
        await russian.GotoAsync("/admin");
        await russian.GetByRole(AriaRole.Button, new() { Name = "Русский" }).ClickAsync();
        await Expect(russian.GetByRole(AriaRole.Heading, new() { Name = "Сегодня", Level = 1 })).ToBeVisibleAsync();
        await Expect(russian.GetByRole(AriaRole.Link, new() { Name = "Приглашения без ответа" })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(russian);
    }
}
