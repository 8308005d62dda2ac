using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// A doctor renews their signing certificate from their profile, and an administrator, on a phone, revokes it as compromised: the
/// revoked certificate leaves the active list with its reason, and the doctor's next look issues a new one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SigningCertificateJourney(BrowserFixture fixture)
{
    private const string DoctorEmail = "dmitry.kozlov@demo.telemed.dev";
    private const string DoctorName = "Dmitry Kozlov";

    [Fact]
    public async Task A_doctor_renews_their_certificate_and_an_administrator_revokes_it_as_compromised()
    {
        var doctor = await fixture.NewPageAsync(width: 1280, height: 900);
        await BrowserSignIn.SignInAsync(doctor, DoctorEmail, fixture.Host);
        await doctor.GotoAsync("/doctor/profile");
        var panel = doctor.GetByTestId("my-signing-certificate");
        await Expect(panel.GetByTestId("certificate-details")).ToContainTextAsync("Active");
        var firstSerial = (await panel.Locator("code").InnerTextAsync()).Trim();

        await panel.GetByRole(AriaRole.Button, new() { Name = "Renew certificate" }).ClickAsync();
        var renew = doctor.GetByRole(AriaRole.Dialog, new() { Name = "Renew your signing certificate?" });
        await Expect(renew).ToContainTextAsync(firstSerial);
        await renew.GetByRole(AriaRole.Button, new() { Name = "Renew certificate" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("Your new signing certificate is active.");
        await Expect(panel.Locator("code")).Not.ToHaveTextAsync(firstSerial);
        var renewedSerial = (await panel.Locator("code").InnerTextAsync()).Trim();

        var admin = await fixture.NewPageAsync(width: 390, height: 844);
        await BrowserSignIn.SignInAsync(admin, "admin@demo.telemed.dev", fixture.Host);
        await admin.GotoAsync("/admin/signing-certificates");
        await admin.GetByLabel("Doctor", new() { Exact = true }).FillAsync("kozlov");
        var table = admin.GetByTestId("signing-credentials");
        await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Expect(table).ToContainTextAsync(renewedSerial);
        (await admin.EvaluateAsync<int>("document.scrollingElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);

        await table.GetByRole(AriaRole.Button, new() { Name = $"Revoke: {DoctorName}" }).ClickAsync();
        var revoke = admin.GetByRole(AriaRole.Dialog, new() { Name = $"Revoke {DoctorName}'s signing certificate?" });
        await revoke.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Label = "key compromised" });
        await Axe.AssertCleanAsync(admin);
        await revoke.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"{DoctorName}'s certificate {renewedSerial} is revoked.");
        await Expect(admin.GetByText("No certificate matches.")).ToBeVisibleAsync();

        await admin.GetByTestId("credential-status-filter").SelectOptionAsync(new SelectOptionValue { Label = "Any status" });
        var revokedRow = table.GetByRole(AriaRole.Row).Filter(new() { HasText = renewedSerial });
        await Expect(revokedRow).ToContainTextAsync("Revoked");
        await Expect(revokedRow).ToContainTextAsync("key compromised");
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = firstSerial })).ToContainTextAsync("replaced by a new certificate");

        // The doctor's next look (as their next signature would) is a new certificate, not the compromised one.
        await doctor.ReloadAsync();
        await Expect(panel.GetByTestId("certificate-details")).ToContainTextAsync("Active");
        await Expect(panel.Locator("code")).Not.ToHaveTextAsync(new Regex($"^({Regex.Escape(firstSerial)}|{Regex.Escape(renewedSerial)})$"));
    }
}
