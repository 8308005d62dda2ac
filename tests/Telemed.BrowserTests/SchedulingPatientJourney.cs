using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 11, items 4, 10, 12 and 13 as the patient, the doctor and the desk meet them: the booking flow, the actions
/// an appointment offers, deep links that survive sign-in, and a day off over booked visits. Each test books its own
/// visits with its own doctor and patient, on days no other journey uses, so the order of journeys does not matter.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SchedulingPatientJourney(BrowserFixture browser)
{
    private const string Mikhail = "mikhail.vasiliev@demo.telemed.dev";
    private const string Andrei = "andrei.semenov@demo.telemed.dev";
    private const string Tatiana = "tatiana.golubeva@demo.telemed.dev";
    private const string Svetlana = "svetlana.pavlova@demo.telemed.dev";
    private const string Olga = "olga.smirnova@demo.telemed.dev";

    private TelemedHost Host => browser.Host;

    private async Task<(Guid Id, DateTime Start)> BookAsync(ApiClient patient, string doctorName, int dayOffset, int pick = 0)
    {
        var doctorId = (await SchedulingApi.DoctorsAsync(patient)).Single(d => d.Name == doctorName).Id;
        var slots = await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(Host).AddDays(dayOffset), 3);
        var slot = slots[Math.Min(pick, slots.Count - 1)];
        var response = await SchedulingApi.BookAsync(patient, doctorId, slot);
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (view.GetProperty("id").GetGuid(), slot.Start);
    }

    private async Task SignInOnPageAsync(IPage page, string email, bool staff)
    {
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in"));
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        if (staff)
        {
            await page.GetByLabel("Authentication code").FillAsync(await Totp.NextCodeAsync(Host.ConnectionString, Demo.KeyFor(email)));
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        }
    }

    /// <summary>Item 13: the appointment link of the .ics, opened signed out, lands on the appointment after sign-in (and after MFA for staff); foreign targets are ignored.</summary>
    [Fact]
    public async Task A_signed_out_appointment_link_returns_to_the_appointment_after_sign_in_and_MFA_and_never_leaves_the_site()
    {
        using var api = await Host.SignedInAsync(Mikhail);
        var (id, _) = await BookAsync(api, "James Whitfield", 23);

        var patient = await browser.NewPageAsync();
        await patient.GotoAsync($"/patient/appointments/{id}");
        await SignInOnPageAsync(patient, Mikhail, staff: false);
        await Expect(patient).ToHaveURLAsync(new Regex($"/patient/appointments/{id}$"));
        try
        {
            await Expect(patient.GetByTestId("appointment-status")).ToBeVisibleAsync();
        }
        catch (PlaywrightException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nPage text: {await patient.InnerTextAsync("body")}");
        }

        await Axe.AssertCleanAsync(patient);

        var desk = await browser.NewPageAsync();
        await desk.GotoAsync($"/front-desk/appointments/{id}?from=ics");
        await SignInOnPageAsync(desk, SchedulingApi.FrontDesk, staff: true);
        await Expect(desk).ToHaveURLAsync(new Regex($"/front-desk/appointments/{id}\\?from=ics$"));
        await Expect(desk.GetByTestId("appointment-status")).ToBeVisibleAsync();

        foreach (var foreign in new[] { "https://evil.example/phish", "//evil.example/phish", "/\\evil.example", "javascript:alert(1)" })
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync($"/sign-in?returnTo={Uri.EscapeDataString(foreign)}");
            await SignInOnPageAsync(page, Mikhail, staff: false);
            await Expect(page).ToHaveURLAsync(new Regex("/patient$"));
            Assert.Equal(Host.BaseAddress.Host, new Uri(page.Url).Host);
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Item 12: no "No-show" before the visit starts, no "Check in" days ahead; a refused action says the real reason, in en and ru.</summary>
    [Fact]
    public async Task Actions_are_offered_only_when_they_can_succeed_and_a_refusal_says_the_real_reason()
    {
        using var api = await Host.SignedInAsync(Tatiana);
        var (id, _) = await BookAsync(api, "James Whitfield", 26);
        var view = await api.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{id}");
        var allowed = view.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("cancel", allowed);
        Assert.Contains("reschedule", allowed);
        Assert.DoesNotContain("noShow", allowed);
        Assert.DoesNotContain("confirm", allowed);

        var desk = await browser.NewPageAsync(width: 375);
        await BrowserSignIn.SignInAsync(desk, SchedulingApi.FrontDesk, Host);
        await desk.GotoAsync($"/front-desk/appointments/{id}");
        await Expect(desk.GetByTestId("appointment-status")).ToHaveAttributeAsync("data-status", "booked");
        // Nor "Check in" 26 days ahead: check-in opens an hour before the start (AppointmentActions).
        await Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment" })).ToBeVisibleAsync();
        await Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Check in" })).ToHaveCountAsync(0);
        await Expect(desk.GetByRole(AriaRole.Button, new() { Name = "No-show" })).ToHaveCountAsync(0);
        await Axe.AssertCleanAsync(desk);

        foreach (var (locale, cancelName, reasonLabel, expected) in new[]
                 {
                     ("en-US", "Cancel appointment", "Reason", "already been cancelled"),
                     ("ru-RU", "Отменить приём", "Причина", "уже отменён"),
                 })
        {
            var (visit, _) = await BookAsync(api, "James Whitfield", 26, pick: locale == "en-US" ? 2 : 4);
            var patient = await browser.NewPageAsync(width: 375);
            await BrowserSignIn.SignInAsync(patient, Tatiana);
            await patient.EvaluateAsync("language => localStorage.setItem('telemed.language', language)", locale[..2]);
            await patient.GotoAsync($"/patient/appointments/{visit}");
            await Expect(patient.GetByTestId("appointment-status")).ToHaveAttributeAsync("data-status", "booked");
            // Meanwhile the clinic cancels the visit: the patient's button can no longer succeed.
            using var deskApi = await Host.SignedInAsync(SchedulingApi.FrontDesk);
            await (await deskApi.PostAsync($"/api/v1/scheduling/appointments/{visit}/cancel", new { reason = "Clinic closed" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            await patient.GetByRole(AriaRole.Button, new() { Name = cancelName }).First.ClickAsync();
            await patient.GetByLabel(reasonLabel, new() { Exact = false }).FillAsync("Feeling better");
            await patient.Locator("form").GetByRole(AriaRole.Button, new() { Name = cancelName }).ClickAsync();
            var alert = patient.GetByRole(AriaRole.Alert).Filter(new() { HasTextRegex = new Regex(expected) });
            await Expect(alert).ToBeVisibleAsync();
            await Expect(patient.GetByText(new Regex("conflicts with the current state|конфликтует", RegexOptions.IgnoreCase))).ToHaveCountAsync(0);
            await Axe.AssertCleanAsync(patient);
            await patient.Context.CloseAsync();
        }
    }

    /// <summary>Item 10: length and price at confirmation, no early "Confirm", the new time's button in view, no "booked" banner once cancelled.</summary>
    [Fact]
    public async Task The_booking_flow_shows_length_and_price_keeps_the_confirm_button_in_view_and_drops_the_booked_banner_when_cancelled()
    {
        using var api = await Host.SignedInAsync(Andrei);
        var lena = (await SchedulingApi.DoctorsAsync(api)).Single(d => d.Name == "Lena Schneider").Id;
        var from = SchedulingApi.Today(Host).AddDays(29);

        var page = await browser.NewPageAsync(width: 375, height: 740);
        await BrowserSignIn.SignInAsync(page, Andrei);
        // Search cards: the next free time and the price of that visit, never a price per hour.
        await page.GotoAsync("/patient/doctors");
        await Expect(page.GetByTestId("next-available").First).ToContainTextAsync(new Regex(@"\d"));
        await Expect(page.GetByText(new Regex("Price of a 30-minute visit")).First).ToBeVisibleAsync();
        await Expect(page.GetByText("Price per hour")).ToHaveCountAsync(0);
        await Axe.AssertCleanAsync(page);

        await page.GotoAsync($"/patient/book?kind=video&from={from:yyyy-MM-dd}&to={from.AddDays(3):yyyy-MM-dd}");
        await Expect(page.GetByTestId("doctor-slots-card").First).ToBeVisibleAsync();
        await Expect(page.GetByText("Price per hour")).ToHaveCountAsync(0);
        await Expect(page.GetByText(new Regex("Price of a 30-minute visit")).First).ToBeVisibleAsync();

        await page.GotoAsync($"/patient/doctors/{lena}/book?from={from:yyyy-MM-dd}&to={from.AddDays(3):yyyy-MM-dd}");
        await page.GetByTestId("slot-list").First.GetByRole(AriaRole.Button).First.ClickAsync();
        var confirmation = page.GetByTestId("booking-confirmation");
        await Expect(confirmation.GetByTestId("confirm-length")).ToHaveTextAsync(new Regex("30 min"));
        // 2,800 ₽/h × 30 min × 1.1 (her "second" qualification category): the server's quote.
        await Expect(confirmation.GetByTestId("confirm-price")).ToHaveTextAsync(new Regex(@"1[,\s\u00a0]?540"));
        await Axe.AssertCleanAsync(page);
        await confirmation.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/patient/appointments/[0-9a-f-]{36}"));
        await Expect(page.GetByText("Your visit is booked.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirm appointment" })).ToHaveCountAsync(0);
        await Expect(page.GetByText(new Regex("when the reminder comes", RegexOptions.IgnoreCase))).ToHaveCountAsync(0);
        await Axe.AssertCleanAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Reschedule" }).ClickAsync();
        var newTimes = page.GetByRole(AriaRole.Region, new() { Name = "Reschedule" });
        // The first time of a two-week list: on a phone the list runs thousands of pixels below it.
        await newTimes.GetByTestId("slot-list").First.GetByRole(AriaRole.Button).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirm new time" })).ToBeInViewportAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm new time" }).ClickAsync();
        await Expect(page.GetByText(new Regex("is moved"))).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment" }).ClickAsync();
        await page.GetByLabel("Reason", new() { Exact = false }).FillAsync("Plans changed");
        await page.Locator("form").GetByRole(AriaRole.Button, new() { Name = "Cancel appointment" }).ClickAsync();
        await Expect(page.GetByTestId("appointment-status")).ToHaveAttributeAsync("data-status", "cancelled");
        await Expect(page.GetByText("Your visit is booked.")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("appointment-status")).ToHaveAttributeAsync("data-status", "cancelled");
        await Expect(page.GetByText("Your visit is booked.")).ToHaveCountAsync(0);
        await Axe.AssertCleanAsync(page);
    }

    /// <summary>Item 4: a day off over booked visits lists them first and cancels them with a notice; the week never reads "30 of 0 min".</summary>
    [Fact]
    public async Task A_day_off_over_booked_visits_lists_them_and_cancels_them_with_a_notice_instead_of_leaving_them_booked()
    {
        using var api = await Host.SignedInAsync(Svetlana);
        var (id, start) = await BookAsync(api, "Olga Smirnova", 33);
        var view = await api.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{id}");
        var clinicDate = view.GetProperty("clinicLocal").GetString()![..10];

        var doctor = await browser.NewPageAsync(width: 375);
        await BrowserSignIn.SignInAsync(doctor, Olga, Host);
        await doctor.GotoAsync("/doctor/availability");
        var form = doctor.GetByRole(AriaRole.Form, new() { Name = "Add exception" });
        await form.GetByLabel("Date").FillAsync(clinicDate);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add exception" }).ClickAsync();

        var affected = doctor.GetByTestId("affected-visits");
        await Expect(affected).ToBeVisibleAsync();
        await Expect(affected.Locator($"[data-appointment-id='{id}']")).ToBeVisibleAsync();
        Assert.Equal("booked", (await api.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{id}")).GetProperty("status").GetString());
        await Axe.AssertCleanAsync(doctor);
        await affected.GetByRole(AriaRole.Button, new() { Name = "Cancel them and tell the patients" }).ClickAsync();
        await Expect(doctor.GetByTestId("availability-exceptions")).ToContainTextAsync("Day off");

        var after = await api.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{id}");
        Assert.Equal("cancelled", after.GetProperty("status").GetString());
        // The system's reason is a code, worded in the reader's language, not an English sentence a Russian patient would read.
        Assert.Equal("doctor_unavailable", after.GetProperty("cancellationCode").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("cancellationReason").ValueKind);
        var patient = await browser.NewPageAsync(width: 375);
        await BrowserSignIn.SignInAsync(patient, Svetlana);
        await patient.EvaluateAsync("language => localStorage.setItem('telemed.language', language)", "ru");
        await patient.GotoAsync($"/patient/appointments/{id}");
        await Expect(patient.GetByTestId("appointment-status")).ToHaveAttributeAsync("data-status", "cancelled");
        await Expect(patient.GetByText("Врач не принимает в этот день.")).ToBeVisibleAsync();
        await Expect(patient.GetByText("The doctor is not available that day.")).ToHaveCountAsync(0);
        await patient.Context.CloseAsync();

        // The week of that day reads as a day off, never "30 of 0 min" (one more visit kept there by the API, as an old booking would be).
        await doctor.GotoAsync($"/doctor/schedule?week={clinicDate}");
        await Expect(doctor.GetByTestId("day-load")).ToBeVisibleAsync();
        await Expect(doctor.GetByTestId("day-load")).Not.ToContainTextAsync(new Regex(@"of 0 min"));
        _ = start;

        // New weekly hours that drop a booked visit's weekday are refused until the visit is moved or cancelled; "move" moves it.
        var (other, otherStart) = await BookAsync(api, "Olga Smirnova", 40);
        var otherDay = (await api.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{other}")).GetProperty("clinicLocal").GetString()!;
        var weekday = DateTime.Parse(otherDay[..10], System.Globalization.CultureInfo.InvariantCulture).DayOfWeek.ToString().ToLowerInvariant();
        using var desk = await Host.SignedInAsync(SchedulingApi.FrontDesk);
        var olgaId = (await SchedulingApi.DoctorsAsync(api)).Single(d => d.Name == "Olga Smirnova").Id;
        var availability = await desk.GetJsonAsync<JsonElement>($"/api/v1/scheduling/doctors/{olgaId}/availability");
        var hours = availability.GetProperty("weeklyHours").EnumerateArray().Select(h => new
        {
            clinicId = h.GetProperty("clinicId").GetGuid(), dayOfWeek = h.GetProperty("dayOfWeek").GetString()!,
            start = h.GetProperty("start").GetString()!, end = h.GetProperty("end").GetString()!,
        }).ToList();
        var types = JsonSerializer.Deserialize<JsonElement>(availability.GetProperty("appointmentTypes").GetRawText());
        var fewer = hours.Where(h => h.dayOfWeek != weekday).ToList();
        var refused = await desk.PutAsync($"/api/v1/scheduling/doctors/{olgaId}/availability", new { weeklyHours = fewer, appointmentTypes = types });
        Assert.Equal("scheduling.visits_affected", await refused.ProblemCodeAsync());
        var listed = await (await desk.PostAsync($"/api/v1/scheduling/doctors/{olgaId}/availability/affected-visits", new { weeklyHours = fewer, appointmentTypes = types }))
            .Content.ReadAsStringAsync();
        Assert.Contains(other.ToString(), listed, StringComparison.Ordinal);
        await (await desk.PutAsync($"/api/v1/scheduling/doctors/{olgaId}/availability", new { weeklyHours = fewer, appointmentTypes = types, affectedVisits = "move" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        var moved = await api.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{other}");
        Assert.Equal("booked", moved.GetProperty("status").GetString());
        Assert.NotEqual(otherStart, moved.GetProperty("start").GetDateTime().ToUniversalTime());
        await (await desk.PutAsync($"/api/v1/scheduling/doctors/{olgaId}/availability", new { weeklyHours = hours, appointmentTypes = types }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    /// <summary>Item 15: the calendar feed URL survives a reload and "Revoke" shows only when a feed exists; a second identical waitlist entry is refused.</summary>
    [Fact]
    public async Task The_calendar_feed_url_survives_a_reload_and_duplicate_waitlist_entries_are_refused()
    {
        var doctor = await browser.NewPageAsync(width: 375);
        await BrowserSignIn.SignInAsync(doctor, "james.whitfield@demo.telemed.dev", Host);
        await doctor.GotoAsync("/doctor/availability");
        var revoke = doctor.GetByRole(AriaRole.Button, new() { Name = "Revoke feed" });
        var create = doctor.GetByRole(AriaRole.Button, new() { Name = "Create feed link" });
        await Expect(create.Or(doctor.GetByRole(AriaRole.Button, new() { Name = "Create a new link (the old one stops working)" }))).ToBeVisibleAsync();
        if (await revoke.CountAsync() > 0)
        {
            await revoke.ClickAsync();
        }

        await Expect(create).ToBeVisibleAsync();
        await Expect(revoke).ToHaveCountAsync(0);
        await create.ClickAsync();
        var url = await doctor.GetByTestId("calendar-feed-url").InputValueAsync();
        Assert.Contains("/calendar-feeds/", url, StringComparison.Ordinal);
        await doctor.ReloadAsync();
        await Expect(doctor.GetByTestId("calendar-feed-url")).ToHaveValueAsync(url);
        await Expect(revoke).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(doctor);
        using var anonymous = Host.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
        await revoke.ClickAsync();
        await Expect(revoke).ToHaveCountAsync(0);
        await Expect(doctor.GetByTestId("calendar-feed-url")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(url).PathAndQuery)).StatusCode);

        using var patient = await Host.SignedInAsync(Andrei);
        var james = (await SchedulingApi.DoctorsAsync(patient)).Single(d => d.Name == "James Whitfield").Id;
        var from = SchedulingApi.Today(Host).AddDays(50);
        var wish = new { doctorId = james, kind = "video", from, to = from.AddDays(3) };
        Assert.Equal(HttpStatusCode.Created, (await patient.PostAsync("/api/v1/scheduling/waitlist", wish)).StatusCode);
        var again = await patient.PostAsync("/api/v1/scheduling/waitlist", wish with { from = from.AddDays(2), to = from.AddDays(6) });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("scheduling.waitlist_duplicate", await again.ProblemCodeAsync());

        // An adult about to book a paediatrician is told so before booking.
        var kozlov = (await SchedulingApi.DoctorsAsync(patient)).Single(d => d.Name == "Dmitry Kozlov").Id;
        var page = await browser.NewPageAsync(width: 375);
        await BrowserSignIn.SignInAsync(page, Andrei);
        await page.GotoAsync($"/patient/doctors/{kozlov}/book");
        await page.GetByTestId("slot-list").First.GetByRole(AriaRole.Button).First.ClickAsync();
        await Expect(page.GetByTestId("adult-paediatrician")).ToContainTextAsync("paediatrician");
        await Axe.AssertCleanAsync(page);
    }
}
