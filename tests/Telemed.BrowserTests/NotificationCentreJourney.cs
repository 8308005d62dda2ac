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
/// The notification centre: with the page open on a phone, a patient's visit is booked and then moved; the bell's count
/// goes up live each time, the change is listed newest first, opening it follows its link and marks it read. Axe-clean in
/// English and Russian at 375 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationCentreJourney(BrowserFixture fixture)
{
    private const string Sophie = "sophie.turner@demo.telemed.dev";   // English-speaking demo patient

    [Fact]
    public async Task A_booking_change_arrives_live_in_the_bell_and_the_list_and_opening_it_marks_it_read()
    {
        var host = fixture.Host;
        using var api = await host.SignedInAsync(Sophie);
        await (await api.PostAsync("/api/v1/me/notifications/read-all")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var page = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(page, Sophie);
        await page.GotoAsync("/notifications");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();
        var bell = page.GetByTestId("notification-bell");
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications");
        await Expect(page.GetByText("Nothing unread")).ToBeVisibleAsync();

        // Booked through the API while the page stays open: the count goes up without a reload.
        var doctor = (await DoctorsAsync(api))[4].Id;
        var slots = await SlotsAsync(api, doctor, Today(host).AddDays(8), 2);
        var booked = await SchedulingApi.BookAsync(api, doctor, slots[0]);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications, 1 unread", new() { Timeout = 30_000 });

        await (await api.PostAsync($"/api/v1/scheduling/appointments/{appointmentId}/reschedule", new { start = slots[1].Start })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications, 2 unread", new() { Timeout = 30_000 });
        var list = page.GetByTestId("notification-list");
        var moved = list.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Your visit on .* was moved to ") });
        await Expect(moved).ToBeVisibleAsync();
        await Expect(list.GetByRole(AriaRole.Button).First).ToContainTextAsync("was moved to");   // newest first
        await Expect(page.GetByText("2 unread")).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(page);

        await moved.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/patient/appointments/{appointmentId}$"));
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications, 1 unread");
        await bell.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/notifications$"));
        await Expect(list.GetByRole(AriaRole.Button).First).ToContainTextAsync("Read");
        await Expect(page.GetByText("1 unread")).ToBeVisibleAsync();

        // The same centre in Russian, on a phone.
        var ru = await fixture.NewPageAsync("ru-RU", width: 375, height: 812);
        await ru.GotoAsync("/sign-in");
        await ru.GetByLabel("Электронная почта").FillAsync(Sophie);
        await ru.GetByLabel("Пароль").FillAsync(Demo.Password);
        await ru.GetByRole(AriaRole.Button, new() { Name = "Войти", Exact = true }).ClickAsync();
        await Expect(ru).ToHaveURLAsync(new Regex("/patient"));
        await ru.GotoAsync("/notifications");
        await Expect(ru.GetByRole(AriaRole.Heading, new() { Name = "Уведомления", Level = 1 })).ToBeVisibleAsync();
        await Expect(ru.GetByTestId("notification-bell")).ToHaveAccessibleNameAsync("Уведомления, 1 непрочитанное");
        await Expect(ru.GetByRole(AriaRole.Button, new() { Name = "Отметить все как прочитанные" })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(ru);

        await ru.GetByRole(AriaRole.Button, new() { Name = "Отметить все как прочитанные" }).ClickAsync();
        await Expect(ru.GetByText("Непрочитанных нет")).ToBeVisibleAsync();
        // The other tab hears it too.
        await Expect(bell).ToHaveAccessibleNameAsync("Notifications");
    }
}
