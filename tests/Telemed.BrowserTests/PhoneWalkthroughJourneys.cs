using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// What a walk through the portals on a 390 px phone found: a patient who cancels a paid visit sees the hold released without
/// reloading (and is asked for the reason under its field first); the admin's payments and clinic policy, and a walk-in patient
/// with a long unbroken family name, fit the phone's width; the admin's users, doctors and clinics lists are labelled cards, not
/// tables scrolled sideways inside their frame (in Russian the users table was 944 px in a 322 px frame, its actions off screen);
/// the signing certificates are cards too, and a dialog taller than a phone held sideways scrolls with its buttons in reach; a doctor's
/// week (832 px of grid scrolled sideways in a 356 px frame) reads one day at a time, on her schedule and on the front desk's; a patient's
/// access report (who opened the record) is labelled cards too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneWalkthroughJourneys(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string DoctorEmail = "olga.smirnova@demo.telemed.dev";
    private const string NoSidewaysScroll = "() => document.documentElement.scrollWidth <= window.innerWidth";

    /// <summary>
    /// The elements of the page that scroll (or clip) sideways inside their own frame by more than 3 px, as "tag.class: scrollWidth in clientWidth";
    /// visually hidden text (a 1 px box by design) is not counted.
    /// </summary>
    internal const string InnerSidewaysScrollers = """
        () => [...document.querySelectorAll('body *')]
          .filter(el => el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 3 && getComputedStyle(el).overflowX !== 'visible')
          .map(el => `${el.tagName.toLowerCase()}.${String(el.className).trim().replace(/\s+/g, '.')}: ${el.scrollWidth} px in ${el.clientWidth} px`)
        """;

    [Fact]
    public async Task A_patient_cancels_a_paid_visit_and_sees_the_hold_released_then_the_admin_reads_payments_and_policy_without_sideways_scrolling()
    {
        var host = fixture.Host;
        var email = await TestPatients.NewAsync(host, "PhoneWalk");
        Guid appointmentId;
        using (var doctor = await host.SignedInAsync(DoctorEmail))
        using (var patient = await host.SignedInAsync(email))
        {
            var doctorId = await ConsultationsApi.DoctorIdAsync(doctor);
            var slots = await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(3), 4);
            var booked = await SchedulingApi.BookAsync(patient, doctorId, slots[slots.Count / 2]);
            await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
            appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        var page = await fixture.NewPageAsync(width: 390, height: 844);
        await BrowserSignIn.SignInAsync(page, email);
        await page.GotoAsync($"/patient/appointments/{appointmentId}");
        await page.GetByTestId("pay-button").ClickAsync();
        var form = page.GetByTestId("card-form");
        await form.GetByTestId("card-number").FillAsync("4242 4242 4242 4242");
        await form.GetByTestId("card-expiry").FillAsync($"12/{(DateTime.UtcNow.Year + 2) % 100:00}");
        await form.GetByTestId("card-cvc").FillAsync("123");
        await form.GetByTestId("pay-button").ClickAsync();
        await Expect(page.GetByTestId("payment-status")).ToHaveAttributeAsync("data-status", "authorised");

        // No reason: asked under the field, nothing sent, no raw "reason:" list.
        var card = page.GetByRole(AriaRole.Article);
        await card.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment" }).ClickAsync();
        await Expect(card.GetByText("Say why you are cancelling the visit.")).ToBeVisibleAsync();
        await Expect(card.GetByLabel("Reason")).ToBeFocusedAsync();
        await Expect(page.GetByText("reason:")).ToHaveCountAsync(0);

        // With a reason: cancelled, and the payment panel follows the release without a reload.
        await card.GetByLabel("Reason").FillAsync("Feeling better");
        await card.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment" }).ClickAsync();
        await Expect(page.GetByTestId("appointment-status")).ToHaveTextAsync("Cancelled");
        await Expect(page.GetByTestId("payment-status")).ToHaveAttributeAsync("data-status", "released", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("payment-settlement")).ToHaveTextAsync("Nothing was charged: you cancelled in time");
        await Expect(page.GetByTestId("payment-amount-held")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("pay-button")).ToHaveCountAsync(0);

        // The admin on a phone: the payments table scrolls inside its frame, the policy's long setting name wraps.
        var admin = await fixture.NewPageAsync(width: 390, height: 844);
        await BrowserSignIn.SignInAsync(admin, "admin@demo.telemed.dev", host);
        await admin.GotoAsync("/admin/payments");
        await Expect(admin.Locator("table").First).ToBeVisibleAsync();
        (await admin.EvaluateAsync<bool>(NoSidewaysScroll)).ShouldBeTrue("the payments page has no sideways scrolling");
        await admin.GotoAsync("/admin/clinic-policy");
        await Expect(admin.GetByTestId("recording-unavailable")).ToBeVisibleAsync();
        (await admin.EvaluateAsync<bool>(NoSidewaysScroll)).ShouldBeTrue("the clinic policy page has no sideways scrolling");
    }

    [Fact]
    public async Task The_front_desk_registers_a_walk_in_with_a_long_unbroken_family_name_and_the_patient_page_fits_a_phone()
    {
        var page = await fixture.NewPageAsync(width: 390, height: 844);
        await BrowserSignIn.SignInAsync(page, "frontdesk@demo.telemed.dev", fixture.Host);
        await page.GotoAsync("/front-desk/patients/new");
        await page.GetByLabel("Given name").FillAsync("Konstantin-Maximilian");
        await page.GetByLabel("Family name").FillAsync("Verylongfamilynamewithoutanybreaksatallovsky-Korsakov");
        await page.GetByLabel("Date of birth").FillAsync("1980-02-29");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync($"walk-in-long-{Guid.NewGuid():N}@example.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register patient" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/front-desk/patients/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Verylongfamilynamewithoutanybreaksatallovsky");
        (await page.EvaluateAsync<bool>(NoSidewaysScroll)).ShouldBeTrue("the patient's page has no sideways scrolling");
    }

    [Theory]
    [InlineData("English")]
    [InlineData("Русский")]
    public async Task The_admin_reads_users_doctors_and_clinics_on_a_phone_as_cards_with_every_action_in_view(string language)
    {
        var admin = await fixture.NewPageAsync(width: 390, height: 844);
        await BrowserSignIn.SignInAsync(admin, "admin@demo.telemed.dev", fixture.Host);
        await admin.GetByRole(AriaRole.Button, new() { Name = language, Exact = true }).ClickAsync();
        foreach (var (path, table) in new[] { ("/admin/users", "users-table"), ("/admin/doctors", "doctors-table"), ("/admin/clinics", "clinics-table") })
        {
            await admin.GotoAsync(path);
            var rows = admin.GetByTestId(table).Locator("tbody tr");
            await Expect(rows.First).ToBeVisibleAsync();
            (await admin.EvaluateAsync<bool>(NoSidewaysScroll)).ShouldBeTrue($"{path} has no sideways scrolling");
            // The table's own frame does not scroll sideways either: every cell, and so every action button, is on screen.
            (await admin.GetByTestId(table).EvaluateAsync<bool>("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth"))
                .ShouldBeTrue($"{path}: the table fits its frame");
            foreach (var button in await rows.First.GetByRole(AriaRole.Button).AllAsync())
            {
                var box = (await button.BoundingBoxAsync())!;
                (box.X + box.Width).ShouldBeLessThanOrEqualTo(390, $"{path}: {await button.InnerTextAsync()} is on screen");
            }
        }

        // A user's role editor spans the card: its Save button is on screen too.
        await admin.GotoAsync("/admin/users");
        var first = admin.GetByTestId("users-table").Locator("tbody tr").First;
        await first.GetByRole(AriaRole.Button, new() { Name = language == "English" ? "Edit roles" : "Изменить роли" }).ClickAsync();
        var save = admin.GetByTestId("users-table").GetByRole(AriaRole.Button, new() { Name = language == "English" ? "Save roles" : "Сохранить роли" });
        await Expect(save).ToBeVisibleAsync();
        var saveBox = (await save.BoundingBoxAsync())!;
        (saveBox.X + saveBox.Width).ShouldBeLessThanOrEqualTo(390, "Save roles is on screen");
        (await admin.EvaluateAsync<bool>(NoSidewaysScroll)).ShouldBeTrue("the open role editor has no sideways scrolling");
    }

    [Theory]
    [InlineData("English")]
    [InlineData("Русский")]
    public async Task A_doctors_signing_certificate_and_the_admins_certificate_list_fit_a_phone_and_their_dialogs_keep_their_buttons_on_a_short_screen(string language)
    {
        var english = language == "English";
        var doctor = await fixture.NewPageAsync(width: 390, height: 844);
        await BrowserSignIn.SignInAsync(doctor, DoctorEmail, fixture.Host);
        await doctor.GetByRole(AriaRole.Button, new() { Name = language, Exact = true }).ClickAsync();
        await doctor.GotoAsync("/doctor/profile");
        var panel = doctor.GetByTestId("my-signing-certificate");
        await Expect(panel.GetByTestId("certificate-details")).ToBeVisibleAsync();
        (await doctor.EvaluateAsync<bool>(NoSidewaysScroll)).ShouldBeTrue("the doctor's profile has no sideways scrolling");
        await AssertOnScreenAsync(panel.Locator("code"), 390, 844, "the serial number wraps inside the card", scroll: true);

        // The renewal's confirmation on a short phone screen: its buttons are on screen (the doctor cancels; nothing is renewed).
        await doctor.SetViewportSizeAsync(390, 600);
        var renewName = english ? "Renew certificate" : "Обновить сертификат";
        await panel.GetByRole(AriaRole.Button, new() { Name = renewName }).ClickAsync();
        var renew = doctor.GetByTestId("renew-certificate-confirm");
        await AssertOnScreenAsync(renew.GetByRole(AriaRole.Button, new() { Name = renewName }), 390, 600, "Renew in the dialog");
        await renew.GetByRole(AriaRole.Button, new() { Name = english ? "Cancel" : "Отмена" }).ClickAsync();
        await Expect(renew).ToHaveCountAsync(0);

        var admin = await fixture.NewPageAsync(width: 390, height: 844);
        await BrowserSignIn.SignInAsync(admin, "admin@demo.telemed.dev", fixture.Host);
        await admin.GetByRole(AriaRole.Button, new() { Name = language, Exact = true }).ClickAsync();
        await admin.GotoAsync("/admin/signing-certificates");
        await admin.GetByTestId("credential-status-filter").SelectOptionAsync("");
        var table = admin.GetByTestId("signing-credentials");
        var rows = table.Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        (await admin.EvaluateAsync<bool>(NoSidewaysScroll)).ShouldBeTrue("the certificate list has no sideways scrolling");
        var frame = await table.EvaluateAsync<int[]>("t => [t.parentElement.scrollWidth, t.parentElement.clientWidth]");
        output.WriteLine($"{language}: certificate table {frame[0]} px in a {frame[1]} px frame");
        frame[0].ShouldBeLessThanOrEqualTo(frame[1], "the certificate table fits its frame");
        var revokeName = english ? "Revoke" : "Отозвать";
        var revokeButton = table.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{revokeName}: ") }).First;
        await AssertOnScreenAsync(revokeButton, 390, 844, "a row's Revoke", scroll: true);
        foreach (var serial in await table.Locator("code").AllAsync())
        {
            var box = (await serial.BoundingBoxAsync())!;
            (box.X + box.Width).ShouldBeLessThanOrEqualTo(390, "a serial number wraps inside its card");
        }

        // A phone held sideways, under its browser's toolbars (844 × 340): the revoke dialog, with its Reason select, is taller than
        // the screen's room (357 px, 381 in Russian, ran past the screen's top and bottom); it fits the screen, scrolls inside itself
        // and its confirm button stays on screen (the admin cancels; nothing is revoked).
        await admin.SetViewportSizeAsync(844, 340);
        await revokeButton.ClickAsync();
        var dialog = admin.GetByTestId("revoke-certificate-confirm");
        var heights = await dialog.EvaluateAsync<int[]>("d => [d.scrollHeight, d.clientHeight]");
        output.WriteLine($"{language}: revoke dialog content {heights[0]} px in {heights[1]} px at 844 x 340");
        await AssertOnScreenAsync(dialog, 844, 340, "the revoke dialog");
        await AssertOnScreenAsync(dialog.GetByLabel(english ? "Reason" : "Причина"), 844, 340, "the Reason select, scrolled to", scroll: true);
        await AssertOnScreenAsync(dialog.GetByRole(AriaRole.Button, new() { Name = revokeName, Exact = true }), 844, 340, "Revoke in the dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = english ? "Cancel" : "Отмена" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("English")]
    [InlineData("Русский")]
    public async Task Given_a_doctor_on_a_phone_When_she_reads_her_week_Then_it_shows_one_day_at_a_time_without_sideways_scrolling_and_a_visit_opens_from_the_day(string language)
    {
        var english = language == "English";
        var host = fixture.Host;
        var email = await TestPatients.NewAsync(host, "PhoneWeek");
        Guid doctorId, appointmentId;
        string clinicDate;
        using (var doctorApi = await host.SignedInAsync(DoctorEmail))
        using (var patientApi = await host.SignedInAsync(email))
        {
            doctorId = await ConsultationsApi.DoctorIdAsync(doctorApi);
            // Nine days on: never in this week, so the day view opens on the visit's week's Monday.
            var slots = await SchedulingApi.SlotsAsync(patientApi, doctorId, SchedulingApi.Today(host).AddDays(9), 4);
            var booked = await SchedulingApi.BookAsync(patientApi, doctorId, slots[slots.Count / 2]);
            await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
            var appointment = await booked.Content.ReadFromJsonAsync<JsonElement>();
            appointmentId = appointment.GetProperty("id").GetGuid();
            clinicDate = appointment.GetProperty("clinicLocal").GetString()![..10];
        }

        var monday = DateOnly.ParseExact(clinicDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        monday = monday.AddDays(-(((int)monday.DayOfWeek + 6) % 7));
        var page = await fixture.NewPageAsync(width: 390, height: 844);
        await BrowserSignIn.SignInAsync(page, DoctorEmail, host);
        await page.GetByRole(AriaRole.Button, new() { Name = language, Exact = true }).ClickAsync();
        await page.GotoAsync($"/doctor/schedule?week={clinicDate}");
        var day = page.GetByTestId("day-title");
        await Expect(day).ToHaveAttributeAsync("data-date", monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("week-grid")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("day-grid")).ToBeVisibleAsync();

        // Step through the week with the keyboard-reachable "Next day" button to the visit's day.
        var nextDay = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(english ? "^Next day: " : "^Следующий день: ") });
        for (var date = monday; date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) != clinicDate; date = date.AddDays(1))
        {
            await nextDay.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(day).ToHaveAttributeAsync("data-date", date.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        var block = page.GetByTestId("day-grid").Locator($"[data-appointment-id='{appointmentId}']");
        await Expect(block).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>(NoSidewaysScroll)).ShouldBeTrue("the schedule has no sideways scrolling");
        var scrollers = await page.EvaluateAsync<string[]>(InnerSidewaysScrollers);
        output.WriteLine($"{language}: inner sideways scrollers on the schedule: [{string.Join("; ", scrollers)}]");
        scrollers.ShouldBeEmpty("nothing on the schedule scrolls sideways inside its frame");
        await AssertOnScreenAsync(nextDay, 390, 844, "Next day", scroll: true);
        await AssertOnScreenAsync(block.GetByRole(AriaRole.Link).First, 390, 844, "the visit's time link", scroll: true);
        await Axe.AssertCleanAsync(page);

        await block.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/doctor/appointments/{appointmentId}$"));
        await Expect(page.GetByTestId("appointment-status")).ToBeVisibleAsync();

        // The front desk's schedules page holds the same calendar (and the doctor's availability): nothing scrolls sideways there either.
        var desk = await fixture.NewPageAsync(width: 390, height: 844);
        await BrowserSignIn.SignInAsync(desk, SchedulingApi.FrontDesk, host);
        await desk.GetByRole(AriaRole.Button, new() { Name = language, Exact = true }).ClickAsync();
        await desk.GotoAsync($"/front-desk/schedules?doctor={doctorId}&week={clinicDate}");
        await Expect(desk.GetByTestId("day-grid")).ToBeVisibleAsync();
        (await desk.EvaluateAsync<bool>(NoSidewaysScroll)).ShouldBeTrue("the front desk's schedules have no sideways scrolling");
        (await desk.EvaluateAsync<string[]>(InnerSidewaysScrollers)).ShouldBeEmpty("nothing on the front desk's schedules scrolls sideways inside its frame");

        // The front desk's patient search: each found patient is a labelled card with "Book a visit" on screen.
        await desk.GotoAsync("/front-desk");
        await desk.GetByRole(AriaRole.Searchbox).FillAsync($"Patient{email.Split('-')[2].Split('@')[0]}");
        await desk.GetByRole(AriaRole.Searchbox).PressAsync("Enter");
        var results = desk.GetByTestId("front-desk-results");
        await Expect(results.Locator("tbody tr")).ToHaveCountAsync(1);
        (await desk.EvaluateAsync<bool>(NoSidewaysScroll)).ShouldBeTrue("the front desk's search has no sideways scrolling");
        var searchScrollers = await desk.EvaluateAsync<string[]>(InnerSidewaysScrollers);
        output.WriteLine($"{language}: inner sideways scrollers on the front desk's search: [{string.Join("; ", searchScrollers)}]");
        searchScrollers.ShouldBeEmpty("the search results fit their frame");
        await AssertOnScreenAsync(results.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(english ? "^Book" : "^Записать") }), 390, 844, "Book a visit", scroll: true);
        await Axe.AssertCleanAsync(desk);
    }

    [Theory]
    [InlineData("English")]
    [InlineData("Русский")]
    public async Task Given_a_doctor_opened_a_patients_record_When_the_patient_reads_privacy_on_a_phone_Then_the_access_report_is_labelled_cards_not_a_table_scrolled_sideways(string language)
    {
        var host = fixture.Host;
        var email = await TestPatients.NewAsync(host, "PhoneAccess");
        using (var doctorApi = await host.SignedInAsync(DoctorEmail))
        using (var patientApi = await host.SignedInAsync(email))
        {
            var doctorId = await ConsultationsApi.DoctorIdAsync(doctorApi);
            var slots = await SchedulingApi.SlotsAsync(patientApi, doctorId, SchedulingApi.Today(host).AddDays(5), 4);
            var booked = await SchedulingApi.BookAsync(patientApi, doctorId, slots[slots.Count / 2]);
            await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
            var patientId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("patientId").GetGuid();
            // The booked visit's doctor reads the record (once the records module has heard of the new patient): an audited access the
            // patient's report lists.
            await SchedulingApi.WaitForAsync(async () =>
                (await doctorApi.GetAsync($"/api/v1/patients/{patientId}/record/timeline")).StatusCode == HttpStatusCode.OK ? "read" : null,
                TimeSpan.FromSeconds(20), "the doctor's read of the new patient's record");
            await SchedulingApi.WaitForAsync(async () =>
            {
                var report = await patientApi.GetJsonAsync<JsonElement>("/api/v1/me/access-report");
                return report.GetProperty("items").GetArrayLength() > 0 ? "listed" : null;
            }, TimeSpan.FromSeconds(20), "the doctor's read in the access report");
        }

        var page = await fixture.NewPageAsync(width: 390, height: 844);
        await BrowserSignIn.SignInAsync(page, email);
        await page.GetByRole(AriaRole.Button, new() { Name = language, Exact = true }).ClickAsync();
        await page.GotoAsync("/patient/privacy");
        var rows = page.GetByTestId("access-report").Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(rows.First).ToContainTextAsync("Olga Smirnova");
        (await page.EvaluateAsync<bool>(NoSidewaysScroll)).ShouldBeTrue("the privacy page has no sideways scrolling");
        var scrollers = await page.EvaluateAsync<string[]>(InnerSidewaysScrollers);
        output.WriteLine($"{language}: inner sideways scrollers on privacy: [{string.Join("; ", scrollers)}]");
        scrollers.ShouldBeEmpty("the access report fits its frame (it was 474 px in 324 px, 440 in Russian)");
        await Axe.AssertCleanAsync(page);
    }

    /// <summary>The element is wholly inside a viewport of width × height CSS px (after scrolling it into view if asked), without scrolling the page sideways.</summary>
    private static async Task AssertOnScreenAsync(ILocator element, int width, int height, string what, bool scroll = false)
    {
        if (scroll) await element.ScrollIntoViewIfNeededAsync();
        await Expect(element).ToBeVisibleAsync();
        var box = (await element.BoundingBoxAsync())!;
        box.X.ShouldBeGreaterThanOrEqualTo(0, $"{what} starts on screen");
        box.Y.ShouldBeGreaterThanOrEqualTo(0, $"{what} starts on screen");
        (box.X + box.Width).ShouldBeLessThanOrEqualTo(width, $"{what} ends on screen");
        (box.Y + box.Height).ShouldBeLessThanOrEqualTo(height, $"{what} ends on screen");
    }
}
