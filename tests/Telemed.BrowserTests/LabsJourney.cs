using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 13's lab journey: the doctor orders potassium from the catalogue; the patient picks the partner lab (a separate
/// FHIR process the test starts); the lab returns a report with one critical value; the doctor sees the alert, writes a
/// note and releases; the patient sees the "Critically high" flag and the trend chart. At 375 px, axe-clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LabsJourney(BrowserFixture fixture)
{
    private const string DoctorEmail = "natalia.lebedeva@demo.telemed.dev";
    private const string PatientEmail = "anastasia.bogdanova@demo.telemed.dev";

    private TelemedHost Host => fixture.Host;

    [Fact]
    public async Task LabsJourney_order_partner_lab_critical_value_doctor_alerted_notes_and_releases_patient_sees_flag_and_trend()
    {
        await using var lab = await PartnerLabProcess.StartAsync();
        var labName = "Journey Lab " + Guid.NewGuid().ToString("N")[..6];
        using (var admin = await Host.SignedInAsync("admin@demo.telemed.dev"))
        {
            await (await admin.PostAsync("/api/v1/admin/partner-labs", new { name = labName, address = "Lab street 2", fhirBaseUrl = lab.FhirBase, enabled = true, clinicId = (Guid?)null }))
                .ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        using var patientApi = await Host.SignedInAsync(PatientEmail);
        using var doctorApi = await Host.SignedInAsync(DoctorEmail);
        await (await doctorApi.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var consultationId = await OnDemandAsync(patientApi, "neurology", "video", Complaint(["head"], 3, "days", description: "Muscle cramps and palpitations"));
        await (await doctorApi.PostAsync($"/api/v1/consultations/{consultationId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        try
        {
            // The doctor orders from the catalogue.
            var doctor = await fixture.NewPageAsync(width: 375, height: 812);
            await BrowserSignIn.SignInAsync(doctor, DoctorEmail, Host);
            await doctor.GotoAsync($"/doctor/consultations/{consultationId}/lab-orders");
            await doctor.GetByLabel("Search tests by name or LOINC code").FillAsync("potassium");
            await doctor.GetByRole(AriaRole.Checkbox, new() { Name = "Potassium [Moles/volume] in Serum or Plasma (2823-3)" }).CheckAsync();
            await doctor.GetByRole(AriaRole.Button, new() { Name = "Order 1 test" }).ClickAsync();
            await Expect(doctor.GetByRole(AriaRole.Status)).ToContainTextAsync("Ordered.");
            await Axe.AssertCleanAsync(doctor);
            var orderId = (await doctorApi.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}/lab-orders"))[0].GetProperty("id").GetGuid();

            // The patient picks the partner lab; the order leaves as a FHIR ServiceRequest.
            var patient = await fixture.NewPageAsync(width: 375, height: 812);
            await BrowserSignIn.SignInAsync(patient, PatientEmail);
            await patient.GotoAsync("/patient/lab-results");
            await patient.GetByLabel("Partner lab").SelectOptionAsync(new SelectOptionValue { Label = $"{labName} — Lab street 2" });
            await Axe.AssertCleanAsync(patient);
            await patient.GetByRole(AriaRole.Button, new() { Name = "Send the order to this lab" }).ClickAsync();
            await Expect(patient.GetByRole(AriaRole.Button, new() { Name = "Send the order to this lab" })).ToHaveCountAsync(0);
            (await lab.RequestsAsync()).ShouldContain(r => r.GetProperty("requisition").GetProperty("value").GetString() == orderId.ToString());

            // The lab reports potassium critically high; the worker polls it in and the doctor is alerted.
            await lab.CompleteAsync(orderId, critical: "2823-3");
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while ((await doctorApi.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results")).EnumerateArray().All(r => r.GetProperty("orderId").GetGuid() != orderId))
            {
                DateTime.UtcNow.ShouldBeLessThan(deadline, "the report was not polled in");
                await Task.Delay(1000);
            }

            var reportId = (await doctorApi.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results")).EnumerateArray()
                .First(r => r.GetProperty("orderId").GetGuid() == orderId).GetProperty("id").GetGuid();
            deadline = DateTime.UtcNow.AddSeconds(30);
            while (!(await doctorApi.GetJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=50")).GetProperty("items").EnumerateArray()
                       .Any(n => n.GetProperty("link").GetString() == $"/doctor/lab-results/{reportId}"))
            {
                DateTime.UtcNow.ShouldBeLessThan(deadline, "the doctor was not alerted");
                await Task.Delay(500);
            }

            await doctor.GotoAsync($"/doctor/lab-results/{reportId}");
            await Expect(doctor.GetByRole(AriaRole.Alert)).ToContainTextAsync("1 critical value");
            await Expect(doctor.GetByText("Critically high")).ToBeVisibleAsync();
            // At 375 px the values are a labelled card per test: nothing scrolls sideways inside its frame (the table did).
            (await doctor.EvaluateAsync<string[]>(PhoneWalkthroughJourneys.InnerSidewaysScrollers)).ShouldBeEmpty();
            await Axe.AssertCleanAsync(doctor);
            await doctor.GetByLabel("Note for the patient in plain language").FillAsync("Your potassium is far too high. Please come to the clinic today.");
            await doctor.GetByRole(AriaRole.Button, new() { Name = "Release to patient" }).ClickAsync();
            await Expect(doctor.GetByText("Released to the patient")).ToBeVisibleAsync();

            // The patient sees the flag, the note and the trend chart.
            await patient.GotoAsync("/patient/lab-results");
            await Expect(patient.GetByText("Your potassium is far too high. Please come to the clinic today.")).ToBeVisibleAsync();
            await Expect(patient.GetByText("Critically high").First).ToBeVisibleAsync();
            (await patient.EvaluateAsync<string[]>(PhoneWalkthroughJourneys.InnerSidewaysScrollers)).ShouldBeEmpty();
            await patient.GetByRole(AriaRole.Button, new() { Name = "Potassium in serum/plasma" }).Or(patient.GetByRole(AriaRole.Button, new() { Name = "Potassium [Moles/volume] in Serum or Plasma" })).First.ClickAsync();
            await Expect(patient.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Trend: ") })).ToBeVisibleAsync();
            await Axe.AssertCleanAsync(patient);
        }
        finally
        {
            await doctorApi.PostAsync($"/api/v1/consultations/{consultationId}/end");
            await doctorApi.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
        }
    }
}
