using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>Admin features (issue 11): send a user a password-reset link, and reset their MFA so the next sign-in enrols again.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminCredentialsJourney(BrowserFixture fixture)
{
    private const string Password = "desk's long password";

    [Fact]
    public async Task The_admin_sends_a_password_reset_link_and_resets_MFA_after_confirming_and_the_user_must_enrol_again()
    {
        var email = $"desk-{Guid.NewGuid():N}@example.test";
        var admin = await fixture.NewPageAsync(width: 375, height: 800);
        await BrowserSignIn.SignInAsync(admin, "admin@demo.telemed.dev", fixture.Host);
        await admin.GotoAsync("/admin/users");
        var invite = admin.GetByRole(AriaRole.Form, new() { Name = "Invite staff" });
        await invite.GetByLabel("E-mail").FillAsync(email);
        await invite.GetByLabel("Display name").FillAsync("Desk Locked Out");
        await invite.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Front desk" });
        await invite.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        // The invitee accepts and enrols MFA.
        var desk = await fixture.NewPageAsync();
        await desk.GotoAsync(new Uri(await ApiClient.LatestLinkAsync(fixture.Host, email, "/accept-invitation?token=")).PathAndQuery);
        await desk.GetByLabel("Password").FillAsync(Password);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Accept and continue" }).ClickAsync();
        await Expect(desk).ToHaveURLAsync(new Regex("/mfa/enrol"));
        var key = (await desk.GetByTestId("mfa-shared-key").InnerTextAsync()).Trim();
        await desk.GetByLabel("Code from your app").FillAsync(await Totp.NextCodeAsync(fixture.Host.ConnectionString, key));
        await desk.GetByRole(AriaRole.Button, new() { Name = "Enable two-factor authentication" }).ClickAsync();
        await Expect(desk.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);

        var filters = admin.GetByRole(AriaRole.Search);
        await filters.GetByLabel("E-mail").FillAsync(email);
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var row = admin.GetByTestId("users-table").GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Expect(row).ToContainTextAsync("Active");

        await row.GetByRole(AriaRole.Button, new() { Name = "Send password reset" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "A password reset link was sent." })).ToBeVisibleAsync();
        (await ApiClient.LatestLinkAsync(fixture.Host, email, "/reset-password")).ShouldContain("/reset-password");

        await row.GetByRole(AriaRole.Button, new() { Name = "Reset MFA" }).ClickAsync();
        var confirm = admin.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("Desk Locked Out");
        await Axe.AssertCleanAsync(admin);
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Reset MFA" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "Two-factor authentication was reset" })).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Reset MFA" })).ToHaveCountAsync(0);

        // The next sign-in asks for a new authenticator.
        var again = await fixture.NewPageAsync();
        await again.GotoAsync("/sign-in");
        await again.GetByLabel("E-mail").FillAsync(email);
        await again.GetByLabel("Password").FillAsync(Password);
        await again.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(again).ToHaveURLAsync(new Regex("/mfa/enrol"));
    }
}
