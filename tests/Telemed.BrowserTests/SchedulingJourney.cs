using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>A host whose e-mail goes to a real SMTP server and SMS to a local Twilio double, for the booking-to-waitlist journey.</summary>
public sealed class SchedulingJourneyFixture : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; } = new();
    public FakeTwilioServer Twilio { get; } = new();
    public TelemedHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Smtp.InitializeAsync(), Twilio.InitializeAsync());
        Host = new TelemedHost(DatabaseProvider.Sqlite, Smtp.HostSettings().Concat(Twilio.HostSettings())
            .Append(new("Scheduling:WorkerIntervalMilliseconds", "250")).ToDictionary(s => s.Key, s => s.Value));
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Twilio.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed partial class SchedulingJourney(BrowserFixture browser, SchedulingJourneyFixture fixture) : IClassFixture<SchedulingJourneyFixture>
{
    private const string Oliver = "oliver.grant@demo.telemed.dev";
    private const string OliversPhone = "+44 7700 900101";
    private const string Sophie = "sophie.turner@demo.telemed.dev";

    [GeneratedRegex(@"https?://[^\s]+/r/[A-Za-z0-9_\-\.]+")]
    private static partial Regex Link();

    private static async Task<IPage> PageAsync(IBrowser chromium, TelemedHost host, string timeZone)
    {
        var context = await chromium.NewContextAsync(new()
        {
            BaseURL = host.BaseAddress.ToString().TrimEnd('/'), Locale = "en-US", TimezoneId = timeZone, ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        UrlPhiGuard.Watch(context);
        return await context.NewPageAsync();
    }

    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    [Fact]
    public async Task A_patient_in_New_York_books_confirms_by_email_the_desk_sees_it_live_cancels_by_SMS_and_a_waitlisted_patient_takes_the_slot()
    {
        var host = fixture.Host;
        using var api = await host.SignedInAsync(Oliver);
        var doctor = (await SchedulingApi.DoctorsAsync(api))[11];

        // 1. Oliver, in New York, books the doctor's first video slot; the page shows his time and the clinic's.
        var patient = await PageAsync(browser.Browser, host, "America/New_York");
        await BrowserSignIn.SignInAsync(patient, Oliver);
        await patient.GotoAsync($"/patient/doctors/{doctor.Id}/book");
        var firstSlot = patient.GetByTestId("slot-list").First.GetByRole(AriaRole.Button).First;
        await Expect(firstSlot).ToHaveAttributeAsync("aria-label", new Regex("your time.*in (Moscow|Novosibirsk)"));
        await firstSlot.ClickAsync();
        await Expect(patient.GetByTestId("booking-confirmation")).ToBeVisibleAsync();
        await patient.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(patient).ToHaveURLAsync(new Regex("/patient/appointments/[0-9a-f-]{36}"));
        var appointmentId = patient.Url[(patient.Url.LastIndexOf('/') + 1)..];
        await Expect(patient.GetByTestId("appointment-status")).ToHaveAttributeAsync("data-status", "booked");
        var appointment = await api.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{appointmentId}");
        var start = appointment.GetProperty("start").GetDateTime().ToUniversalTime();
        var clinicId = appointment.GetProperty("clinicId").GetGuid();
        var clinicDate = appointment.GetProperty("clinicLocal").GetString()![..10];

        // 2. Time passes to two hours before the visit: the reminder goes out by e-mail (real SMTP) and SMS.
        host.Clock.Advance(start.AddHours(-2).AddMinutes(1) - host.Clock.GetUtcNow().UtcDateTime);
        var email = await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(Oliver) && m.Text!.Contains("Confirm:", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var confirmLink = Link().Matches(email.Text!).First().Value;
        await WaitAsync(() => fixture.Twilio.Requests.Any(r => r.Form.GetValueOrDefault("To") == OliversPhone), "the SMS reminder");
        var sms = fixture.Twilio.Requests.Last(r => r.Form.GetValueOrDefault("To") == OliversPhone).Form["Body"];
        var cancelLink = Link().Matches(sms).Last().Value;

        // 3. The front desk watches the clinic's day.
        var desk = await PageAsync(browser.Browser, host, "Europe/Moscow");
        await BrowserSignIn.SignInAsync(desk, SchedulingApi.FrontDesk, host);
        // The day's payment badges come from one GET /payments/statuses, never one GET /appointments/{id}/payment per row (each
        // visit without a payment answered 404, a red console line per row).
        var perRowPaymentReads = new List<string>();
        desk.Request += (_, request) =>
        {
            if (Regex.IsMatch(new Uri(request.Url).AbsolutePath, "^/api/v1/appointments/[^/]+/payment$"))
            {
                perRowPaymentReads.Add(request.Url);
            }
        };
        var statuses = await desk.RunAndWaitForResponseAsync(() => desk.GotoAsync($"/front-desk/today?clinic={clinicId}&date={clinicDate}"),
            response => new Uri(response.Url).AbsolutePath == "/api/v1/payments/statuses");
        Assert.Equal(200, statuses.Status);
        await Expect(desk.GetByTestId("live-status")).ToHaveAttributeAsync("data-state", "live");
        var row = desk.Locator($"[data-testid=front-desk-day] [data-appointment-id='{appointmentId}']");
        await Expect(row).ToHaveAttributeAsync("data-status", "booked");
        var deskUrl = desk.Url;
        Assert.Empty(perRowPaymentReads);

        // 4. Oliver confirms from the e-mail's link; the desk sees it without reloading.
        var mailLink = await PageAsync(browser.Browser, host, "America/New_York");
        await mailLink.GotoAsync(PathOf(confirmLink));
        await Expect(mailLink.GetByTestId("reminder-summary")).ToBeVisibleAsync();
        await mailLink.GetByRole(AriaRole.Button, new() { Name = "Confirm appointment" }).ClickAsync();
        await Expect(mailLink.GetByTestId("reminder-result")).ToContainTextAsync(new Regex("[Cc]onfirmed"));
        await Expect(row).ToHaveAttributeAsync("data-status", "confirmed");
        Assert.Equal(deskUrl, desk.Url);

        // 5. Sophie waits for this doctor; Oliver cancels by the SMS link; the freed slot is offered to her and she takes it.
        using var sophieApi = await host.SignedInAsync(Sophie);
        var day = DateOnly.FromDateTime(start);
        Assert.Equal(System.Net.HttpStatusCode.Created,
            (await sophieApi.PostAsync("/api/v1/scheduling/waitlist", new { doctorId = doctor.Id, kind = "video", from = day.AddDays(-1), to = day.AddDays(1) })).StatusCode);
        var smsLink = await PageAsync(browser.Browser, host, "America/New_York");
        await smsLink.GotoAsync(PathOf(cancelLink));
        await smsLink.GetByRole(AriaRole.Button, new() { Name = "Cancel appointment" }).ClickAsync();
        await Expect(smsLink.GetByTestId("reminder-result")).ToContainTextAsync(new Regex("[Cc]ancelled"));
        await Expect(row).ToHaveAttributeAsync("data-status", "cancelled");

        var sophie = await PageAsync(browser.Browser, host, "Europe/London");
        await BrowserSignIn.SignInAsync(sophie, Sophie);
        await sophie.GotoAsync("/patient/appointments");
        var offer = sophie.GetByTestId("waitlist-offer");
        await Expect(offer).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await offer.GetByRole(AriaRole.Button, new() { Name = "Take this slot" }).ClickAsync();
        await Expect(sophie).ToHaveURLAsync(new Regex("/patient/appointments/[0-9a-f-]{36}"));
        var taken = sophie.Url[(sophie.Url.LastIndexOf('/') + 1)..];
        var takenView = await sophieApi.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{taken}");
        Assert.Equal(start, takenView.GetProperty("start").GetDateTime().ToUniversalTime());
        await Expect(desk.Locator($"[data-testid=front-desk-day] [data-appointment-id='{taken}']")).ToHaveAttributeAsync("data-status", "booked");
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(200);
        }
    }
}
