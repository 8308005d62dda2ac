using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 12, item 6 end to end: a doctor signs a real prescription; the patient finds pharmacies near the Moscow clinic and
/// sends it to one; the demo pharmacist finds it by the pasted QR link, sees the verified signature and dispenses it; the
/// patient sees "dispensed". At 375 px, axe-clean, in English and Russian.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PharmacyJourney(BrowserFixture fixture)
{
    private const string DoctorEmail = "natalia.lebedeva@demo.telemed.dev";
    private const string PatientEmail = "alina.sharova@demo.telemed.dev";
    private const string Pharmacist = "pharmacist@demo.telemed.dev";

    private TelemedHost Host => fixture.Host;

    private async Task<(Guid Id, string Code)> SignedPrescriptionAsync()
    {
        // A new medicine on a first remote visit needs a clinic outside Russia's 323-FZ rule; put back afterwards.
        await SetEveryClinicAsync("us");

        using var patient = await Host.SignedInAsync(PatientEmail);
        using var doctor = await Host.SignedInAsync(DoctorEmail);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var id = await OnDemandAsync(patient, "neurology", "video", Complaint(["head"], 2, "days", description: "Headache after a long flight"));
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var created = await doctor.PostAsync($"/api/v1/consultations/{id}/prescriptions",
            new { medicineCode = "paracetamol-500-tab", dose = 500m, route = "oral", timesPerDay = 3, durationDays = 7, quantity = 2, refills = 0, instructions = "After food.", version = 0 });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var draft = await created.Content.ReadFromJsonAsync<JsonElement>();
        var rxId = draft.GetProperty("id").GetGuid();
        var signed = await doctor.PostAsync($"/api/v1/consultations/{id}/prescriptions/{rxId}/sign", new { version = draft.GetProperty("version").GetInt32() });
        await signed.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var code = (await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verificationCode").GetString()!;
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await SetEveryClinicAsync("ru-323fz");
        return (rxId, code);
    }

    private async Task SetEveryClinicAsync(string jurisdiction)
    {
        using var admin = await Host.SignedInAsync("admin@demo.telemed.dev");
        foreach (var clinic in (await admin.GetJsonAsync<JsonElement>("/api/v1/clinics")).EnumerateArray())
        {
            await (await admin.PutAsync($"/api/v1/admin/clinics/{clinic.GetProperty("id").GetGuid()}/jurisdiction", new { jurisdiction })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task PharmacyJourney_the_patient_sends_a_prescription_near_the_clinic_and_the_pharmacist_finds_it_by_QR_link_verifies_and_dispenses_it()
    {
        var (rxId, code) = await SignedPrescriptionAsync();

        var patient = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(patient, PatientEmail);
        await patient.GotoAsync($"/patient/prescriptions/{rxId}/pharmacy");
        await patient.GetByLabel("Latitude").FillAsync("55.7652");
        await patient.GetByLabel("Longitude").FillAsync("37.6050");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Show pharmacies" }).ClickAsync();
        await Expect(patient.GetByTestId("nearby-pharmacy").First).ToContainTextAsync("Apteka Pushkinskaya");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Send the prescription to Apteka Tverskaya 8" }).ClickAsync();
        await Expect(patient.GetByTestId("dispensing-status")).ToContainTextAsync("Sent to Apteka Tverskaya 8");
        await Axe.AssertCleanAsync(patient);

        var pharmacist = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(pharmacist, Pharmacist, Host);
        await pharmacist.GotoAsync("/pharmacist");
        await Expect(pharmacist.GetByTestId("my-pharmacy")).ToContainTextAsync("Apteka Tverskaya 8");
        await pharmacist.GetByLabel("Verification code").FillAsync($"{Host.BaseAddress}verify/rx/{code}");
        await pharmacist.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        var counter = pharmacist.GetByTestId("rx-counter");
        await Expect(counter.GetByTestId("rx-signature")).ToContainTextAsync("Signature verified");
        await Expect(counter.GetByTestId("rx-remaining")).ToContainTextAsync("2");
        await Axe.AssertCleanAsync(pharmacist);
        await counter.GetByRole(AriaRole.Button, new() { Name = "Dispense all" }).ClickAsync();
        await Expect(counter.GetByTestId("rx-dispensing-status")).ToHaveTextAsync("Dispensed");

        await patient.ReloadAsync();
        await Expect(patient.GetByTestId("dispensing-status")).ToContainTextAsync("Dispensed at Apteka Tverskaya 8");

        // The same pharmacist switches the interface to Russian (the sign-in helper speaks English).
        await pharmacist.EvaluateAsync("() => localStorage.setItem('telemed.language', 'ru')");
        await pharmacist.GotoAsync("/pharmacist");
        await Expect(pharmacist.GetByRole(AriaRole.Heading, new() { Name = "Отправлены в эту аптеку" })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(pharmacist);
    }
}
