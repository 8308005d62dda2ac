using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.BrowserTests;

/// <summary>
/// The visit protocol on screen (issue 12, items 1, 2, 3, 8): the doctor fills it beside the call (ICD-10 by words, autosave),
/// signs it after the call, adds a signed addendum and sees the signature check "valid"; the patient reads the visit summary
/// in English and in Russian. Own host (ConsultationPortalFixture: fake camera), its own doctor and patient.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClinicalProtocolJourneys(ConsultationPortalFixture fixture) : IClassFixture<ConsultationPortalFixture>
{
    private const string DoctorEmail = "natalia.lebedeva@demo.telemed.dev";
    private const string PatientEmail = "boris.kovalev@demo.telemed.dev";

    private TelemedHost Host => fixture.Host;

    [Fact]
    public async Task ClinicalProtocolJourney_the_doctor_writes_signs_and_verifies_the_protocol_and_the_patient_reads_the_summary()
    {
        using var patientApi = await Host.SignedInAsync(PatientEmail);
        Guid id;
        using (var doctorApi = await Host.SignedInAsync(DoctorEmail))
        {
            await (await doctorApi.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            id = await OnDemandAsync(patientApi, "neurology", "video", Complaint(["head"], 3, "days", description: "Pressing band around the head since Monday"));
            await (await doctorApi.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        // During the call, on a phone: the protocol is a section below the call, pre-filled with the patient's complaint.
        var doctor = await fixture.PageAsync(375, 800);
        await BrowserSignIn.SignInAsync(doctor, DoctorEmail, Host);
        await doctor.GotoAsync($"/consultations/{id}/call");
        var panel = doctor.GetByTestId("protocol-panel");
        await Expect(panel.GetByLabel("Complaints")).ToHaveValueAsync(new Regex("Pressing band around the head since Monday"));
        // Russia, first remote visit (323-FZ): confirmed diagnoses are explained as not allowed, an in-person referral as required.
        await Expect(panel.GetByTestId("confirmed-not-allowed")).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("in-person-referral-required")).ToBeVisibleAsync();
        await panel.GetByLabel("History of the present illness").FillAsync("Three days of bilateral pressing headache, no fever.");

        // ICD-10 by words, chosen with the keyboard.
        var search = panel.GetByRole(AriaRole.Combobox);
        await search.FillAsync("tension headache");
        await Expect(panel.GetByRole(AriaRole.Option, new() { Name = new Regex("G44.2") })).ToBeVisibleAsync();
        await search.PressAsync("ArrowDown");
        await search.PressAsync("Enter");
        var diagnosis = panel.GetByTestId("protocol-diagnosis");
        await Expect(diagnosis).ToHaveAttributeAsync("data-code", "G44.2");
        await Expect(diagnosis.GetByLabel("Role")).ToHaveValueAsync("primary");
        await Expect(diagnosis.GetByRole(AriaRole.Option, new() { Name = "Confirmed" })).ToBeDisabledAsync();

        await panel.GetByLabel("Recommendations").FillAsync("Regular sleep, fluids, paracetamol up to 3 times a day.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add a referral" }).ClickAsync();
        var referral = panel.GetByTestId("protocol-referral");
        await Expect(referral.GetByLabel("Kind")).ToHaveValueAsync("inPersonVisit");
        await referral.GetByLabel("Note for the patient").FillAsync("See a neurologist in person this week.");
        await Expect(panel.GetByTestId("protocol-save-state")).ToHaveAttributeAsync("data-state", "saved", new() { Timeout = 20_000 });
        await Expect(panel.GetByTestId("protocol-save-state")).ToContainTextAsync(new Regex(@"Saved \d\d:\d\d"));
        await Axe.AssertCleanAsync(doctor);

        // End the call; the protocol page after it shows what was autosaved.
        await doctor.GetByRole(AriaRole.Button, new() { Name = "End call" }).ClickAsync();
        await doctor.GetByRole(AriaRole.Button, new() { Name = "End consultation" }).ClickAsync();
        await doctor.GetByTestId("open-protocol").ClickAsync();
        await Expect(doctor).ToHaveURLAsync(new Regex($"/doctor/consultations/{id}/protocol$"));
        await Expect(doctor.GetByTestId("protocol-complaint")).ToContainTextAsync("Pressing band around the head since Monday");
        await Expect(doctor.GetByLabel("History of the present illness")).ToHaveValueAsync("Three days of bilateral pressing headache, no fever.");
        await Expect(doctor.GetByTestId("protocol-diagnosis")).ToHaveAttributeAsync("data-code", "G44.2");
        await Axe.AssertCleanAsync(doctor);

        // Sign (after a confirmation): locked, verified valid; then a signed addendum.
        await doctor.GetByRole(AriaRole.Button, new() { Name = "Sign the protocol" }).ClickAsync();
        var confirm = doctor.GetByRole(AriaRole.Alertdialog);
        await Expect(confirm).ToContainTextAsync("locked");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Sign now" }).ClickAsync();
        await Expect(doctor.GetByTestId("protocol-signed-by")).ToContainTextAsync("Natalia Lebedeva");
        await Expect(doctor.GetByRole(AriaRole.Textbox, new() { Name = "History of the present illness" })).ToHaveCountAsync(0);
        var check = doctor.GetByTestId("verification-protocol");
        await Expect(check).ToHaveAttributeAsync("data-valid", "true");
        await Expect(check).ToContainTextAsync("Valid");
        await Expect(check).ToContainTextAsync("Natalia Lebedeva");
        await Expect(check).ToContainTextAsync("Unchanged since signing");

        await doctor.GetByLabel("New addendum").FillAsync("Head MRI booked for Friday.");
        await doctor.GetByRole(AriaRole.Button, new() { Name = "Sign the addendum" }).ClickAsync();
        await Expect(doctor.GetByTestId("protocol-addendum")).ToContainTextAsync("Head MRI booked for Friday.");
        await Expect(doctor.GetByTestId("verification-addendum")).ToHaveAttributeAsync("data-valid", "true");
        await Axe.AssertCleanAsync(doctor);

        // The patient: My appointments links the past consultation to its summary, in plain language.
        var patient = await fixture.PageAsync(375, 800);
        await BrowserSignIn.SignInAsync(patient, PatientEmail);
        await patient.GotoAsync("/patient/appointments");
        await patient.Locator($"[data-consultation-id='{id}']").GetByTestId("past-consultation-summary").ClickAsync();
        var summary = patient.GetByTestId("visit-summary");
        await Expect(summary.GetByTestId("visit-summary-diagnoses")).ToContainTextAsync("Tension-type headache");
        await Expect(summary.GetByTestId("visit-summary-recommendations")).ToContainTextAsync("Regular sleep");
        await Expect(summary.GetByTestId("visit-summary-referrals")).ToContainTextAsync("See a neurologist in person this week.");
        await Expect(summary.GetByTestId("visit-summary-signed")).ToContainTextAsync("Natalia Lebedeva");
        await Expect(summary.GetByTestId("visit-summary-addenda")).ToContainTextAsync("Head MRI booked for Friday.");
        await Expect(summary).Not.ToContainTextAsync("bilateral pressing headache");
        await Axe.AssertCleanAsync(patient);
        await patient.GotoAsync("/patient/visit-summaries");
        await Expect(patient.GetByTestId("visit-summary-item").First).ToContainTextAsync("Tension-type headache");
        await Axe.AssertCleanAsync(patient);

        var russian = await fixture.PageAsync(375, 800, "ru-RU");
        await BrowserSignIn.SignInAsync(russian, PatientEmail);
        await russian.GotoAsync($"/patient/visit-summaries/{id}");
        await Expect(russian.GetByTestId("visit-summary-diagnoses")).ToContainTextAsync("Головная боль напряженного типа");
        await Expect(russian.GetByTestId("visit-summary-referrals")).ToContainTextAsync("Очный приём");
        await Axe.AssertCleanAsync(russian);

        using var doctorOff = await Host.SignedInAsync(DoctorEmail);
        await doctorOff.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    private static async Task<Guid> OnDemandAsync(ApiClient patientApi, string specialty, string kind, object complaint)
    {
        var response = await patientApi.PostAsync("/api/v1/consultations/on-demand", new { specialty, kind, complaint });
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
    }
}
