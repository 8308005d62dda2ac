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
        await Expect(panel.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("G44.2") })).ToBeVisibleAsync();
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
        await russian.GotoAsync("/sign-in");
        await russian.GetByLabel("Электронная почта").FillAsync(PatientEmail);
        await russian.GetByLabel("Пароль").FillAsync(Demo.Password);
        await russian.GetByRole(AriaRole.Button, new() { Name = "Войти", Exact = true }).ClickAsync();
        await Expect(russian).ToHaveURLAsync(new Regex("/patient"));
        await russian.GotoAsync($"/patient/visit-summaries/{id}");
        await Expect(russian.GetByTestId("visit-summary-diagnoses")).ToContainTextAsync("Головная боль напряженного типа");
        await Expect(russian.GetByTestId("visit-summary-referrals")).ToContainTextAsync("Очный приём");
        await Axe.AssertCleanAsync(russian);

        using var doctorOff = await Host.SignedInAsync(DoctorEmail);
        await doctorOff.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    /// <summary>
    /// Issue 12's "done when" journey: after a video consultation the doctor writes the protocol with an ICD-10 diagnosis,
    /// prescribes a medicine the patient is allergic to, sees the warning with its source, overrides it with a reason and signs
    /// both; the patient reads the summary and downloads the PDF; the pharmacist opens the QR's verification address, finds the
    /// prescription, verifies and dispenses it; the patient sees "dispensed".
    /// </summary>
    [Fact]
    public async Task AfterTheCallJourney_protocol_and_prescription_signed_the_patient_downloads_the_PDF_and_a_pharmacist_verifies_and_dispenses()
    {
        const string allergicPatient = "ivan.kuznetsov@demo.telemed.dev";
        await SetEveryClinicAsync("us");
        try
        {
            using var patientApi = await Host.SignedInAsync(allergicPatient);
            Guid id;
            using (var doctorApi = await Host.SignedInAsync(DoctorEmail))
            {
                await (await doctorApi.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
                id = await OnDemandAsync(patientApi, "neurology", "video", Complaint(["head"], 4, "days", description: "Sore throat, fever and a headache"));
                await (await doctorApi.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
            }

            // The video call, then its end; the protocol page after it.
            var doctor = await fixture.PageAsync(1280, 900);
            await BrowserSignIn.SignInAsync(doctor, DoctorEmail, Host);
            await doctor.GotoAsync($"/consultations/{id}/call");
            await Expect(doctor.GetByTestId("protocol-panel")).ToBeVisibleAsync();
            await doctor.GetByRole(AriaRole.Button, new() { Name = "End call" }).ClickAsync();
            await doctor.GetByRole(AriaRole.Button, new() { Name = "End consultation" }).ClickAsync();
            await doctor.GetByTestId("open-protocol").ClickAsync();
            await Expect(doctor).ToHaveURLAsync(new Regex($"/doctor/consultations/{id}/protocol$"));

            var search = doctor.GetByTestId("protocol-panel").GetByRole(AriaRole.Combobox);
            await search.FillAsync("tonsillitis");
            await doctor.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("J03.9") }).ClickAsync();
            await Expect(doctor.GetByTestId("protocol-diagnosis")).ToHaveAttributeAsync("data-code", "J03.9");
            await doctor.GetByLabel("Recommendations").FillAsync("Warm fluids, rest, finish the antibiotic course.");
            await Expect(doctor.GetByTestId("protocol-save-state")).ToHaveAttributeAsync("data-state", "saved", new() { Timeout = 20_000 });

            // The prescription: amoxicillin for a patient with a recorded penicillin allergy.
            var rx = doctor.GetByTestId("prescriptions-panel");
            await rx.GetByLabel("Medicine (name or active ingredient)").FillAsync("amoxicillin");
            await rx.GetByRole(AriaRole.Button, new() { Name = "Choose Amoxicillin 500 mg capsules" }).ClickAsync();
            await rx.GetByLabel(new Regex("^Dose per intake")).FillAsync("500");
            await rx.GetByLabel("Times a day").FillAsync("3");
            await rx.GetByLabel(new Regex("^Quantity")).FillAsync("21");
            await rx.GetByRole(AriaRole.Button, new() { Name = "Check and save draft" }).ClickAsync();
            var allergy = rx.Locator("[data-finding='allergy_conflict']");
            await Expect(allergy).ToHaveAttributeAsync("data-severity", "warning");
            await Expect(allergy).ToContainTextAsync("Source: BNF");
            await Expect(rx.GetByRole(AriaRole.Button, new() { Name = "Sign prescription" })).ToHaveCountAsync(0);
            await allergy.GetByLabel("Reason to go ahead").FillAsync("Took amoxicillin in 2024 without any reaction; allergy label doubtful.");
            await allergy.GetByRole(AriaRole.Button, new() { Name = "Override warning" }).ClickAsync();
            await Expect(allergy).ToContainTextAsync("Overridden: Took amoxicillin in 2024");
            await rx.GetByRole(AriaRole.Button, new() { Name = "Sign prescription" }).ClickAsync();
            var prescription = rx.GetByTestId("prescription");
            await Expect(prescription).ToHaveAttributeAsync("data-status", "active");
            var codeText = await prescription.GetByText(new Regex("^Verification code: ")).InnerTextAsync();
            var code = codeText["Verification code: ".Length..].Trim();
            await Axe.AssertCleanAsync(doctor);

            await doctor.GetByRole(AriaRole.Button, new() { Name = "Sign the protocol" }).ClickAsync();
            await doctor.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Sign now" }).ClickAsync();
            await Expect(doctor.GetByTestId("verification-protocol")).ToHaveAttributeAsync("data-valid", "true");

            // The patient: the summary, then the prescription's PDF, then a pharmacy near the clinic.
            var patient = await fixture.PageAsync(375, 800);
            await BrowserSignIn.SignInAsync(patient, allergicPatient);
            await patient.GotoAsync($"/patient/visit-summaries/{id}");
            await Expect(patient.GetByTestId("visit-summary-diagnoses")).ToContainTextAsync("Acute tonsillitis");
            await patient.GotoAsync("/patient/prescriptions");
            var mine = patient.GetByTestId("my-prescription").Filter(new() { HasText = "Amoxicillin" }).First;
            var download = await patient.RunAndWaitForDownloadAsync(() => mine.GetByTestId("prescription-pdf").ClickAsync());
            download.SuggestedFilename.ShouldEndWith(".pdf");
            var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
            System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
            await Axe.AssertCleanAsync(patient);
            await mine.GetByRole(AriaRole.Link, new() { Name = "Choose a pharmacy" }).ClickAsync();
            await patient.GetByLabel("Latitude").FillAsync("55.7652");
            await patient.GetByLabel("Longitude").FillAsync("37.6050");
            await patient.GetByRole(AriaRole.Button, new() { Name = "Show pharmacies" }).ClickAsync();
            await patient.GetByRole(AriaRole.Button, new() { Name = "Send the prescription to Apteka Tverskaya 8" }).ClickAsync();
            await Expect(patient.GetByTestId("dispensing-status")).ToContainTextAsync("Sent to Apteka Tverskaya 8");

            // The pharmacist opens the address the QR code carries, then dispenses at the counter.
            var pharmacist = await fixture.PageAsync(375, 800);
            await BrowserSignIn.SignInAsync(pharmacist, "pharmacist@demo.telemed.dev", Host);
            await pharmacist.GotoAsync($"/verify/rx/{code}");
            var check = pharmacist.GetByTestId("prescription-verification");
            await Expect(check).ToContainTextAsync("Valid prescription");
            await Expect(check).ToContainTextAsync("I. K., born 1968");
            await Expect(check).Not.ToContainTextAsync("Kuznetsov");
            await Axe.AssertCleanAsync(pharmacist);
            await pharmacist.GotoAsync("/pharmacist");
            await pharmacist.GetByLabel("Verification code").FillAsync($"{Host.BaseAddress}verify/rx/{code}");
            await pharmacist.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
            var counter = pharmacist.GetByTestId("rx-counter");
            await Expect(counter.GetByTestId("rx-signature")).ToContainTextAsync("Signature verified");
            await counter.GetByRole(AriaRole.Button, new() { Name = "Dispense all" }).ClickAsync();
            await Expect(counter.GetByTestId("rx-dispensing-status")).ToHaveTextAsync("Dispensed");

            await patient.GotoAsync("/patient/prescriptions");
            await Expect(patient.GetByTestId("my-prescription").Filter(new() { HasText = "Amoxicillin" }).First.GetByTestId("prescription-dispensing"))
                .ToContainTextAsync("Dispensed · Apteka Tverskaya 8");
        }
        finally
        {
            await SetEveryClinicAsync("ru-323fz");
            using var doctorOff = await Host.SignedInAsync(DoctorEmail);
            await doctorOff.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
        }
    }

    private async Task SetEveryClinicAsync(string jurisdiction)
    {
        using var admin = await Host.SignedInAsync("admin@demo.telemed.dev");
        foreach (var clinic in (await admin.GetJsonAsync<JsonElement>("/api/v1/clinics")).EnumerateArray())
        {
            await (await admin.PutAsync($"/api/v1/admin/clinics/{clinic.GetProperty("id").GetGuid()}/jurisdiction", new { jurisdiction })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }
    }
}
