using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Clinical;
using Telemed.IntegrationTests.Scenarios.Fhir;
using Telemed.IntegrationTests.Scenarios.Records;
using System.Net.Http.Json;
using Task = System.Threading.Tasks.Task;

namespace Telemed.IntegrationTests.Scenarios.Privacy;

/// <summary>
/// The patient's data export (issue 13 item 6, docs/privacy.md): one ZIP with a FHIR Bundle that validates and holds every kind of
/// the patient's data the FHIR API serves, a readable summary and their uploaded files; nobody else can export it.
/// </summary>
public abstract class ExportScenarios(PrivacyHost host)
{
    private static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    /// <summary>The doctor orders HbA1c at the partner lab (its own process), the result comes back and is released to the patient.</summary>
    private async Task ReleasedLabResultAsync(ApiClient patient, ApiClient doctor, Guid consultationId)
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var lab = await admin.PostAsync("/api/v1/admin/partner-labs",
            new { name = $"Export Lab {Guid.NewGuid():N}"[..18], address = "Lab street 1", fhirBaseUrl = host.PartnerLab.FhirBase, enabled = true, clinicId = (Guid?)null });
        await lab.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var labId = (await lab.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var placed = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/lab-orders", new { tests = new[] { "4548-4" } });
        await placed.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await patient.PostAsync($"/api/v1/me/lab-orders/{orderId}/partner-lab", new { partnerLabId = labId })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await host.PartnerLab.CompleteAsync(orderId, critical: null);
        var report = await SchedulingApi.WaitForAsync(async () =>
            (await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results")).EnumerateArray()
                .Where(r => r.GetProperty("orderId").GetGuid() == orderId).Select(r => r.GetProperty("id").GetString()).FirstOrDefault(), TimeSpan.FromSeconds(60), "the lab report");
        await (await doctor.PostAsync($"/api/v1/lab-results/{report}/release", new { note = "Normal." })).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_a_patient_with_visits_a_prescription_a_document_and_a_consent_When_they_export_Then_the_zip_holds_a_valid_bundle_of_every_served_kind_the_summary_and_the_file()
    {
        await PrescriptionSteps.SetEveryClinicAsync(host, "us");
        var (email, _, patientId, patient) = await host.NewPatientAsync();
        using var _ = patient;

        // A booked visit, a consultation with a signed prescription, an uploaded document, a consent.
        var doctorId = (await SchedulingApi.DoctorsAsync(patient)).Single(d => d.Name == "Natalia Lebedeva").Id;
        var slot = (await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(2), 21)).First();
        await (await SchedulingApi.BookAsync(patient, doctorId, slot)).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var (consulting, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, email, "Headache for four days");
        using (consulting)
        using (doctor)
        {
            var conversationId = (await consulting.GetJsonAsync<JsonElement>($"/api/v1/consultations/{consultationId}/conversation")).GetProperty("id").GetGuid();
            await (await consulting.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages",
                new { body = "It started on Monday", clientMessageId = "export-1" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
            await PrescriptionSteps.SignedPrescriptionAsync(doctor, consultationId, "paracetamol-500-tab", 500, 3, 20);
            await ReleasedLabResultAsync(consulting, doctor, consultationId);
            await PrescriptionSteps.EndAsync(doctor, consultationId);
            await (await consulting.PostAsync($"/api/v1/consultations/{consultationId}/review", new { stars = 4, text = "Quick and clear <thank you>", nps = 8 }))
                .ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        var pdf = ClamdServer.PdfWithRandomBody();
        var documentId = await RecordsApi.UploadedAsync(patient, pdf);
        (await RecordsApi.VerdictAsync(patient, documentId)).ShouldBe("available");
        var consents = await patient.GetJsonAsync<JsonElement>("/api/v1/me/consents");
        var treatment = consents.EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "treatment").GetProperty("currentVersion").GetInt32();
        await (await patient.PostAsync("/api/v1/me/consents/treatment/give", new { version = treatment })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var response = await patient.GetAsync("/api/v1/me/export");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        response.Content.Headers.ContentDisposition!.FileName!.ShouldNotContain(patientId.ToString());
        var files = Unzip(await response.Content.ReadAsByteArrayAsync());

        // The Bundle validates, and every kind of patient data the API says it serves is in it.
        var bundle = (Bundle)FhirValidation.Parse(Encoding.UTF8.GetString(files["bundle.json"]));
        var errors = new List<string>(FhirValidation.Errors(bundle));
        foreach (var entry in bundle.Entry)
        {
            errors.AddRange(FhirValidation.Errors(entry.Resource!));
        }

        errors.ShouldBeEmpty();
        var metadata = (CapabilityStatement)(await host.CreateApiClient().FhirAsync("metadata")).Resource;
        var patientData = metadata.Rest.Single().Resource.Where(r => r.Type == "Patient" || r.SearchParam.Any(p => p.Name == "patient")).Select(r => r.Type!).ToList();
        patientData.ShouldContain("Appointment");
        var exported = bundle.Entry.Select(e => e.Resource!.TypeName).ToHashSet();
        patientData.Where(t => !exported.Contains(t)).ShouldBeEmpty("kinds the FHIR API serves for a patient but the export lacks");
        bundle.Entry[0].Resource.ShouldBeOfType<Hl7.Fhir.Model.Patient>().Id.ShouldBe(patientId.ToString());

        // The readable summary (the patient's language) and the uploaded file, byte for byte.
        var summary = Encoding.UTF8.GetString(files["summary.html"]);
        summary.ShouldContain("Your data at Telemed");
        summary.ShouldContain("Penicillin");
        summary.ShouldContain("Appointment");
        summary.ShouldContain("Quick and clear &lt;thank you&gt;");

        // The review they left, which is not FHIR data, as JSON beside the Bundle.
        var review = JsonDocument.Parse(files["reviews.json"]).RootElement.EnumerateArray().Single();
        review.GetProperty("consultationId").GetGuid().ShouldBe(consultationId);
        review.GetProperty("stars").GetInt32().ShouldBe(4);
        review.GetProperty("nps").GetInt32().ShouldBe(8);
        review.GetProperty("text").GetString().ShouldBe("Quick and clear <thank you>");
        var document = files.Single(f => f.Key.StartsWith("documents/", StringComparison.Ordinal));
        document.Key.ShouldEndWith("analysis.pdf");
        document.Value.ShouldBe(pdf);
    }

    [Fact]
    public async Task Given_a_patient_Then_another_patient_a_doctor_and_an_admin_cannot_export_their_data()
    {
        var (_, _, patientId, patient) = await host.NewPatientAsync();
        using var _ = patient;
        var (_, _, _, other) = await host.NewPatientAsync();
        using var __ = other;

        var stranger = await other.GetAsync($"/api/v1/me/export?patientId={patientId}");
        stranger.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.ProblemCodeAsync()).ShouldBe("privacy.patient_not_found");
        using var doctor = await host.SignedInAsync(PrescriptionSteps.DoctorEmail);
        (await doctor.GetAsync($"/api/v1/me/export?patientId={patientId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        (await admin.GetAsync("/api/v1/me/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await host.CreateApiClient().GetAsync("/api/v1/me/export")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

[Collection(nameof(PrivacySqliteCollection))]
public sealed class ExportScenariosOnSqlite(PrivacySqliteHost host) : ExportScenarios(host);

[Collection(nameof(PrivacyPostgresCollection))]
public sealed class ExportScenariosOnPostgres(PrivacyPostgresHost host) : ExportScenarios(host);
