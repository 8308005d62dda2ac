using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 11, patients' everyday features: browsing doctors before signing in, and booking straight from the profile.
/// Uses Irina Novikova (no other journey books her) and patients no other journey signs in as.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicDoctorsJourney(BrowserFixture browser)
{
    private const string Daria = "daria.komarova@demo.telemed.dev";
    private const string Yulia = "yulia.mikhailova@demo.telemed.dev";
    private const string Doctor = "Irina Novikova";

    private TelemedHost Host => browser.Host;

    private static async Task<string> PageTextAsync(IPage page) => await page.InnerTextAsync("body");

    /// <summary>The patient's own appointments with the doctor, as UTC starts.</summary>
    private async Task<List<DateTime>> StartsWithDoctorAsync(string patientEmail, Guid doctorId)
    {
        using var api = await Host.SignedInAsync(patientEmail);
        var mine = await api.GetJsonAsync<JsonElement>("/api/v1/scheduling/appointments/mine?pageSize=100");
        var items = mine.ValueKind == JsonValueKind.Array ? mine.EnumerateArray() : mine.GetProperty("items").EnumerateArray();
        return items.Where(a => a.GetProperty("doctorId").GetGuid() == doctorId && a.GetProperty("status").GetString() is "booked" or "confirmed")
            .Select(a => a.GetProperty("start").GetDateTime().ToUniversalTime()).ToList();
    }

    [Fact]
    public async Task A_visitor_searches_signed_out_picks_a_time_signs_in_and_lands_on_the_confirm_step_with_that_time_then_books()
    {
        var page = await browser.NewPageAsync("en-US", 375, 812);
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Find a doctor" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/doctors$"));
        await Expect(page.GetByTestId("doctor-card").First).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(page);

        await page.GetByLabel("Specialty").SelectOptionAsync(new SelectOptionValue { Label = "Gynecology" });
        await page.GetByLabel("Language").SelectOptionAsync(new SelectOptionValue { Label = "English" });
        await page.GetByLabel("Clinic").SelectOptionAsync(new SelectOptionValue { Label = "Telemed Clinic Moscow (Moscow)" });
        await page.GetByLabel("Name").FillAsync("Novikova");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("clinicId="));
        await Expect(page.GetByTestId("doctor-card")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new() { Name = Doctor }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/doctors/[0-9a-f-]{36}$"));
        var doctorId = Guid.Parse(page.Url.Split('/')[^1]);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Doctor })).ToBeVisibleAsync();

        var video = page.GetByTestId("next-times-video");
        await Expect(video.GetByRole(AriaRole.Button).First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("next-times-video-price")).ToContainTextAsync("min");
        await Axe.AssertCleanAsync(page);

        // The second time, so that "the first free one" would be wrong.
        var time = video.GetByRole(AriaRole.Button).Nth(1);
        var start = DateTime.Parse((await time.GetAttributeAsync("data-start"))!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        await time.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?returnTo="));
        await page.GetByLabel("E-mail").FillAsync(Daria);
        await page.GetByLabel("Password").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/patient/doctors/{doctorId}/book\\?"));
        try
        {
            await Expect(page.GetByTestId("booking-confirmation")).ToBeVisibleAsync();
        }
        catch (PlaywrightException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nPage text: {await PageTextAsync(page)}");
        }

        await Expect(page.GetByTestId("confirm-length")).ToContainTextAsync("min");
        await Expect(page.GetByTestId("confirm-price")).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(page);
        await page.GetByTestId("booking-confirmation").GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/patient/appointments/[0-9a-f-]{36}$"));

        (await StartsWithDoctorAsync(Daria, doctorId)).ShouldContain(start);
    }

    [Fact]
    public async Task A_signed_in_patient_books_straight_from_the_profile_with_the_length_and_price_on_the_confirm_step()
    {
        var page = await browser.NewPageAsync("en-US", 375, 812);
        await BrowserSignIn.SignInAsync(page, Yulia);
        await page.GotoAsync("/patient/doctors?name=Novikova");
        await page.GetByRole(AriaRole.Link, new() { Name = Doctor }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/patient/doctors/[0-9a-f-]{36}$"));
        var doctorId = Guid.Parse(page.Url.Split('/')[^1]);

        var time = page.GetByTestId("next-times-video").GetByRole(AriaRole.Button).First;
        await Expect(time).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(page);
        var start = DateTime.Parse((await time.GetAttributeAsync("data-start"))!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        await time.ClickAsync();
        await Expect(page.GetByTestId("booking-confirmation")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("confirm-length")).ToContainTextAsync("min");
        await Expect(page.GetByTestId("confirm-price")).ToBeVisibleAsync();
        await page.GetByTestId("booking-confirmation").GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/patient/appointments/[0-9a-f-]{36}$"));
        (await StartsWithDoctorAsync(Yulia, doctorId)).ShouldContain(start);
    }

    [Fact]
    public async Task The_public_doctor_pages_are_axe_clean_in_Russian_at_375px()
    {
        var page = await browser.NewPageAsync("en-US", 375, 812);
        await page.GotoAsync("/doctors");
        await page.GetByRole(AriaRole.Button, new() { Name = "Русский" }).ClickAsync();
        await Expect(page.GetByTestId("doctor-card").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Найти врача" })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(page);
        await page.GetByTestId("doctor-card").First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByTestId("profile-next-times")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("next-times-chat")).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(page);
    }
}
