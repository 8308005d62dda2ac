using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 11, item 3: an invited doctor with an empty profile cannot be activated; the admin fills in specialties,
/// clinics, rate and the licence record on an admin page, verifies the licence, then activates after confirming.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminDoctorsJourney(BrowserFixture fixture)
{
    private const string Admin = "admin@demo.telemed.dev";

    /// <summary>Invites a doctor through the users page and waits until the directory shows the pending profile.</summary>
    internal static async Task<ILocator> InviteDoctorAsync(IPage admin, string name)
    {
        var email = $"dr-{Guid.NewGuid():N}@example.test";
        await admin.GotoAsync("/admin/users");
        var invite = admin.GetByRole(AriaRole.Form, new() { Name = "Invite staff" });
        await invite.GetByLabel("E-mail").FillAsync(email);
        await invite.GetByLabel("Display name").FillAsync(name);
        await invite.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Doctor" });
        await invite.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(admin.GetByTestId("users-table")).ToContainTextAsync(email);

        // The profile is made by the directory from the outbox: reload until it is there.
        var row = admin.GetByTestId("doctors-table").GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await admin.GotoAsync("/admin/doctors?status=pendingVerification");
            await admin.GetByRole(AriaRole.Heading, new() { Level = 1 }).WaitForAsync();
            await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (await row.CountAsync() == 1)
            {
                break;
            }

            await Task.Delay(500);
        }

        await Expect(row).ToHaveCountAsync(1);
        return row;
    }

    [Fact]
    public async Task An_empty_invited_doctor_cannot_be_activated_until_the_admin_completes_and_verifies_the_profile_then_confirms()
    {
        var name = $"Dr Empty {Guid.NewGuid().ToString("N")[..8]}";
        var admin = await fixture.NewPageAsync(width: 375, height: 800);
        await BrowserSignIn.SignInAsync(admin, Admin, fixture.Host);
        var row = await InviteDoctorAsync(admin, name);
        await Axe.AssertCleanAsync(admin);

        // Activation asks to confirm, then says what is missing: nothing changes.
        await row.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        var confirm = admin.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync(name);
        await Axe.AssertCleanAsync(admin);
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        var problem = admin.GetByRole(AriaRole.Alert).Filter(new() { HasText = "profile is incomplete" });
        await Expect(problem).ToContainTextAsync("Specialty");
        await Expect(problem).ToContainTextAsync("Clinic");
        await Expect(problem).ToContainTextAsync("Hourly rate");
        await Expect(problem).ToContainTextAsync("Licence number");
        await Expect(problem).ToContainTextAsync("Licence verified by an admin");
        await Expect(row).ToContainTextAsync("Pending verification");

        // Cancelling the confirmation does nothing.
        await row.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        // The admin page for the doctor's profile.
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(admin);
        var profile = admin.GetByRole(AriaRole.Form, new() { Name = "Practice" });
        await profile.GetByRole(AriaRole.Checkbox, new() { Name = "Cardiology" }).CheckAsync();
        await profile.GetByRole(AriaRole.Checkbox, new() { Name = "Telemed Clinic Moscow" }).CheckAsync();
        await profile.GetByLabel("Hourly rate").FillAsync("3500");
        await profile.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(profile.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

        var licence = admin.GetByRole(AriaRole.Form, new() { Name = "Licence" });
        await licence.GetByLabel("Licence number").FillAsync("LO-77-01-000123");
        await licence.GetByLabel("Issued by").FillAsync("Moscow Health Department");
        await licence.GetByLabel("Valid until").FillAsync("2031-06-30");
        await licence.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.GetByTestId("licence-state")).ToContainTextAsync("Not verified");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Verify licence" }).ClickAsync();
        await Expect(admin.GetByTestId("licence-state")).ToContainTextAsync("Verified");
        await Axe.AssertCleanAsync(admin);

        // Now activation succeeds after confirming.
        await admin.GotoAsync("/admin/doctors?status=pendingVerification");
        await row.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await admin.GotoAsync("/admin/doctors?status=active");
        await Expect(admin.GetByTestId("doctors-table")).ToContainTextAsync(name);

        // Active now: an already expired licence is refused, in words the admin can act on (English, then Russian), and nothing changes.
        await admin.GetByTestId("doctors-table").GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        licence = admin.GetByRole(AriaRole.Form, new() { Name = "Licence" });
        await licence.GetByLabel("Valid until").FillAsync("2020-01-31");
        await licence.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(licence.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter the renewed licence, or suspend the doctor first.");
        await Expect(licence.GetByRole(AriaRole.Alert)).Not.ToContainTextAsync("directory.");
        await Expect(admin.GetByTestId("licence-state")).ToContainTextAsync("Verified");
        await Axe.AssertCleanAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Русский" }).ClickAsync();
        licence = admin.GetByRole(AriaRole.Form, new() { Name = "Лицензия" });
        await licence.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        await Expect(licence.GetByRole(AriaRole.Alert)).ToContainTextAsync("Внесите продлённую лицензию или сначала приостановите врача.");
        await Expect(admin.GetByTestId("licence-state")).ToContainTextAsync("Проверена");
    }
}
