using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.BrowserTests;

/// <summary>
/// Issue 13, items 1 and 2 in the web app: a new patient books a visit with a demo doctor and has a consultation; on "My record"
/// they upload a clean PDF shared with the care team, a private one and an EICAR file, watch them leave quarantine (available,
/// available, rejected), and read the timeline with the consultation and the documents, filtered by kind. The doctor opens the
/// patient's record from the appointment, sees the shared document but not the private one and downloads it. At 375 px,
/// axe-clean on every new page, Russian once.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecordJourney(BrowserFixture fixture)
{
    private const string DoctorEmail = "natalia.lebedeva@demo.telemed.dev";
    private const string Eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private TelemedHost Host => fixture.Host;

    private static FilePayload Pdf(string name, string body) =>
        new() { Name = name, MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes($"%PDF-1.4\n{body}\n%%EOF\n") };

    private static async Task UploadAsync(IPage page, FilePayload file, string description, string sharing)
    {
        var form = page.GetByTestId("upload-form");
        await form.GetByLabel("File").SetInputFilesAsync(file);
        await form.GetByLabel("Type").SelectOptionAsync("lab_result");
        await form.GetByLabel("Date on the document").FillAsync("2026-11-20");
        await form.GetByLabel("Description").FillAsync(description);
        await form.GetByRole(AriaRole.Radio, new() { Name = sharing }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Status)).ToContainTextAsync("Uploaded.");
    }

    private static ILocator Document(IPage page, string description) =>
        page.GetByTestId("my-documents").GetByTestId("document-item").Filter(new() { HasText = description });

    [Fact]
    public async Task RecordJourney_patient_uploads_shared_private_and_infected_documents_reads_the_timeline_and_the_doctor_opens_the_shared_one_from_the_appointment()
    {
        var patientEmail = await TestPatients.NewAsync(Host, "Record");
        using var patientApi = await Host.SignedInAsync(patientEmail);
        using var doctorApi = await Host.SignedInAsync(DoctorEmail);

        // A booked visit and a consultation with the demo doctor: a care relationship, and a consultation on the timeline.
        var doctorId = await DoctorIdAsync(doctorApi);
        var slot = (await SchedulingApi.SlotsAsync(patientApi, doctorId, SchedulingApi.Today(Host).AddDays(2), 10))[0];
        var booked = await SchedulingApi.BookAsync(patientApi, doctorId, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await doctorApi.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var consultationId = await OnDemandAsync(patientApi, "neurology", "video", Complaint(["head"], 3, "days", description: "Headaches since last week"));
        await (await doctorApi.PostAsync($"/api/v1/consultations/{consultationId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctorApi.PostAsync($"/api/v1/consultations/{consultationId}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // The patient uploads three documents at phone width.
        var patient = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(patient, patientEmail);
        // At phone width the main menu folds behind its button.
        var nav = patient.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await nav.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await nav.GetByRole(AriaRole.Link, new() { Name = "My record" }).ClickAsync();
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "My record", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(patient);
        await UploadAsync(patient, Pdf("mri-letter.pdf", "MRI letter " + Guid.NewGuid()), "MRI letter for the care team", "My care team (doctors treating me)");
        await UploadAsync(patient, Pdf("diary.pdf", "Private diary " + Guid.NewGuid()), "Private headache diary", "Only me");
        await UploadAsync(patient, Pdf("eicar.pdf", Eicar), "Suspicious scan", "My care team (doctors treating me)");

        // Quarantine: each leaves it by itself (the list polls) — clean ones available, EICAR rejected.
        await Expect(Document(patient, "MRI letter for the care team").GetByTestId("document-status")).ToHaveAttributeAsync("data-status", "available");
        await Expect(Document(patient, "Private headache diary").GetByTestId("document-status")).ToHaveAttributeAsync("data-status", "available");
        await Expect(Document(patient, "Suspicious scan").GetByTestId("document-status")).ToHaveAttributeAsync("data-status", "rejected");
        await Expect(Document(patient, "Suspicious scan").GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        await Expect(Document(patient, "Private headache diary").GetByTestId("document-sharing")).ToHaveTextAsync("Only me");
        await Axe.AssertCleanAsync(patient);

        // The timeline holds the consultation and the documents; filtered by kind it holds documents only.
        var timeline = patient.GetByTestId("record-timeline");
        await Expect(timeline.Locator("[data-kind='consultation']")).ToHaveCountAsync(1);
        await Expect(timeline.Locator("[data-kind='document']").Filter(new() { HasText = "MRI letter for the care team" })).ToHaveCountAsync(1);
        await timeline.GetByRole(AriaRole.Checkbox, new() { Name = "Documents" }).CheckAsync();
        await Expect(timeline.Locator("[data-kind='consultation']")).ToHaveCountAsync(0);
        await Expect(timeline.GetByTestId("timeline-item")).ToHaveCountAsync(3);
        await Axe.AssertCleanAsync(patient);

        // Once in Russian.
        await patient.EvaluateAsync("() => localStorage.setItem('telemed.language', 'ru')");
        await patient.ReloadAsync();
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "Моя медкарта", Level = 1 })).ToBeVisibleAsync();
        await Expect(Document(patient, "Suspicious scan").GetByTestId("document-status")).ToHaveTextAsync("Отклонён");
        await Axe.AssertCleanAsync(patient);

        // The doctor, from the appointment: the shared document, not the private one; then the whole record.
        var doctor = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(doctor, DoctorEmail, Host);
        await doctor.GotoAsync($"/doctor/appointments/{appointmentId}");
        var panel = doctor.GetByTestId("patient-documents");
        await Expect(panel.GetByRole(AriaRole.Link, new() { Name = "MRI letter for the care team" })).ToBeVisibleAsync();
        await Expect(panel.GetByText("Private headache diary")).ToHaveCountAsync(0);
        await Expect(panel.GetByText("Suspicious scan")).ToHaveCountAsync(0);
        await Axe.AssertCleanAsync(doctor);
        await panel.GetByRole(AriaRole.Link, new() { Name = "Open the patient's record" }).ClickAsync();
        await Expect(doctor.GetByRole(AriaRole.Heading, new() { Name = "Patient record", Level = 1 })).ToBeVisibleAsync();
        await Expect(doctor.GetByTestId("break-glass-banner")).ToHaveCountAsync(0);
        var record = doctor.GetByTestId("patient-documents");
        await Expect(record.GetByTestId("document-item")).ToHaveCountAsync(1);
        await Expect(doctor.GetByTestId("record-timeline").Locator("[data-kind='consultation']")).ToHaveCountAsync(1);
        await Expect(doctor.GetByTestId("record-timeline").GetByText("Private headache diary")).ToHaveCountAsync(0);
        await Axe.AssertCleanAsync(doctor);
        var download = await doctor.RunAndWaitForDownloadAsync(() => record.GetByRole(AriaRole.Link, new() { Name = "MRI letter for the care team" }).ClickAsync());
        var path = await download.PathAsync();
        (await File.ReadAllTextAsync(path)).ShouldStartWith("%PDF-1.4\nMRI letter ");

        // A doctor without a care relationship reads "no access".
        var stranger = await fixture.NewPageAsync(width: 375, height: 812);
        await BrowserSignIn.SignInAsync(stranger, "olga.smirnova@demo.telemed.dev", Host);
        await stranger.GotoAsync(new Uri(doctor.Url).PathAndQuery);
        await Expect(stranger.GetByTestId("record-no-access").First).ToBeVisibleAsync();
        await Axe.AssertCleanAsync(stranger);
    }
}
