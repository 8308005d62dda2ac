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
/// Notification settings: from the centre a patient opens the settings on a phone, sees security e-mails locked on, switches
/// booking news off in the centre by keyboard — the booking notification leaves the centre and the bell — and on again (it
/// returns); an e-mail switch stays off after a reload. Axe-clean in English and Russian at 375 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationPreferencesJourney(BrowserFixture fixture)
{
    private const string Viktor = "viktor.zaitsev@demo.telemed.dev";   // Russian-speaking demo patient no other journey uses

    [Fact]
    public async Task Switching_booking_news_off_in_the_centre_clears_it_from_the_bell_and_the_list_and_on_again_brings_it_back()
    {
        var host = fixture.Host;
        using var api = await host.SignedInAsync(Viktor);
        await (await api.PutAsync("/api/v1/me/notification-preferences", new
        {
            changes = new[] { new { topic = "bookings", channel = "in_app", enabled = true }, new { topic = "messages", channel = "email", enabled = true } },
        })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await api.PostAsync("/api/v1/me/notifications/read-all")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var page = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(page, Viktor);
        await page.GotoAsync("/notifications");
        var bell = page.GetByTestId("notification-bell");
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications");

        // A visit is booked: it arrives live.
        var doctor = (await DoctorsAsync(api))[9].Id;
        var slot = (await SlotsAsync(api, doctor, Today(host).AddDays(9), 2))[0];
        var booked = await SchedulingApi.BookAsync(api, doctor, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications, 1 unread", new() { Timeout = 30_000 });
        // The title is in Viktor's own language (Russian), whatever language this browser shows the portal in.
        var bookedItem = page.GetByTestId("notification-list").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Визит к врачу .* записан") });
        await Expect(bookedItem.First).ToBeVisibleAsync();

        // The settings, reached from the centre.
        await page.GetByRole(AriaRole.Link, new() { Name = "Notification settings" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/notifications$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notification settings", Level = 1 })).ToBeVisibleAsync();
        var security = page.GetByTestId("preferences-security").GetByRole(AriaRole.Checkbox, new() { Name = "By e-mail" });
        await Expect(security).ToBeCheckedAsync();
        await Expect(security).ToBeDisabledAsync();
        await Expect(page.GetByText("Security e-mails are always sent and cannot be switched off")).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(page);

        // Booking news off in the centre, by keyboard: saved at once, and the booking leaves the bell's count.
        var bookingsInApp = page.GetByTestId("preferences-bookings").GetByRole(AriaRole.Checkbox, new() { Name = "In the notification centre" });
        await bookingsInApp.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved: Bookings In the notification centre is off.");
        await Expect(bookingsInApp).Not.ToBeCheckedAsync();
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications");
        var messagesEmail = page.GetByTestId("preferences-messages").GetByRole(AriaRole.Checkbox, new() { Name = "By e-mail" });
        await messagesEmail.ClickAsync();
        await Expect(messagesEmail).Not.ToBeCheckedAsync();

        await bell.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/notifications$"));
        await Expect(page.GetByText("Nothing unread")).ToBeVisibleAsync();
        await Expect(bookedItem).ToHaveCountAsync(0);

        // On again: the booking is back; the e-mail switch stayed off across a reload.
        await page.GotoAsync("/account/notifications");
        await Expect(messagesEmail).Not.ToBeCheckedAsync();
        await bookingsInApp.ClickAsync();
        await Expect(bookingsInApp).ToBeCheckedAsync();
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications, 1 unread");
        await page.GotoAsync("/notifications");
        await Expect(bookedItem.First).ToBeVisibleAsync();
        (await (await api.GetAsync("/api/v1/me/notifications?pageSize=100")).Content.ReadAsStringAsync()).ShouldContain($"/patient/appointments/{appointmentId}");

        // The same settings in Russian, on a phone.
        var ru = await fixture.NewPageAsync("ru-RU", width: 375, height: 812);
        await ru.GotoAsync("/sign-in");
        await ru.GetByLabel("Электронная почта").FillAsync(Viktor);
        await ru.GetByLabel("Пароль").FillAsync(Demo.Password);
        await ru.GetByRole(AriaRole.Button, new() { Name = "Войти", Exact = true }).ClickAsync();
        await Expect(ru).ToHaveURLAsync(new Regex("/patient"));
        await ru.GotoAsync("/account/notifications");
        await Expect(ru.GetByRole(AriaRole.Heading, new() { Name = "Настройки уведомлений", Level = 1 })).ToBeVisibleAsync();
        await Expect(ru.GetByTestId("preferences-messages").GetByRole(AriaRole.Checkbox, new() { Name = "По e-mail" })).Not.ToBeCheckedAsync();
        await Expect(ru.GetByText("Письма о безопасности отправляются всегда")).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(ru);
    }
}
