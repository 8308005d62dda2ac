using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>Issue 11, the polish items a walkthrough found: the clinic network's own texts in Russian; returnTo through registration.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PolishJourneys(BrowserFixture browser)
{
    [Fact]
    public async Task A_Russian_visitor_reads_doctors_bios_and_clinic_names_and_addresses_in_Russian_and_an_English_one_in_English()
    {
        var ru = await browser.NewPageAsync("ru-RU", 375, 812);
        // The first page of a run may meet a cold host on a busy machine.
        await ru.GotoAsync("/doctors?name=Whitfield", new() { Timeout = 60_000 });
        var card = ru.GetByTestId("doctor-card");
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToContainTextAsync("Врач-кардиолог: эхокардиография");
        await Expect(card).ToContainTextAsync("Клиника Telemed Новосибирск (Новосибирск)");
        await Axe.AssertCleanAsync(ru);

        await card.GetByRole(AriaRole.Link, new() { Name = "James Whitfield" }).ClickAsync();
        await Expect(ru).ToHaveURLAsync(new Regex("/doctors/[0-9a-f-]{36}$"));
        await Expect(ru.GetByText("Учился в Лондоне, работает в Новосибирске.")).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(ru);

        await ru.GotoAsync("/clinics");
        await Expect(ru.GetByRole(AriaRole.Link, new() { Name = "Клиника Telemed Москва" })).ToBeVisibleAsync();
        await Expect(ru.GetByText("ул. Тверская, 12")).ToBeVisibleAsync();
        await ru.GetByRole(AriaRole.Link, new() { Name = "Клиника Telemed Новосибирск" }).ClickAsync();
        await Expect(ru.GetByRole(AriaRole.Heading, new() { Name = "Клиника Telemed Новосибирск" })).ToBeVisibleAsync();
        await Expect(ru.GetByText("Красный проспект, 25").First).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(ru);

        var en = await browser.NewPageAsync("en-US", 375, 812);
        await en.GotoAsync("/doctors?name=Whitfield");
        await Expect(en.GetByTestId("doctor-card")).ToContainTextAsync("Consultant cardiologist; echocardiography");
        await Expect(en.GetByTestId("doctor-card")).ToContainTextAsync("Telemed Clinic Novosibirsk (Novosibirsk)");
        await en.GotoAsync("/clinics");
        await Expect(en.GetByRole(AriaRole.Link, new() { Name = "Telemed Clinic Moscow" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_visitor_following_a_deep_link_creates_an_account_confirms_the_e_mail_in_a_new_tab_signs_in_and_lands_on_the_link()
    {
        var email = $"polish-return-{Guid.NewGuid():N}@example.test";
        const string target = "/patient/appointments";
        var page = await browser.NewPageAsync("en-US", 375, 812);
        await page.GotoAsync(target);
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?returnTo="));
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/register\\?returnTo=%2Fpatient%2Fappointments"));
        await page.GetByLabel("Given name").FillAsync("Polina");
        await page.GetByLabel("Family name").FillAsync("Vozvratova");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("a good long password");
        await page.GetByLabel("Date of birth").FillAsync("1990-02-03");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByText(new Regex("check your e-mail|sent", RegexOptions.IgnoreCase)).First).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(page);

        // The confirmation link is opened from the mail app: a new tab without the parameter.
        var link = await ApiClient.LatestLinkAsync(browser.Host, email, "/verify-email?token=");
        var mailTab = await page.Context.NewPageAsync();
        await mailTab.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(mailTab.GetByText(new Regex("confirmed|verified", RegexOptions.IgnoreCase)).First).ToBeVisibleAsync();
        await mailTab.GetByRole(AriaRole.Link, new() { Name = "Go to sign in" }).ClickAsync();
        await mailTab.GetByLabel("E-mail").FillAsync(email);
        await mailTab.GetByLabel("Password").FillAsync("a good long password");
        await mailTab.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(mailTab).ToHaveURLAsync(new Regex("/patient/appointments$"));
    }
}
