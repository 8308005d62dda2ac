using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// What a walk through the portals on a 390 px phone found: a patient who cancels a paid visit sees the hold released without
/// reloading (and is asked for the reason under its field first); the admin's payments and clinic policy, and a walk-in patient
/// with a long unbroken family name, fit the phone's width.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneWalkthroughJourneys(BrowserFixture fixture)
{
    private const string DoctorEmail = "olga.smirnova@demo.telemed.dev";
    private const string NoSidewaysScroll = "() => document.documentElement.scrollWidth <= window.innerWidth";

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
}
