using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Clinical;
using Telemed.IntegrationTests.Scenarios.Records;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.IntegrationTests.Scenarios.Fhir;

/// <summary>
/// The FHIR types of the Labs, Records, Privacy and Scheduling data (issue 13 item 4): ServiceRequest, Observation, DiagnosticReport,
/// DocumentReference, Consent and Slot, from a patient's own lab results (the partner-lab process), uploads and consents; each read,
/// searched and validated; who sees what as on the REST API.
/// </summary>
public abstract class FhirLabsRecordsScenarios(FhirLabsHost host)
{
    /// <summary>The types the demo clinic has no data of; FhirScenarios' "every served type validates" leaves them to this class.</summary>
    public static readonly string[] ValidatedWithTheirOwnData = ["ServiceRequest", "Observation", "DiagnosticReport", "DocumentReference", "Consent"];

    private const string UnrelatedDoctor = "sergey.volkov@demo.telemed.dev";
    private const string Admin = "admin@demo.telemed.dev";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private static readonly byte[] CleanPdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% a clean test document\n" + new string('x', 200) + "\n%%EOF\n");

    private sealed record Journey(Guid PatientId, string Email, ApiClient Patient, ApiClient Doctor, Guid ReleasedReport, Guid UnreleasedReport,
        Guid SharedDocument, Guid PrivateDocument) : IDisposable
    {
        public void Dispose()
        {
            Patient.Dispose();
            Doctor.Dispose();
        }
    }

