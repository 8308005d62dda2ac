using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>Admin features (issue 11): the admin adds and edits a clinic; an unknown time zone is refused on its field.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminClinicsJourney(BrowserFixture fixture)
{
    [Fact]
    public async Task The_admin_adds_a_clinic_with_a_validated_IANA_zone_contacts_and_hours_then_edits_it()
    {
        var name = $"Telemed Clinic Kaliningrad {Guid.NewGuid().ToString("N")[..6]}";
        var admin = await fixture.NewPageAsync(width: 375, height: 800);
        await BrowserSignIn.SignInAsync(admin, "admin@demo.telemed.dev", fixture.Host);
        await admin.GotoAsync("/admin/clinics");
        await Expect(admin.GetByTestId("clinics-table")).ToContainTextAsync("Telemed Clinic Moscow");
        await Axe.AssertCleanAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Add a clinic" }).ClickAsync();

        var form = admin.GetByRole(AriaRole.Form, new() { Name = "Clinic details" });
        await form.GetByLabel("Name").FillAsync(name);
        await form.GetByLabel("Address").FillAsync("Leninsky prospekt 1");
        await form.GetByLabel("City").FillAsync("Kaliningrad");
        await form.GetByLabel("Time zone").FillAsync("Mars/Olympus_Mons");
        await form.GetByLabel("Phone").FillAsync("+7 4012 00-00-00");
        await form.GetByLabel("E-mail").FillAsync("kaliningrad@clinic.example");
        await form.GetByLabel("Opening hours").FillAsync("Mon–Fri 08:00–20:00");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(form.GetByText("Use an IANA time zone such as Europe/Moscow.")).ToBeVisibleAsync();
        await Expect(form.GetByLabel("Time zone")).ToHaveAttributeAsync("aria-invalid", "true");
        await Axe.AssertCleanAsync(admin);

        await form.GetByLabel("Time zone").FillAsync("Europe/Kaliningrad");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/clinics/[0-9a-f-]{36}$"));
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();

        var edit = admin.GetByRole(AriaRole.Form, new() { Name = "Clinic details" });
        await Expect(edit.GetByLabel("Time zone")).ToHaveValueAsync("Europe/Kaliningrad");
        await edit.GetByLabel("Opening hours").FillAsync("Mon–Sat 08:00–21:00");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(edit.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await admin.ReloadAsync();
        await Expect(admin.GetByLabel("Opening hours")).ToHaveValueAsync("Mon–Sat 08:00–21:00");

        await admin.GotoAsync("/admin/clinics");
        var row = admin.GetByTestId("clinics-table").GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("Europe/Kaliningrad");
        await Expect(row).ToContainTextAsync("+7 4012 00-00-00");
    }
}
