using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>Admin features (issue 11): resend an invitation (the old link stops working) and revoke one after confirming.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminInvitationsJourney(BrowserFixture fixture)
{
    [Fact]
    public async Task The_admin_resends_an_invitation_so_only_the_new_link_works_then_revokes_it_after_confirming()
    {
        var email = $"desk-{Guid.NewGuid():N}@example.test";
        var admin = await fixture.NewPageAsync(width: 375, height: 800);
        await BrowserSignIn.SignInAsync(admin, "admin@demo.telemed.dev", fixture.Host);
        await admin.GotoAsync("/admin/users");
        var invite = admin.GetByRole(AriaRole.Form, new() { Name = "Invite staff" });
        await invite.GetByLabel("E-mail").FillAsync(email);
        await invite.GetByLabel("Display name").FillAsync("Desk Invitee");
        await invite.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Front desk" });
        await invite.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        var firstLink = await ApiClient.LatestLinkAsync(fixture.Host, email, "/accept-invitation?token=");

        var filters = admin.GetByRole(AriaRole.Search);
        await filters.GetByLabel("E-mail").FillAsync(email);
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var row = admin.GetByTestId("users-table").GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Expect(row).ToContainTextAsync("Invited");
        await Axe.AssertCleanAsync(admin);

        await row.GetByRole(AriaRole.Button, new() { Name = "Resend invitation" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "A new invitation was sent" })).ToBeVisibleAsync();
        var secondLink = await ApiClient.LatestLinkAsync(fixture.Host, email, "/accept-invitation?token=");
        secondLink.ShouldNotBe(firstLink);

        var invitee = await fixture.NewPageAsync();
        await invitee.GotoAsync(new Uri(firstLink).PathAndQuery);
        await Expect(invitee.GetByText("This link is invalid or has expired.")).ToBeVisibleAsync();
        await invitee.GotoAsync(new Uri(secondLink).PathAndQuery);
        await Expect(invitee.GetByTestId("invitation-email")).ToContainTextAsync(email);

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke invitation" }).ClickAsync();
        var confirm = admin.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("Desk Invitee");
        await Axe.AssertCleanAsync(admin);
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Revoke invitation" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Suspended");
        await invitee.ReloadAsync();
        await Expect(invitee.GetByText("This link is invalid or has expired.")).ToBeVisibleAsync();
    }
}