    private async Task<Guid> PartnerLabAsync()
    {
        using var admin = await host.SignedInAsync(Admin);
        var created = await admin.PostAsync("/api/v1/admin/partner-labs",
            new { name = $"Fhir Lab {Guid.NewGuid():N}"[..16], address = "Lab street 1", fhirBaseUrl = host.PartnerLab.FhirBase, enabled = true, clinicId = (Guid?)null });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<Guid> ResultOfAsync(ApiClient patient, ApiClient doctor, Guid consultationId, Guid labId, string test, string? critical)
    {
        var placed = await doctor.PostAsync($"/api/v1/consultations/{consultationId}/lab-orders", new { tests = new[] { test } });
        await placed.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await patient.PostAsync($"/api/v1/me/lab-orders/{orderId}/partner-lab", new { partnerLabId = labId })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await host.PartnerLab.CompleteAsync(orderId, critical: critical);
        var report = await SchedulingApi.WaitForAsync(async () =>
            (await doctor.GetJsonAsync<JsonElement>("/api/v1/doctor/lab-results")).EnumerateArray()
                .Where(r => r.GetProperty("orderId").GetGuid() == orderId).Select(r => r.GetProperty("id").GetString()).FirstOrDefault(), Patience, "the lab report");
        return Guid.Parse(report);
    }

    /// <summary>
    /// A new patient in a consultation with the demo doctor, who orders potassium (comes back critical, not released) and HbA1c
    /// (normal, released with a note); the patient uploads one document shared with the care team and one private, gives the treatment
    /// consent, and gives then withdraws the recording consent.
    /// </summary>
    private async Task<Journey> JourneyAsync()
    {
        var labId = await PartnerLabAsync();
        var (email, _, patientId) = await host.NewPatientAsync(Guid.NewGuid().ToString("N")[..8]);
        var (patient, doctor, consultationId) = await PrescriptionSteps.AcceptedOnDemandAsync(host, email, "Tired and thirsty for weeks.");
        await doctor.WaitForCareRelationshipAsync(patientId);
        var unreleased = await ResultOfAsync(patient, doctor, consultationId, labId, "2823-3", critical: "2823-3");
        var released = await ResultOfAsync(patient, doctor, consultationId, labId, "4548-4", critical: null);
        await (await doctor.PostAsync($"/api/v1/lab-results/{released}/release", new { note = "Your HbA1c is normal." })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await PrescriptionSteps.EndAsync(doctor, consultationId);

        var shared = await RecordsApi.UploadedAsync(patient, CleanPdf, sharing: "care_team", description: "Shared blood count");
        var own = await RecordsApi.UploadedAsync(patient, CleanPdf, sharing: "private", description: "Private letter");
        (await RecordsApi.VerdictAsync(patient, shared)).ShouldBe("available");
        (await RecordsApi.VerdictAsync(patient, own)).ShouldBe("available");

        var consents = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/consents")).EnumerateArray().ToDictionary(c => c.GetProperty("kind").GetString()!, c => c.GetProperty("currentVersion").GetInt32());
        await (await patient.PostAsync("/api/v1/me/consents/treatment/give", new { version = consents["treatment"] })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await patient.PostAsync("/api/v1/me/consents/recording/give", new { version = consents["recording"] })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await patient.PostAsync("/api/v1/me/consents/recording/withdraw")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return new Journey(patientId, email, patient, doctor, released, unreleased, shared, own);
    }

    /// <summary>Searches, validates every entry and reads each back by id; the entries.</summary>
    private static async Task<List<Resource>> SearchValidatedAsync(ApiClient client, string query, List<string> errors)
    {
        var answer = await client.FhirAsync(query);
        answer.Status.ShouldBe(HttpStatusCode.OK, $"{query}: {answer.Json}");
        var bundle = answer.Bundle();
        errors.AddRange(FhirValidation.Errors(bundle));
        var entries = bundle.Entry.Select(e => e.Resource!).ToList();
        foreach (var resource in entries)
        {
            errors.AddRange(FhirValidation.Errors(resource));
            var read = await client.FhirAsync($"{resource.TypeName}/{resource.Id}");
            read.Status.ShouldBe(HttpStatusCode.OK, $"{resource.TypeName}/{resource.Id}");
        }

        bundle.Total.ShouldBe(entries.Count, query);
        return entries;
    }

    [Fact]
    public async Task Given_a_patient_with_lab_results_documents_and_consents_Then_every_new_type_reads_searches_and_validates_and_the_patient_sees_only_released_lab_data()
    {
        using var journey = await JourneyAsync();
        var (p, patient, doctor) = (journey.PatientId, journey.Patient, journey.Doctor);
        var errors = new List<string>();

        // The patient: both orders, but only the released report and its value (final), with the doctor's note as conclusion.
        var requests = (await SearchValidatedAsync(patient, $"ServiceRequest?patient=Patient/{p}", errors)).Cast<ServiceRequest>().ToList();
        requests.Select(r => r.Code!.Coding.Single().Code).ShouldBe(["2823-3", "4548-4"], ignoreOrder: true);
        requests.ShouldAllBe(r => r.Status == RequestStatus.Completed && r.Intent == RequestIntent.Order && r.Requester!.Reference!.StartsWith("Practitioner/"));
        var reports = (await SearchValidatedAsync(patient, "DiagnosticReport", errors)).Cast<DiagnosticReport>().ToList();
        reports.Select(r => r.Id).ShouldBe([journey.ReleasedReport.ToString()]);
        reports[0].Status.ShouldBe(DiagnosticReport.DiagnosticReportStatus.Final);
        reports[0].Conclusion.ShouldBe("Your HbA1c is normal.");
        var values = (await SearchValidatedAsync(patient, $"Observation?patient={p}", errors)).Cast<Observation>().ToList();
        values.Select(o => o.Code.Coding.Single().Code).ShouldBe(["4548-4"]);
        values[0].Status.ShouldBe(ObservationStatus.Final);
        values[0].BasedOn.Single().Reference.ShouldStartWith("ServiceRequest/");
        (await patient.FhirAsync($"DiagnosticReport/{journey.UnreleasedReport}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await patient.FhirAsync($"Observation/{journey.UnreleasedReport:N}-0")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await patient.FhirAsync("Observation?code=http://loinc.org|2823-3")).Bundle().Total.ShouldBe(0);

        // The ordering doctor: everything; the critical value is HH in UCUM with its range, preliminary until released.
        (await SearchValidatedAsync(doctor, $"DiagnosticReport?patient={p}", errors)).Count.ShouldBe(2);
        var critical = (await SearchValidatedAsync(doctor, $"Observation?patient={p}&code=http://loinc.org|2823-3", errors)).Cast<Observation>().Single();
        critical.Status.ShouldBe(ObservationStatus.Preliminary);
        critical.Interpretation.Single().Coding.Single().Code.ShouldBe("HH");
        var quantity = (Quantity)critical.Value!;
        (quantity.System, quantity.Code).ShouldBe(("http://unitsofmeasure.org", "mmol/L"));
        critical.ReferenceRange.Single().High!.Value.ShouldBe(5.1m);
        (await doctor.FhirAsync($"Observation/{journey.UnreleasedReport:N}-0")).Status.ShouldBe(HttpStatusCode.OK);

        // Searches narrow by status, code, date and category.
        (await doctor.FhirAsync($"DiagnosticReport?patient={p}&status=final")).Bundle().Entry.Single().Resource!.Id.ShouldBe(journey.ReleasedReport.ToString());
        (await doctor.FhirAsync($"DiagnosticReport?patient={p}&status=preliminary")).Bundle().Entry.Single().Resource!.Id.ShouldBe(journey.UnreleasedReport.ToString());
        (await doctor.FhirAsync($"Observation?patient={p}&status=preliminary,final")).Bundle().Total.ShouldBe(2);
        (await doctor.FhirAsync($"Observation?patient={p}&category=laboratory")).Bundle().Total.ShouldBe(2);
        (await doctor.FhirAsync($"Observation?patient={p}&category=vital-signs")).Bundle().Total.ShouldBe(0);
        (await doctor.FhirAsync($"ServiceRequest?patient={p}&code=4548-4")).Bundle().Total.ShouldBe(1);
        (await doctor.FhirAsync($"ServiceRequest?patient={p}&status=draft")).Bundle().Total.ShouldBe(0);
        var tomorrow = SchedulingApi.Today(host).AddDays(2).ToString("yyyy-MM-dd");
        var lastYear = SchedulingApi.Today(host).AddYears(-1).ToString("yyyy-MM-dd");
        (await doctor.FhirAsync($"Observation?patient={p}&date=ge{tomorrow}")).Bundle().Total.ShouldBe(0);
        (await doctor.FhirAsync($"Observation?patient={p}&date=ge{lastYear}")).Bundle().Total.ShouldBe(2);
        (await doctor.FhirAsync($"DiagnosticReport?patient={p}&date=lt{lastYear}")).Bundle().Total.ShouldBe(0);
        (await doctor.FhirAsync($"ServiceRequest?patient={p}&authored=ge{lastYear}")).Bundle().Total.ShouldBe(2);

        // Documents: the patient sees both; the doctor only the one shared with the care team, with the doctor's download URL.
        var mine = (await SearchValidatedAsync(patient, "DocumentReference", errors)).Cast<DocumentReference>().ToList();
        mine.Select(d => Guid.Parse(d.Id!)).ShouldBe([journey.SharedDocument, journey.PrivateDocument], ignoreOrder: true);
        mine[0].Content.Single().Attachment.Url!.ShouldContain("/api/v1/me/record/documents/");
        mine[0].Type!.Coding.Single().Code.ShouldBe("11502-2");
        var theirs = (await SearchValidatedAsync(doctor, $"DocumentReference?patient={p}", errors)).Cast<DocumentReference>().Single();
        Guid.Parse(theirs.Id!).ShouldBe(journey.SharedDocument);
        theirs.Content.Single().Attachment.Url.ShouldEndWith($"/api/v1/patients/{p}/record/documents/{journey.SharedDocument}/content");
        theirs.Content.Single().Attachment.ContentType.ShouldBe("application/pdf");
        (await doctor.FhirAsync($"DocumentReference/{journey.PrivateDocument}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await doctor.Http.GetAsync(new Uri(theirs.Content.Single().Attachment.Url!).PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await patient.FhirAsync("DocumentReference?type=http://loinc.org|11502-2")).Bundle().Total.ShouldBe(2);
        (await patient.FhirAsync("DocumentReference?type=http://loinc.org|18748-4")).Bundle().Total.ShouldBe(0);
        (await patient.FhirAsync($"DocumentReference?date=ge{tomorrow}")).Bundle().Total.ShouldBe(0);

        // Consents: treatment given (active), recording withdrawn (inactive).
        var consents = (await SearchValidatedAsync(patient, "Consent", errors)).Cast<Consent>().ToList();
        consents.Select(c => (c.Id, c.Status)).ShouldBe([($"{p:N}-treatment", Consent.ConsentState.Active), ($"{p:N}-recording", Consent.ConsentState.Inactive)], ignoreOrder: true);
        (await patient.FhirAsync("Consent?status=inactive")).Bundle().Entry.Single().Resource!.Id.ShouldBe($"{p:N}-recording");
        (await SearchValidatedAsync(doctor, $"Consent?patient={p}&status=active", errors)).Single().Id.ShouldBe($"{p:N}-treatment");
        (await patient.FhirAsync($"Consent?date=lt{lastYear}")).Bundle().Total.ShouldBe(0);

        // $everything carries the new types, as the viewer may see them.
        var everything = (await doctor.FhirAsync($"Patient/{p}/$everything")).Bundle();
        errors.AddRange(FhirValidation.Errors(everything));
        // (The visit the lab order came from adds its Encounter and other clinical types; FhirClinicalScenarios checks those.)
        var kinds = everything.Entry.Select(e => e.Resource!.TypeName).Distinct().ToList();
        foreach (var kind in new[] { "Patient", "AllergyIntolerance", "Condition", "ServiceRequest", "Observation", "DiagnosticReport", "DocumentReference", "Consent" })
        {
            kinds.ShouldContain(kind);
        }
        (await patient.FhirAsync($"Patient/{p}/$everything")).Bundle().Entry.Count(e => e.Resource is DiagnosticReport).ShouldBe(1);

        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_a_patients_lab_results_documents_and_consents_Then_another_patient_an_unrelated_doctor_staff_and_a_token_for_another_patient_get_nothing()
    {
        using var journey = await JourneyAsync();
        var p = journey.PatientId;
        string[] reads = [$"DiagnosticReport/{journey.ReleasedReport}", $"Observation/{journey.ReleasedReport:N}-0", $"DocumentReference/{journey.SharedDocument}",
            $"Consent/{p:N}-treatment", $"ServiceRequest/{(await journey.Doctor.FhirAsync($"ServiceRequest?patient={p}")).Bundle().Entry[0].Resource!.Id}"];
        string[] searches = ["ServiceRequest", "Observation", "DiagnosticReport", "DocumentReference", "Consent"];
        foreach (var read in reads)
        {
            (await journey.Doctor.FhirAsync(read)).Status.ShouldBe(HttpStatusCode.OK, read);
        }

        var (otherEmail, _, otherPatientId) = await host.NewPatientAsync(Guid.NewGuid().ToString("N")[..8]);
        using var other = await host.SignedInAsync(otherEmail);
        using var unrelated = await host.SignedInAsync(UnrelatedDoctor);
        foreach (var (who, client) in new[] { ("another patient", other), ("an unrelated doctor", unrelated) })
        {
            foreach (var read in reads)
            {
                var refused = await client.FhirAsync(read);
                refused.Status.ShouldBe(HttpStatusCode.NotFound, $"{who} {read}");
                refused.OutcomeCode().ShouldBe("fhir.not_found");
            }

            foreach (var type in searches)
            {
                (await client.FhirAsync($"{type}?patient={p}")).Bundle().Total.ShouldBe(0, $"{who} {type}");
                (await client.FhirAsync($"{type}?_count=100")).Bundle().Entry.ShouldNotContain(e => e.Resource!.Id!.Contains(p.ToString("N")) || e.Resource.Id!.Contains(p.ToString()), who);
            }
        }

        foreach (var staff in new[] { SchedulingApi.FrontDesk, Admin })
        {
            using var client = await host.SignedInAsync(staff);
            (await client.FhirAsync($"Observation?patient={p}")).Status.ShouldBe(HttpStatusCode.Forbidden, staff);
            (await client.FhirAsync(reads[2])).Status.ShouldBe(HttpStatusCode.Forbidden, staff);
        }

        // The patient's own token scoped to them reads their record; one scoped to the other patient reads nothing of it.
        var issued = await other.PostAsync("/api/v1/fhir/tokens", new { scope = "patient/*.read", patient = otherPatientId });
        await issued.ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var scoped = FhirApi.WithBearer(host, (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
        (await scoped.FhirAsync(reads[0])).Status.ShouldBe(HttpStatusCode.NotFound);
        (await scoped.FhirAsync($"Consent?patient={p}")).Bundle().Total.ShouldBe(0);
        var ownIssued = await journey.Patient.PostAsync("/api/v1/fhir/tokens", new { scope = "patient/*.read", patient = p });
        using var own = FhirApi.WithBearer(host, (await ownIssued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
        (await own.FhirAsync("DiagnosticReport")).Bundle().Entry.Select(e => e.Resource!.Id).ShouldBe([journey.ReleasedReport.ToString()]);
        (await own.FhirAsync("DocumentReference")).Bundle().Total.ShouldBe(2);

        // The doctor's reads over FHIR are phi.read entries of the owning module (consents carry their patient, so the access log finds them).
        using var scope = host.Services.CreateScope();
        var log = scope.ServiceProvider.GetRequiredService<Telemed.BuildingBlocks.Auditing.IPatientAccessLog>();
        var doctorUser = await RecordsApi.UserIdAsync(journey.Doctor);
        var (entries, _) = await log.FindAsync(new Telemed.BuildingBlocks.Auditing.PatientAccessQuery(p, null, null, [doctorUser], ["phi.read"],
            [Telemed.BuildingBlocks.Auditing.AuditOutcome.Success]), 0, 500);
        entries.Select(e => e.RecordType).ShouldContain("Consent");
    }

    [Fact]
    public async Task Given_the_demo_clinic_When_a_patient_books_a_slot_Then_Slot_searches_by_schedule_status_and_start_show_it_busy_without_saying_who_and_validate()
    {
        var (email, _, _) = await host.NewPatientAsync(Guid.NewGuid().ToString("N")[..8]);
        using var patient = await host.SignedInAsync(email);
        var doctorId = (await SchedulingApi.DoctorsAsync(patient)).Single(d => d.Name == "Natalia Lebedeva").Id;
        var slot = (await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(3), 7))[1];
        var booked = await SchedulingApi.BookAsync(patient, doctorId, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var schedule = $"Schedule/{doctorId:N}{slot.ClinicId:N}";
        var start = new DateTimeOffset(DateTime.SpecifyKind(slot.Start, DateTimeKind.Utc));
        var day = start.ToString("yyyy-MM-dd");
        var errors = new List<string>();

        var busy = (await SearchValidatedAsync(patient, $"Slot?schedule={schedule}&start={day}&status=busy&_count=100", errors)).Cast<Slot>().ToList();
        busy.ShouldContain(s => s.Start == start && s.AppointmentType!.Text == "video");
        var free = (await SearchValidatedAsync(patient, $"Slot?schedule={schedule}&start={day}&status=free&_count=100", errors)).Cast<Slot>().ToList();
        free.ShouldNotContain(s => s.Start == start && s.AppointmentType!.Text == "video");
        free.ShouldNotBeEmpty();
        free.Concat(busy).ShouldAllBe(s => s.Schedule.Reference == schedule && s.Start!.Value.ToString("yyyy-MM-dd") == day);
        var json = (await patient.FhirAsync($"Slot?schedule={schedule}&start={day}&_count=100")).Json;
        json.ShouldNotContain(email);
        json.ShouldNotContain("Patient/");

        // Without start the window is the next 14 days; a start range narrows it; other doctors' schedules are left out.
        var window = (await patient.FhirAsync($"Slot?schedule={schedule}&_count=100")).Bundle();
        (window.Total ?? 0).ShouldBeGreaterThan(0);
        var now = host.Clock.GetUtcNow();
        window.Entry.Select(e => ((Slot)e.Resource!).Start!.Value).ShouldAllBe(s => s >= now && s <= now.AddDays(15));
        (await patient.FhirAsync($"Slot?schedule={schedule}&start=ge{day}T00:00:00Z&start=lt{day}T00:00:00Z")).Bundle().Total.ShouldBe(0);
        (await patient.FhirAsync($"Slot?start=bad")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await patient.FhirAsync($"Slot/{doctorId:N}-209901010000-v")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await patient.FhirAsync("Slot/not-a-slot")).Status.ShouldBe(HttpStatusCode.NotFound);
        errors.ShouldBeEmpty();
    }
}

/// <summary>The real host with the demo clinic, its lab worker polling every second and the partner-lab FHIR process beside it.</summary>
public abstract class FhirLabsHost(DatabaseProvider provider) : TelemedHost(provider, PartnerLabProcess.HostSettings(("Labs:PollSeconds", "1"))), IAsyncLifetime
{
    public PartnerLabProcess PartnerLab { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        PartnerLab = await PartnerLabProcess.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await PartnerLab.DisposeAsync();
        await DisposeAsync();
    }

    /// <summary>A patient account and profile of the test's own; the e-mail, user id and patient id.</summary>
    public async Task<(string Email, Guid UserId, Guid PatientId)> NewPatientAsync(string tag)
    {
        var email = $"fhir-labs-{tag}@example.test";
        using var scope = Services.CreateScope();
        var userId = await scope.ServiceProvider.GetRequiredService<IIdentityModule>().EnsureUserAsync(new NewUser(email, Demo.Password, $"Fhir Labs {tag}", ["Patient"]));
        var patientId = await scope.ServiceProvider.GetRequiredService<IDirectoryModule>().EnsurePatientProfileAsync(new NewPatientProfile(userId, "Fhir", $"Labs{tag}",
            new DateOnly(1975, 3, 9), "male", email, "+7 900 000 0001", "Tverskaya 2, Moscow", "en", "Acme", "P-2", ["Penicillin"], ["Asthma"]));
        return (email, userId, patientId);
    }
}

public sealed class FhirLabsSqliteHost() : FhirLabsHost(DatabaseProvider.Sqlite);

public sealed class FhirLabsPostgresHost() : FhirLabsHost(DatabaseProvider.Postgres);

[CollectionDefinition(nameof(FhirLabsSqliteCollection))]
public sealed class FhirLabsSqliteCollection : ICollectionFixture<FhirLabsSqliteHost>;

[CollectionDefinition(nameof(FhirLabsPostgresCollection))]
public sealed class FhirLabsPostgresCollection : ICollectionFixture<FhirLabsPostgresHost>;

[Collection(nameof(FhirLabsSqliteCollection))]
public sealed class FhirLabsRecordsScenariosOnSqlite(FhirLabsSqliteHost host) : FhirLabsRecordsScenarios(host);

[Collection(nameof(FhirLabsPostgresCollection))]
public sealed class FhirLabsRecordsScenariosOnPostgres(FhirLabsPostgresHost host) : FhirLabsRecordsScenarios(host);
