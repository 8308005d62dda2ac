using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 14's journey in Chromium: the patient sees the price on the slot and at confirmation (the server's quote: rate × length ×
/// qualification factor), pays with the sandbox test card, has the visit (ended after 17 minutes by the injected clock), is charged
/// the final amount for 20 billed minutes, downloads the receipt, and leaves a review that appears on the doctor's profile.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PaymentJourney(BrowserFixture fixture, PaymentJourneyHost host) : IClassFixture<PaymentJourneyHost>
{
    private const string DoctorEmail = "lena.schneider@demo.telemed.dev";

    private TelemedHost Host => host;

    /// <summary>2,800.00 ₽/h with the "second" category (factor 1.1): rate × minutes ÷ 60 × factor, rounded half away from zero.</summary>
    private static long Price(int minutes) => (long)Math.Round(280_000m * minutes / 60m * 1.1m, MidpointRounding.AwayFromZero);

    private static Regex Rubles(long minor) =>
        new(Regex.Escape((minor / 100m).ToString("N2", CultureInfo.GetCultureInfo("en-US"))).Replace(",", "[,\\s\\u00a0]?"));

    [Fact]
    public async Task PaymentJourney_price_on_the_slot_pay_with_a_test_card_charged_for_17_minutes_receipt_and_a_review_on_the_profile()
    {
        var email = await TestPatients.NewAsync(Host, "Payment");
        Guid doctorId;
        using (var doctorApi = await Host.SignedInAsync(DoctorEmail))
        {
            doctorId = await DoctorIdAsync(doctorApi);
        }

        // The price on the slot and at confirmation is the server's quote for a 30-minute visit, tomorrow.
        var from = SchedulingApi.Today(Host).AddDays(1);
        var page = await fixture.NewPageAsync(width: 375, height: 812, host: Host);
        await BrowserSignIn.SignInAsync(page, email);
        await page.GotoAsync($"/patient/book?kind=video&specialty=dermatology&from={from:yyyy-MM-dd}&to={from.AddDays(3):yyyy-MM-dd}");
        var card = page.GetByTestId("doctor-slots-card").Filter(new() { HasText = "Lena Schneider" });
        await Expect(card.GetByTestId("slot-price")).ToHaveTextAsync(Rubles(Price(30)));
        await card.GetByTestId("slot-list").GetByRole(AriaRole.Button).First.ClickAsync();
        var confirmation = page.GetByTestId("booking-confirmation");
        await Expect(confirmation.GetByTestId("confirm-price")).ToHaveTextAsync(Rubles(Price(30)));
        await confirmation.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/patient/appointments/[0-9a-f-]{36}"));
        var appointmentId = Guid.Parse(new Regex("/patient/appointments/([0-9a-f-]{36})").Match(page.Url).Groups[1].Value);

        // Pay with the sandbox's test card: authorised, nothing taken yet.
        var form = page.GetByTestId("card-form");
        await Expect(form).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await form.GetByTestId("card-number").FillAsync("4242 4242 4242 4242");
        await form.GetByTestId("card-expiry").FillAsync($"12/{(DateTime.UtcNow.Year + 2) % 100:00}");
        await form.GetByTestId("card-cvc").FillAsync("123");
        await Axe.AssertCleanAsync(page);
        await form.GetByTestId("pay-button").ClickAsync();
        await Expect(page.GetByTestId("payment-authorised")).ToContainTextAsync("•••• 4242");
        await Expect(page.GetByTestId("payment-status")).ToHaveAttributeAsync("data-status", "authorised");

        // The visit, through the API, on the host's clock: 17 minutes from accept to end (the doctor writes notes half-way).
        using (var booker = await Host.SignedInAsync(email))
        {
            var start = (await booker.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{appointmentId}")).GetProperty("start").GetDateTime().ToUniversalTime();
            Host.Clock.Advance(start.AddMinutes(-5) - Host.Clock.GetUtcNow().UtcDateTime);
        }

        Guid consultationId;
        using (var patientApi = await Host.SignedInAsync(email))
        using (var doctorApi = await Host.SignedInAsync(DoctorEmail))
        {
            var admission = await EnterAsync(patientApi, appointmentId, Complaint(["left-arm"], 2, "weeks", description: "A dry patch of skin"));
            consultationId = admission.GetProperty("consultation").GetProperty("id").GetGuid();
            await (await doctorApi.PostAsync($"/api/v1/consultations/{consultationId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            Host.Clock.Advance(TimeSpan.FromMinutes(9));
            await (await doctorApi.PutAsync($"/api/v1/consultations/{consultationId}/notes", new { text = "Eczema; emollients." })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            Host.Clock.Advance(TimeSpan.FromMinutes(8));
            await (await doctorApi.PostAsync($"/api/v1/consultations/{consultationId}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        // Charged for 20 billed minutes (17, per started 5), below the quote; the receipt downloads as a PDF.
        var after = await fixture.NewPageAsync(width: 375, height: 812, host: Host);
        await BrowserSignIn.SignInAsync(after, email);
        await after.GotoAsync($"/patient/appointments/{appointmentId}");
        for (var attempt = 0; attempt < 20 && await after.GetByTestId("payment-status").GetAttributeAsync("data-status") != "captured"; attempt++)
        {
            await Task.Delay(500);
            await after.ReloadAsync();
        }

        await Expect(after.GetByTestId("payment-status")).ToHaveAttributeAsync("data-status", "captured");
        await Expect(after.GetByTestId("payment-amount-captured")).ToHaveTextAsync(Rubles(Price(20)));
        await Axe.AssertCleanAsync(after);
        var download = await after.RunAndWaitForDownloadAsync(() => after.GetByTestId("receipt-link").ClickAsync());
        download.SuggestedFilename.ShouldMatch(@"^receipt-\d{4}-\d{6}\.pdf$");
        var path = await download.PathAsync();
        (await File.ReadAllBytesAsync(path!))[..5].ShouldBe("%PDF-"u8.ToArray());

        // A review of the visit, then on the doctor's public profile.
        var words = "Clear advice and a fair price " + Guid.NewGuid().ToString("N")[..6];
        await after.GotoAsync($"/patient/consultations/{consultationId}/review");
        var review = after.GetByTestId("leave-review");
        await review.GetByRole(AriaRole.Group, new() { Name = "Your rating" }).GetByRole(AriaRole.Radio, new() { Name = "5 out of 5 stars" }).CheckAsync();
        await review.GetByLabel("Your words (optional)").FillAsync(words);
        await review.GetByRole(AriaRole.Button, new() { Name = "Send review" }).ClickAsync();
        await Expect(after.GetByText("Thank you for your review!")).ToBeVisibleAsync();

        var visitor = await fixture.NewPageAsync(width: 375, height: 812, host: Host);
        await visitor.GotoAsync($"/doctors/{doctorId}");
        await Expect(visitor.GetByTestId("doctor-reviews").Locator("li").Filter(new() { HasText = words })).ToBeVisibleAsync();
    }
}

/// <summary>The payment journey's own host: it moves the host's clock to the visit, which would shift the shared host's "today" under the other journeys.</summary>
public sealed class PaymentJourneyHost() : TelemedHost(Telemed.BuildingBlocks.Data.DatabaseProvider.Sqlite);
