using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PortalJourneys(BrowserFixture fixture)
{
    private TelemedHost Host => fixture.Host;

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task A_patient_registers_verifies_by_the_outbox_link_signs_in_and_finds_a_Russian_speaking_cardiologist()
    {
        var email = $"maria-{Guid.NewGuid():N}@example.test";
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/register");
        await page.GetByLabel("Given name").FillAsync("Maria");
        await page.GetByLabel("Family name").FillAsync("Browserova");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("a good long password");
        await page.GetByLabel("Date of birth").FillAsync("1987-04-12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByText(new Regex("check your e-mail|sent", RegexOptions.IgnoreCase)).First).ToBeVisibleAsync();

        var link = await ApiClient.LatestLinkAsync(Host, email, "/verify-email?token=");
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(page.GetByText(new Regex("confirmed|verified", RegexOptions.IgnoreCase)).First).ToBeVisibleAsync();

        await SignInAsync(page, email, "a good long password");
        await Expect(page).ToHaveURLAsync(new Regex("/patient"));
        await page.GotoAsync("/patient/doctors");
        await page.GetByLabel("Specialty").SelectOptionAsync(new SelectOptionValue { Label = "Cardiology" });
        await page.GetByLabel("Language").SelectOptionAsync(new SelectOptionValue { Label = "Russian" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        var cards = page.GetByRole(AriaRole.Article);
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(cards.First.GetByRole(AriaRole.Heading)).ToContainTextAsync("Anna Petrova");
        await cards.First.GetByRole(AriaRole.Link, new() { Name = "Anna Petrova" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anna Petrova" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_admin_invites_a_doctor_who_enrols_MFA_and_signs_in()
    {
        var email = $"dr-{Guid.NewGuid():N}@example.test";
        var admin = await fixture.NewPageAsync();
        await SignInAsync(admin, "admin@demo.telemed.dev", Demo.Password);
        await Expect(admin).ToHaveURLAsync(new Regex("/mfa"));
        await admin.GetByLabel("Authentication code").FillAsync(await Totp.NextCodeAsync(Host.ConnectionString, Demo.KeyFor("admin@demo.telemed.dev")));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin"));
        await admin.GotoAsync("/admin/users");
        var invite = admin.GetByRole(AriaRole.Form, new() { Name = "Invite staff" });
        await invite.GetByLabel("E-mail").FillAsync(email);
        await invite.GetByLabel("Display name").FillAsync("Dr Browser Invite");
        await invite.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Doctor" });
        await invite.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(admin.GetByTestId("users-table")).ToContainTextAsync(email);

        var link = await ApiClient.LatestLinkAsync(Host, email, "/accept-invitation?token=");
        var doctor = await fixture.NewPageAsync();
        await doctor.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(doctor.GetByTestId("invitation-email")).ToContainTextAsync(email);
        await doctor.GetByLabel("Password").FillAsync("doctor's long password");
        await doctor.GetByRole(AriaRole.Button, new() { Name = "Accept and continue" }).ClickAsync();
        await Expect(doctor).ToHaveURLAsync(new Regex("/mfa/enrol"));
        await Expect(doctor.GetByRole(AriaRole.Img, new() { Name = "QR code" })).ToBeVisibleAsync();
        var key = (await doctor.GetByTestId("mfa-shared-key").InnerTextAsync()).Trim();
        await doctor.GetByLabel("Code from your app").FillAsync(await Totp.NextCodeAsync(Host.ConnectionString, key));
        await doctor.GetByRole(AriaRole.Button, new() { Name = "Enable two-factor authentication" }).ClickAsync();
        await Expect(doctor.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await doctor.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(doctor).ToHaveURLAsync(new Regex("/doctor"));

        await doctor.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(doctor).ToHaveURLAsync(new Regex("/sign-in"));
        await SignInAsync(doctor, email, "doctor's long password");
        await Expect(doctor).ToHaveURLAsync(new Regex("/mfa"));
        await doctor.GetByLabel("Authentication code").FillAsync(await Totp.NextCodeAsync(Host.ConnectionString, key));
        await doctor.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(doctor).ToHaveURLAsync(new Regex("/doctor"));
        await Expect(doctor.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
    }
}
