using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 14, item 5: the admin opens the clinic analytics from the navigation on a phone, sees the figures the API gives for the
/// same period, charts drawn beside their tables, a CSV that downloads with the page's filters, one clinic, and the page in Russian.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminAnalyticsJourney(BrowserFixture fixture)
{
    [Fact]
    public async Task The_admin_reads_the_clinic_analytics_with_charts_tables_and_csv_on_a_phone_and_in_russian()
    {
        // Given a visit booked in the coming days, so the period is never empty.
        using (var patient = await fixture.Host.SignedInAsync("oliver.grant@demo.telemed.dev"))
        {
            var doctorId = (await SchedulingApi.DoctorsAsync(patient))[0].Id;
            var booked = false;
            foreach (var slot in await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(fixture.Host).AddDays(1), 5))
            {
                if ((await SchedulingApi.BookAsync(patient, doctorId, slot)).StatusCode == HttpStatusCode.Created)
                {
                    booked = true;
                    break;
                }
            }

            booked.ShouldBeTrue();
        }

        var admin = await fixture.NewPageAsync(width: 375, height: 800);
        await BrowserSignIn.SignInAsync(admin, "admin@demo.telemed.dev", fixture.Host);
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Analytics", Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/analytics$"));
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Clinic analytics", Level = 1 })).ToBeVisibleAsync();

        // The page opens on the last 30 days; the admin stretches it a week ahead to see what is booked, and the figures are the API's.
        var today = SchedulingApi.Today(fixture.Host);
        await admin.GetByLabel("From", new() { Exact = true }).FillAsync(today.AddDays(-29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.GetByLabel("To", new() { Exact = true }).FillAsync(today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(admin.Locator("[data-export='doctors']")).ToHaveAttributeAsync("href", new Regex($"to={today.AddDays(7):yyyy-MM-dd}"));
        await Expect(admin.GetByTestId("analytics-figures")).ToBeVisibleAsync();
        var exportHref = await admin.Locator("[data-export='doctors']").GetAttributeAsync("href");
        var query = new Uri(new Uri("http://x"), exportHref!).Query;
        query.ShouldContain("from=");
        query.ShouldContain("to=");
        var api = JsonDocument.Parse(await admin.EvaluateAsync<string>(
            $"async () => await (await fetch('/api/v1/admin/analytics{query.Replace("table=doctors&", "", StringComparison.Ordinal)}')).text()")).RootElement;
        var total = api.GetProperty("visits").GetProperty("total").GetInt32();
        total.ShouldBeGreaterThan(0);
        await Expect(admin.Locator("[data-figure='total']")).ToHaveTextAsync(new Regex($"^\\s*{total.ToString("N0", CultureInfo.GetCultureInfo("en-US")).Replace(",", "[,\\s\u00a0]?", StringComparison.Ordinal)}\\s*$"));
        await Expect(admin.GetByTestId("analytics-doctors-table").Locator("tbody tr")).ToHaveCountAsync(api.GetProperty("doctors").GetArrayLength());
        await Expect(admin.GetByTestId("analytics-series-table").Locator("tbody tr")).ToHaveCountAsync(api.GetProperty("series").GetArrayLength());
        // The charts are drawn (recharts' SVG), each an image with a name and the table beside it.
        await Expect(admin.Locator(".analytics-chart[role='img'] svg").First).ToBeVisibleAsync();
        (await admin.Locator(".analytics-chart[role='img']").First.GetAttributeAsync("aria-label")).ShouldNotBeNullOrWhiteSpace();
        await Axe.AssertCleanAsync(admin);

        // The CSV carries the same doctors.
        var csv = await admin.EvaluateAsync<string>($"async () => await (await fetch('{exportHref}')).text()");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("doctor_id,doctor,specialty");
        lines.Length.ShouldBe(api.GetProperty("doctors").GetArrayLength() + 1);
        var download = admin.WaitForDownloadAsync();
        await admin.Locator("[data-export='doctors']").ClickAsync();
        (await download).SuggestedFilename.ShouldStartWith("analytics-doctors-");

        // One clinic: its own zone, and the export links follow.
        await admin.GetByLabel("Clinic", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Telemed Clinic Moscow" });
        await Expect(admin.GetByTestId("analytics-period")).ToContainTextAsync("Moscow");
        await Expect(admin.Locator("[data-export='doctors']")).ToHaveAttributeAsync("href", new Regex("clinicId=[0-9a-f-]{36}"));

        // A period that ends before it starts is explained, not a blank page.
        await admin.GetByLabel("From", new() { Exact = true }).FillAsync("2026-03-10");
        await admin.GetByLabel("To", new() { Exact = true }).FillAsync("2026-03-01");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose a period of at most two years");

        // In Russian.
        var russian = await fixture.NewPageAsync(width: 375, height: 800);
        await BrowserSignIn.SignInAsync(russian, "admin@demo.telemed.dev", fixture.Host);
        await russian.GotoAsync("/admin/analytics");
        await russian.GetByRole(AriaRole.Button, new() { Name = "Русский" }).ClickAsync();
        await Expect(russian.GetByRole(AriaRole.Heading, new() { Name = "Аналитика клиники", Level = 1 })).ToBeVisibleAsync();
        await Expect(russian.GetByTestId("analytics-period")).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(russian);
    }
}
