using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>Issue 11, the polish items a walkthrough found: the clinic network's own texts in Russian.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PolishJourneys(BrowserFixture browser)
{
    [Fact]
    public async Task A_Russian_visitor_reads_doctors_bios_and_clinic_names_and_addresses_in_Russian_and_an_English_one_in_English()
    {
        var ru = await browser.NewPageAsync("ru-RU", 375, 812);
        await ru.GotoAsync("/doctors?name=Whitfield");
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
}
