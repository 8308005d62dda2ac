using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 13 item 6 in the web app: a new patient downloads their data from the Privacy page (a ZIP with bundle.json) and asks,
/// with a reason, to erase it; an admin reviews the request on the new "Erasure requests" page and carries it out. The patient's
/// account is then closed (signing in fails), so what they are told is checked where it reaches them: the e-mail in the
/// development outbox, naming what the law keeps; the admin's review shows the same answer. At 375 px, axe-clean on both pages.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ErasureJourney(BrowserFixture fixture)
{
    private const string Admin = "admin@demo.telemed.dev";

    private TelemedHost Host => fixture.Host;

    [Fact]
    public async Task ErasureJourney_patient_downloads_their_data_asks_for_erasure_and_an_admin_carries_it_out()
    {
        var email = await TestPatients.NewAsync(Host, "Erasure", "male");
        var reason = "Moving abroad " + Guid.NewGuid().ToString("N")[..6];

        // The patient, at phone width: a real download of the ZIP, then the request through the confirm dialog (keyboard).
        var patient = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(patient, email);
        await patient.GotoAsync("/patient/privacy");
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "A copy of my data" })).ToBeVisibleAsync();
        var download = await patient.RunAndWaitForDownloadAsync(() => patient.GetByRole(AriaRole.Button, new() { Name = "Download my data" }).ClickAsync());
        download.SuggestedFilename.ShouldStartWith("telemed-export-");
        download.SuggestedFilename.ShouldEndWith(".zip");
        await using (var zipFile = File.OpenRead((await download.PathAsync())!))
        using (var zip = new ZipArchive(zipFile, ZipArchiveMode.Read))
        {
            var bundle = zip.GetEntry("bundle.json");
            bundle.ShouldNotBeNull();
            await using var bundleStream = bundle.Open();
            using var json = await JsonDocument.ParseAsync(bundleStream);
            json.RootElement.GetProperty("resourceType").GetString().ShouldBe("Bundle");
        }

        await Expect(patient.GetByText(new System.Text.RegularExpressions.Regex("has been downloaded"))).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(patient);

        var ask = patient.GetByRole(AriaRole.Button, new() { Name = "Ask to erase my data" });
        await ask.FocusAsync();
        await patient.Keyboard.PressAsync("Enter");
        var dialog = patient.GetByRole(AriaRole.Dialog, new() { Name = "Ask the clinic to erase your data?" });
        await Expect(dialog).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(patient);
        await dialog.GetByLabel("Why are you asking? (optional)").FillAsync(reason);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Expect(patient.GetByText("Your request has been sent to the clinic.")).ToBeVisibleAsync();
        var status = patient.GetByTestId("erasure-status");
        await Expect(status).ToContainTextAsync("Waiting for the clinic");
        await Expect(status).ToContainTextAsync(reason);
        await Expect(ask).ToHaveCountAsync(0);
        await Axe.AssertCleanAsync(patient);

        // The admin finds it on the new page (from the nav), reviews it and carries it out after confirming.
        var admin = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(admin, Admin, Host);
        await admin.GotoAsync("/admin/erasure-requests");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Erasure requests", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(admin);
        var table = admin.GetByTestId("erasure-requests");
        var row = table.Locator("tbody tr").Filter(new() { HasText = "Waiting for the clinic" });
        await Expect(row.First).ToBeVisibleAsync();
        // The newest open request is this patient's: open requests come oldest first, so take the last open one.
        await row.Last.GetByRole(AriaRole.Button).ClickAsync();
        var review = admin.GetByTestId("erasure-review");
        await Expect(review).ToContainTextAsync(reason);
        await Axe.AssertCleanAsync(admin);
        await review.GetByRole(AriaRole.Button, new() { Name = "Carry out" }).ClickAsync();
        var confirm = admin.GetByRole(AriaRole.Dialog, new() { Name = "Carry out this erasure request?" });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Carry out" }).ClickAsync();
        await Expect(review.GetByText("The request has been carried out and the patient has been told by e-mail.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(review).ToContainTextAsync("Carried out");
        await Expect(review).ToContainTextAsync("Account closed");
        await Expect(review.GetByTestId("erasure-kept")).ToContainTextAsync("Signed visit protocols and diagnoses");
        await Axe.AssertCleanAsync(admin);

        // The patient can no longer sign in; they are told by e-mail what was removed and what the law keeps, until when.
        using (var again = Host.CreateApiClient())
        {
            var signIn = await again.Http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = Demo.Password });
            signIn.IsSuccessStatusCode.ShouldBeFalse();
        }

        var told = await ErasureEmailAsync(email);
        told.ShouldContain("your account is closed");
        told.ShouldContain("The law requires us to keep:");
        told.ShouldContain("Signed visit protocols and diagnoses: until");
    }

    [Fact]
    public async Task ErasureJourney_the_export_and_erasure_sections_read_in_Russian_and_are_axe_clean()
    {
        var email = await TestPatients.NewAsync(Host, "Erasure", "male");
        var ru = await fixture.NewPageAsync("ru-RU", width: 375, height: 812);
        await ru.GotoAsync("/sign-in");
        await ru.GetByLabel("Электронная почта").FillAsync(email);
        await ru.GetByLabel("Пароль").FillAsync(Demo.Password);
        await ru.GetByRole(AriaRole.Button, new() { Name = "Войти", Exact = true }).ClickAsync();
        await Expect(ru).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/patient"));
        await ru.GotoAsync("/patient/privacy");
        await Expect(ru.GetByRole(AriaRole.Heading, new() { Name = "Копия моих данных" })).ToBeVisibleAsync();
        await Expect(ru.GetByRole(AriaRole.Button, new() { Name = "Скачать мои данные" })).ToBeVisibleAsync();
        await ru.GetByRole(AriaRole.Button, new() { Name = "Попросить удалить мои данные" }).ClickAsync();
        var dialog = ru.GetByRole(AriaRole.Dialog, new() { Name = "Попросить клинику удалить ваши данные?" });
        await Expect(dialog).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(ru);
        // Escape cancels: nothing is asked.
        await ru.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(ru.GetByTestId("erasure-status")).ToHaveCountAsync(0);
    }

    /// <summary>The body of the "Your data has been erased" e-mail to <paramref name="to"/> from the development outbox (sending is asynchronous).</summary>
    private async Task<string> ErasureEmailAsync(string to)
    {
        using var admin = Host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await admin.GetJsonAsync<JsonElement>("/api/v1/admin/outbox?channel=email&pageSize=100");
            var body = page.GetProperty("items").EnumerateArray()
                .Where(m => string.Equals(m.GetProperty("to").GetString(), to, StringComparison.OrdinalIgnoreCase) && m.GetProperty("subject").GetString() == "Your data has been erased")
                .Select(m => m.GetProperty("body").GetString()).FirstOrDefault();
            if (body is not null)
            {
                return body;
            }

            DateTime.UtcNow.ShouldBeLessThan(until, "no erasure e-mail reached the outbox");
            await Task.Delay(500);
        }
    }
}
