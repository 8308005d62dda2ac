using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>Issue 11 (admin part, item 2): the admin writes a clinic's public page in English and Russian; a signed-out visitor reads it, sanitised.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ClinicPagesJourney(BrowserFixture fixture)
{
    [Fact]
    public async Task The_admin_edits_the_public_page_with_a_preview_and_a_signed_out_visitor_reads_it_in_english_and_russian_without_any_script()
    {
        var name = $"Telemed Clinic Tver {Guid.NewGuid().ToString("N")[..6]}";
        Guid clinicId;
        using (var api = fixture.Host.CreateApiClient())
        {
            await api.SignInAsAdminAsync();
            var created = await api.PostAsync("/api/v1/admin/clinics", new
            {
                name, address = "Sovetskaya st. 5", city = "Tver", latitude = 56.86, longitude = 35.9, timeZone = "Europe/Moscow", phone = "+7 4822 00-00-00",
                email = "tver@clinic.example", openingHours = "Mon–Fri 08:00–20:00",
            });
            await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
            clinicId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        var admin = await fixture.NewPageAsync(width: 375, height: 800);
        await BrowserSignIn.SignInAsync(admin, "admin@demo.telemed.dev", fixture.Host);
        await admin.GotoAsync($"/admin/clinics/{clinicId}");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Edit the public page" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = $"Public page of {name}" })).ToBeVisibleAsync();
        var form = admin.GetByRole(AriaRole.Form, new() { Name = "Public page sections" });
        await form.GetByLabel("Services").FillAsync("## Walk-in care\n\n<script>window.__pwned = 1</script>\n<img src=x onerror=\"window.__pwned = 2\">\n[Open me](javascript:window.__pwned=3)");
        await form.GetByLabel("Visit types and prices").FillAsync("| Visit | Price |\n| --- | --- |\n| Video | 1 250 ₽ |");
        await form.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = admin.GetByTestId("page-preview");
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Walk-in care" })).ToBeVisibleAsync();
        await Expect(preview.GetByRole(AriaRole.Cell, new() { Name = "1 250 ₽" })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(admin);
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.GetByText("The page is saved and published.")).ToBeVisibleAsync();

        await admin.GetByLabel("Language of the page").SelectOptionAsync("ru");
        await Expect(form.GetByLabel("Services")).ToHaveValueAsync("");
        await form.GetByLabel("Services").FillAsync("## Приём без записи");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.GetByText("The page is saved and published.")).ToBeVisibleAsync();

        // A signed-out visitor finds the clinic from the sign-in page.
        var visitor = await fixture.NewPageAsync(width: 375, height: 800);
        await visitor.GotoAsync("/sign-in");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Our clinics" }).ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex("/clinics$"));
        await visitor.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        var page = visitor.GetByTestId("clinic-page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Walk-in care" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "1 250 ₽" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "+7 4822 00-00-00" })).ToBeVisibleAsync();
        (await visitor.EvaluateAsync<bool>("() => window.__pwned === undefined")).ShouldBeTrue();
        (await page.Locator("script, img, [onerror], a[href^='javascript']").CountAsync()).ShouldBe(0);
        await Axe.AssertCleanAsync(visitor);

        // In Russian: the Russian services; the untranslated prices in English.
        var russian = await fixture.NewPageAsync("ru-RU", width: 375, height: 800);
        await russian.GotoAsync($"/clinics/{clinicId}");
        var ruPage = russian.GetByTestId("clinic-page");
        await Expect(ruPage.GetByRole(AriaRole.Heading, new() { Name = "Приём без записи" })).ToBeVisibleAsync();
        await Expect(ruPage.GetByRole(AriaRole.Heading, new() { Name = "Виды приёма и цены" })).ToBeVisibleAsync();
        await Expect(ruPage.GetByTestId("clinic-section-visitTypes").Locator("[lang='en']")).ToHaveCountAsync(1);
        (await russian.EvaluateAsync<bool>("() => window.__pwned === undefined")).ShouldBeTrue();
        await Axe.AssertCleanAsync(russian);
    }
}
