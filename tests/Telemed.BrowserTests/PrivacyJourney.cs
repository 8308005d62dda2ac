using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.BrowserTests;

/// <summary>
/// The patient's Privacy page (docs/privacy.md) on a phone: after a doctor opens the patient's appointment, the access
/// report lists that doctor with name and role; the patient gives a consent and withdraws it, and the history shows both.
/// Axe-clean in English and Russian at 375 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PrivacyJourney(BrowserFixture fixture)
{
    private const string Patient = "artem.belov@demo.telemed.dev";
    private const string DoctorEmail = "lena.schneider@demo.telemed.dev";

    [Fact]
    public async Task The_access_report_lists_the_doctor_who_opened_the_record_and_consents_are_given_and_withdrawn()
    {
        var host = fixture.Host;
        using var api = await host.SignedInAsync(Patient);
        var doctors = await DoctorsAsync(api);
        var doctorId = doctors.First(d => d.Name.Contains("Schneider", StringComparison.Ordinal)).Id;
        var slots = await SlotsAsync(api, doctorId, Today(host).AddDays(9), 3);
        var booked = await SchedulingApi.BookAsync(api, doctorId, slots[0]);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using (var doctor = await host.SignedInAsync(DoctorEmail))
        {
            await (await doctor.GetAsync($"/api/v1/scheduling/appointments/{appointmentId}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        var page = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(page, Patient);
        await page.GotoAsync("/patient/privacy");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Privacy", Level = 1 })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Lena Schneider" }).Filter(new() { HasText = "Appointment" }).First;
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(row).ToContainTextAsync("Doctor");
        await Expect(row).ToContainTextAsync("Opened");
        await Axe.AssertCleanAsync(page);

        var give = page.GetByRole(AriaRole.Button, new() { Name = "I agree: Recording of consultations" });
        await give.ClickAsync();
        var withdraw = page.GetByRole(AriaRole.Button, new() { Name = "Withdraw consent: Recording of consultations" });
        await Expect(withdraw).ToBeVisibleAsync();
        await withdraw.ClickAsync();
        await Expect(give).ToBeVisibleAsync();
        var card = page.GetByRole(AriaRole.Article).Filter(new() { HasText = "Recording of consultations" });
        await card.GetByText("History of my answers").ClickAsync();
        await Expect(card.GetByText(new Regex("^Gave consent to version 1 on"))).ToBeVisibleAsync();
        await Expect(card.GetByText(new Regex("^Withdrew consent \\(version 1\\) on"))).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(page);

        // The same page in Russian, keyboard only for the consent.
        var ru = await fixture.NewPageAsync("ru-RU", width: 375, height: 812);
        await ru.GotoAsync("/sign-in");
        await ru.GetByLabel("Электронная почта").FillAsync(Patient);
        await ru.GetByLabel("Пароль").FillAsync(Demo.Password);
        await ru.GetByRole(AriaRole.Button, new() { Name = "Войти", Exact = true }).ClickAsync();
        await Expect(ru).ToHaveURLAsync(new Regex("/patient"));
        await ru.GotoAsync("/patient/privacy");
        await Expect(ru.GetByRole(AriaRole.Heading, new() { Name = "Кто открывал мою карту" })).ToBeVisibleAsync();
        await Expect(ru.GetByRole(AriaRole.Row).Filter(new() { HasText = "Lena Schneider" }).First).ToBeVisibleAsync();
        var notifications = ru.GetByRole(AriaRole.Button, new() { Name = "Я согласен(на): Напоминания и сообщения" });
        await notifications.FocusAsync();
        await ru.Keyboard.PressAsync("Enter");
        await Expect(ru.GetByRole(AriaRole.Button, new() { Name = "Отозвать согласие: Напоминания и сообщения" })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(ru);
    }
}
