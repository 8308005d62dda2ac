using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.BrowserTests;

/// <summary>
/// The protocol editor's specialist referral: the target is a choice among the specialties GET /specialties lists (not free text),
/// saved as the specialty's code; the signed protocol names the specialty, in the reader's language. On a 390 px phone, without
/// sideways scrolling.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SpecialistReferralJourney(BrowserFixture fixture)
{
    private const string DoctorEmail = "alexei.sokolov@demo.telemed.dev";
    private const string NoSidewaysScroll = "() => document.documentElement.scrollWidth <= window.innerWidth";

    private TelemedHost Host => fixture.Host;

    [Fact]
    public async Task A_doctor_refers_to_a_specialist_chosen_from_the_list_and_the_signed_protocol_names_the_specialty()
    {
        var patientEmail = await TestPatients.NewAsync(Host, "Referral");
        using var patientApi = await Host.SignedInAsync(patientEmail);
        Guid id;
        using (var doctorApi = await Host.SignedInAsync(DoctorEmail))
        {
            await (await doctorApi.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            try
            {
                id = await OnDemandAsync(patientApi, "neurology", "chat", Complaint(["head"], 4, "days", description: "Headache with palpitations when climbing stairs"));
                await (await doctorApi.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
                await (await doctorApi.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            }
            finally
            {
                await doctorApi.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
            }
        }

        var doctor = await fixture.NewPageAsync();
        await BrowserSignIn.SignInAsync(doctor, DoctorEmail, Host);
        await doctor.GotoAsync($"/doctor/consultations/{id}/protocol");
        var panel = doctor.GetByTestId("protocol-panel");
        var search = panel.GetByRole(AriaRole.Combobox);
        await search.FillAsync("tension headache");
        await panel.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("G44.2") }).ClickAsync();
        await Expect(panel.GetByTestId("protocol-diagnosis")).ToHaveAttributeAsync("data-code", "G44.2");

        // Russia, first remote visit: the first referral is the in-person one the law asks for.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add a referral" }).ClickAsync();
        await panel.GetByTestId("protocol-referral").Nth(0).GetByLabel("Note for the patient").FillAsync("See a neurologist in person.");

        // The specialist referral: its target is a list of the clinic's specialties, starting empty.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add a referral" }).ClickAsync();
        var referral = panel.GetByTestId("protocol-referral").Nth(1);
        await referral.GetByLabel("Kind").SelectOptionAsync("specialist");
        var target = referral.GetByTestId("protocol-referral-target");
        (await target.EvaluateAsync<string>("e => e.tagName")).ShouldBe("SELECT");
        await Expect(target).ToHaveValueAsync("");
        await Expect(target.Locator("option[value='cardiology']")).ToHaveTextAsync("Cardiology");
        await Expect(target.Locator("option[value='neurology']")).ToHaveTextAsync("Neurology");
        await target.SelectOptionAsync(new SelectOptionValue { Label = "Cardiology" });
        await Expect(target).ToHaveValueAsync("cardiology");
        await referral.GetByLabel("Note for the patient").FillAsync("Rule out an arrhythmia.");
        await Expect(panel.GetByTestId("protocol-save-state")).ToHaveAttributeAsync("data-state", "saved", new() { Timeout = 20_000 });
        (await doctor.EvaluateAsync<bool>(NoSidewaysScroll)).ShouldBeTrue("the protocol editor with two referrals fits a 390 px phone");

        // Saved as the specialty's code, not its name.
        using (var doctorApi = await Host.SignedInAsync(DoctorEmail))
        {
            var saved = await doctorApi.GetJsonAsync<System.Text.Json.JsonElement>($"/api/v1/consultations/{id}/protocol");
            saved.GetProperty("referrals").EnumerateArray().Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("target").GetString()))
                .ShouldContain(("specialist", "cardiology"));
        }

        await doctor.GetByRole(AriaRole.Button, new() { Name = "Sign the protocol" }).ClickAsync();
        await doctor.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Sign now" }).ClickAsync();
        await Expect(doctor.GetByTestId("verification-protocol")).ToHaveAttributeAsync("data-valid", "true");
        var signed = doctor.GetByTestId("protocol-signed");
        await Expect(signed).ToContainTextAsync("Cardiology");
        await Expect(signed).ToContainTextAsync("Rule out an arrhythmia.");
        await Expect(signed).Not.ToContainTextAsync("cardiology");
        await Expect(doctor.GetByTestId("protocol-referral-target")).ToHaveCountAsync(0);
        (await doctor.EvaluateAsync<bool>(NoSidewaysScroll)).ShouldBeTrue("the signed protocol fits a 390 px phone");
    }
}
