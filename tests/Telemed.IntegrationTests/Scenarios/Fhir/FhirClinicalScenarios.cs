// The FHIR model types every element as optional; these assertions dereference what the scenario expects present (a null fails the test).
#pragma warning disable CS8602, CS8604

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Clinical;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;
using Task = System.Threading.Tasks.Task;

namespace Telemed.IntegrationTests.Scenarios.Fhir;

/// <summary>
/// The clinical record over FHIR (issue 13 item 4): a new patient's completed consultation with chat, a signed protocol with
/// ICD-10 diagnoses and a signed prescription are served as Encounter, Condition, MedicationRequest, Communication and Provenance,
/// the staff's reads of the record as AuditEvent (the patient's only); each validates, searches narrow, access matches REST.
/// </summary>
public abstract class FhirClinicalScenarios(TelemedHost host)
{
    private const string UnrelatedDoctor = "sergey.volkov@demo.telemed.dev";
    private const string Icd10 = "http://hl7.org/fhir/sid/icd-10";

    private sealed record Visit(string Email, Guid PatientId, ApiClient Patient, ApiClient Doctor, Guid ConsultationId, Guid PrescriptionId, Guid AttachmentId) : IDisposable
    {
        public void Dispose()
        {
            Patient.Dispose();
            Doctor.Dispose();
        }
    }

    private async Task<(string Email, Guid PatientId)> NewPatientAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"fhir-clinical-{tag}@example.test";
        using var scope = host.Services.CreateScope();
        var userId = await scope.ServiceProvider.GetRequiredService<IIdentityModule>().EnsureUserAsync(new NewUser(email, Demo.Password, $"Fhir Clinical {tag}", ["Patient"]));
        var patientId = await scope.ServiceProvider.GetRequiredService<IDirectoryModule>().EnsurePatientProfileAsync(new NewPatientProfile(userId, "Fhir",
            $"Clinical{tag}", new DateOnly(1979, 3, 9), "male", email, "+7 900 000 0001", "Tverskaya 2, Moscow", "en", "Acme", "P-2", [], ["Asthma"]));
        return (email, patientId);
    }

    /// <summary>A completed on-demand consultation with a chat (a photo from the patient, a reply), a signed protocol and a signed prescription.</summary>
    private async Task<Visit> CompletedVisitAsync()
    {
        await PrescriptionSteps.SetEveryClinicAsync(host, "us");
        var (email, patientId) = await NewPatientAsync();
        var (patient, doctor, id) = await PrescriptionSteps.AcceptedOnDemandAsync(host, email, "Headache for four days");

        var conversationId = (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/conversation")).GetProperty("id").GetGuid();
        var photo = await ConsultationsApi.UploadAsync(patient, ConsultationsApi.PngWithText("forehead"), "forehead.png");
        await (await patient.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages",
            new { body = "It hurts here", attachmentIds = new[] { photo }, clientMessageId = "p-1" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await doctor.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages",
            new { body = "Thank you, noted", clientMessageId = "d-1" })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        await (await doctor.PutAsync($"/api/v1/consultations/{id}/protocol", new
        {
            version = 0, complaints = "Headache", historyOfPresentIllness = "Four days, worse in the morning.", objectiveFindings = "Alert.",
            recommendations = "Fluids, sleep.",
            diagnoses = new object[] { new { code = "G44.2", role = "primary", certainty = "confirmed" }, new { code = "R51", role = "secondary", certainty = "preliminary" } },
            referrals = Array.Empty<object>(), followUpOn = (string?)null,
        })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var prescription = await PrescriptionSteps.SignedPrescriptionAsync(doctor, id, "cetirizine-10-tab", 10, 1, 30);
        await PrescriptionSteps.EndAsync(doctor, id);
        // The protocol is signed once the consultation has ended.
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/protocol/sign", new { version = 1 })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.WaitForCareRelationshipAsync(patientId);
        return new Visit(email, patientId, patient, doctor, id, prescription.GetProperty("id").GetGuid(), photo);
    }

    private static async Task<List<T>> SearchAsync<T>(ApiClient client, string query) where T : Resource
    {
        var answer = await client.FhirAsync(query);
        answer.Status.ShouldBe(HttpStatusCode.OK, $"{query}: {answer.Json}");
        return answer.Bundle().Entry.Select(e => e.Resource).OfType<T>().ToList();
    }

    [Fact]
    public async Task Given_a_completed_visit_Then_its_Encounter_Conditions_MedicationRequest_Communications_Provenance_and_AuditEvents_validate_and_searches_narrow()
    {
        using var visit = await CompletedVisitAsync();
        var (patient, p) = (visit.Patient, visit.PatientId);
        // A doctor's read of the record: the patient's AuditEvents must name it.
        (await visit.Doctor.FhirAsync($"Encounter/{visit.ConsultationId}")).Status.ShouldBe(HttpStatusCode.OK);

        var encounter = (await SearchAsync<Encounter>(patient, $"Encounter?patient={p}")).ShouldHaveSingleItem();
        encounter.Id.ShouldBe(visit.ConsultationId.ToString());
        encounter.Status.ShouldBe(Encounter.EncounterStatus.Finished);
        encounter.Class.Code.ShouldBe("VR");
        encounter.Period.Start.ShouldNotBeNull();
        encounter.Period.End.ShouldNotBeNull();
        encounter.Participant.Single().Individual.Reference.ShouldStartWith("Practitioner/");
        encounter.Meta.LastUpdated.ShouldNotBeNull();
        var day = encounter.Period.Start[..10];
        (await SearchAsync<Encounter>(patient, $"Encounter?patient={p}&status=finished&date={day}")).Count.ShouldBe(1);
        (await SearchAsync<Encounter>(patient, $"Encounter?patient={p}&status=planned,cancelled")).ShouldBeEmpty();
        (await SearchAsync<Encounter>(patient, $"Encounter?patient={p}&date=lt{day}")).ShouldBeEmpty();
        (await SearchAsync<Encounter>(patient, $"Encounter?patient={p}&practitioner={encounter.Participant.Single().Individual.Reference}")).Count.ShouldBe(1);

        var conditions = await SearchAsync<Condition>(patient, $"Condition?patient={p}");
        conditions.Count.ShouldBe(3);
        var diagnoses = await SearchAsync<Condition>(patient, $"Condition?patient={p}&category=encounter-diagnosis");
        diagnoses.Select(c => c.Code.Coding.Single().Code).Order().ShouldBe(["G44.2", "R51"]);
        diagnoses.ShouldAllBe(c => c.Code.Coding.Single().System == Icd10 && c.Encounter.Reference == $"Encounter/{visit.ConsultationId}"
            && c.RecordedDate != null && c.Asserter.Reference!.StartsWith("Practitioner/"));
        diagnoses.Single(c => c.Code.Coding[0].Code == "G44.2").VerificationStatus.Coding[0].Code.ShouldBe("confirmed");
        diagnoses.Single(c => c.Code.Coding[0].Code == "R51").VerificationStatus.Coding[0].Code.ShouldBe("provisional");
        (await SearchAsync<Condition>(patient, $"Condition?patient={p}&category=problem-list-item")).ShouldHaveSingleItem().Code.Text.ShouldBe("Asthma");
        (await SearchAsync<Condition>(patient, $"Condition?patient={p}&code={Icd10}|R51")).ShouldHaveSingleItem().Code.Coding[0].Code.ShouldBe("R51");
        (await SearchAsync<Condition>(patient, $"Condition?patient={p}&code=J45")).ShouldBeEmpty();

        var request = (await SearchAsync<MedicationRequest>(patient, $"MedicationRequest?patient={p}")).ShouldHaveSingleItem();
        request.Id.ShouldBe(visit.PrescriptionId.ToString());
        request.Status.ShouldBe(MedicationRequest.MedicationrequestStatus.Active);
        request.Intent.ShouldBe(MedicationRequest.MedicationRequestIntent.Order);
        ((CodeableConcept)request.Medication).Coding.Single().Code.ShouldBe("R06AE07");
        request.DosageInstruction.Single().Text.ShouldContain("10 mg");
        request.DispenseRequest.Quantity.Value.ShouldBe(30);
        request.Encounter.Reference.ShouldBe($"Encounter/{visit.ConsultationId}");
        request.Requester.Reference.ShouldStartWith("Practitioner/");
        var authoredDay = request.AuthoredOn[..10];
        (await SearchAsync<MedicationRequest>(patient, $"MedicationRequest?patient={p}&status=active&code=http://www.whocc.no/atc|R06AE07&date={authoredDay}")).Count.ShouldBe(1);
        (await SearchAsync<MedicationRequest>(patient, $"MedicationRequest?patient={p}&status=cancelled,stopped")).ShouldBeEmpty();
        (await SearchAsync<MedicationRequest>(patient, $"MedicationRequest?patient={p}&code=J01CA04")).ShouldBeEmpty();
        (await SearchAsync<MedicationRequest>(patient, $"MedicationRequest?patient={p}&date=gt{authoredDay}")).ShouldBeEmpty();

        var messages = await SearchAsync<Communication>(patient, $"Communication?patient={p}&encounter=Encounter/{visit.ConsultationId}");
        messages.Count.ShouldBe(2);
        messages.ShouldAllBe(m => m.Status == EventStatus.Completed && m.Sent != null && m.Encounter.Reference == $"Encounter/{visit.ConsultationId}");
        var fromPatient = messages.Single(m => m.Sender.Reference == $"Patient/{p}");
        fromPatient.Recipient.Single().Reference.ShouldStartWith("Practitioner/");
        ((FhirString)fromPatient.Payload[0].Content).Value.ShouldBe("It hurts here");
        var photo = (Attachment)fromPatient.Payload[1].Content;
        (photo.ContentType, photo.Title, photo.Data).ShouldBe(("image/png", "forehead.png", null));
        (await SearchAsync<Communication>(patient, $"Communication?patient={p}&encounter=Encounter/{Guid.NewGuid()}")).ShouldBeEmpty();

        var provenances = await SearchAsync<Provenance>(patient, $"Provenance?patient={p}");
        provenances.Count.ShouldBe(2);
        var rxSignature = (await SearchAsync<Provenance>(patient, $"Provenance?patient={p}&target=MedicationRequest/{visit.PrescriptionId}")).ShouldHaveSingleItem();
        rxSignature.Signature.Single().Type.Single().Code.ShouldBe("1.2.840.10065.1.12.1.1");
        rxSignature.Signature.Single().SigFormat.ShouldBe("application/pkcs7-signature");
        rxSignature.Signature.Single().Data.ShouldNotBeEmpty();
        rxSignature.Agent.Single().Who.Reference.ShouldStartWith("Practitioner/");
        (await SearchAsync<Provenance>(patient, $"Provenance?target=Encounter/{visit.ConsultationId}")).ShouldHaveSingleItem().Target.Count.ShouldBe(3);

        var audits = await SearchAsync<AuditEvent>(patient, $"AuditEvent?patient={p}&_count=100");
        audits.ShouldContain(a => a.Agent.Single().Who.Reference == encounter.Participant.Single().Individual.Reference && a.Action == AuditEvent.AuditEventAction.R
            && a.Outcome == AuditEvent.AuditEventOutcome.N0);
        audits.ShouldAllBe(a => a.Entity.Single().What.Reference == $"Patient/{p}");
        (await SearchAsync<AuditEvent>(patient, $"AuditEvent?patient={p}&date=lt2000")).ShouldBeEmpty();

        // _lastUpdated narrows every type, including the ones served before.
        var since = encounter.Meta.LastUpdated!.Value.AddDays(-1).ToString("yyyy-MM-dd");
        foreach (var type in new[] { "Encounter", "Condition", "MedicationRequest", "Communication", "Provenance", "AuditEvent", "AllergyIntolerance", "Patient" })
        {
            var query = type == "Patient" ? $"Patient?_id={p}" : $"{type}?patient={p}";
            (await SearchAsync<Resource>(patient, $"{query}&_lastUpdated=lt2000-01-01")).ShouldBeEmpty(type);
            if (type != "AllergyIntolerance")
            {
                (await SearchAsync<Resource>(patient, $"{query}&_lastUpdated=ge{since}&_count=100")).ShouldNotBeEmpty(type);
            }
        }

        // Every resource validates and reads back by id; $everything carries every new type.
        var errors = new List<string>();
        Resource[] all = [encounter, .. conditions, request, .. messages, .. provenances, .. audits.Take(5)];
        foreach (var resource in all)
        {
            errors.AddRange(FhirValidation.Errors(resource));
            var read = await patient.FhirAsync($"{resource.TypeName}/{resource.Id}");
            read.Status.ShouldBe(HttpStatusCode.OK, $"{resource.TypeName}/{resource.Id}");
        }

        errors.ShouldBeEmpty(string.Join("\n", errors));
        var everything = (await patient.FhirAsync($"Patient/{p}/$everything")).Bundle().Entry.Select(e => e.Resource!.TypeName).ToHashSet();
        foreach (var type in new[] { "Patient", "Encounter", "Condition", "MedicationRequest", "Communication", "Provenance", "AuditEvent" })
        {
            everything.ShouldContain(type);
        }
    }

    [Fact]
    public async Task Given_a_completed_visit_Then_over_FHIR_another_patient_an_unrelated_doctor_and_staff_get_none_of_it_and_AuditEvents_are_the_patients_alone()
    {
        using var visit = await CompletedVisitAsync();
        var p = visit.PatientId;
        string[] types = ["Encounter", "Condition", "MedicationRequest", "Communication", "Provenance", "AuditEvent"];
        string[] reads = [$"Encounter/{visit.ConsultationId}", $"MedicationRequest/{visit.PrescriptionId}", $"Provenance/{visit.PrescriptionId:N}-rx"];

        var (otherEmail, otherId) = await NewPatientAsync();
        using var other = await host.SignedInAsync(otherEmail);
        using var unrelated = await host.SignedInAsync(UnrelatedDoctor);
        foreach (var (who, client) in new[] { ("another patient", other), ("unrelated doctor", unrelated) })
        {
            foreach (var type in types)
            {
                (await SearchAsync<Resource>(client, $"{type}?patient={p}")).ShouldBeEmpty($"{who} {type}");
            }

            foreach (var path in reads)
            {
                (await client.FhirAsync(path)).Status.ShouldBe(HttpStatusCode.NotFound, $"{who} {path}");
            }
        }

        using var desk = await host.SignedInAsync(SchedulingApi.FrontDesk);
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        foreach (var (who, client) in new[] { ("front desk", desk), ("admin", admin) })
        {
            foreach (var type in types)
            {
                var answer = await client.FhirAsync($"{type}?patient={p}");
                (answer.Status, answer.OutcomeCode()).ShouldBe((HttpStatusCode.Forbidden, "fhir.forbidden"), $"{who} {type}");
            }
        }

        // The treating doctor reads the clinical record but not the trail of who read it; nor with a token scoped to the patient.
        (await SearchAsync<Encounter>(visit.Doctor, $"Encounter?patient={p}")).Count.ShouldBe(1);
        (await SearchAsync<Communication>(visit.Doctor, $"Communication?patient={p}")).Count.ShouldBe(2);
        (await SearchAsync<AuditEvent>(visit.Doctor, $"AuditEvent?patient={p}")).ShouldBeEmpty();
        var ownEvents = await SearchAsync<AuditEvent>(visit.Patient, $"AuditEvent?patient={p}");
        ownEvents.ShouldNotBeEmpty();
        (await visit.Doctor.FhirAsync($"AuditEvent/{ownEvents[0].Id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        var doctorToken = await ScopedTokenAsync(visit.Doctor, p);
        using (var doctorScoped = FhirApi.WithBearer(host, doctorToken))
        {
            (await doctorScoped.FhirAsync($"Encounter?patient={p}")).Bundle().Entry.Count.ShouldBe(1);
            (await doctorScoped.FhirAsync($"AuditEvent?patient={p}")).Bundle().Entry.ShouldBeEmpty();
        }

        // The patient's own scoped token reads their AuditEvents and nothing of another patient's record.
        using var scoped = FhirApi.WithBearer(host, await ScopedTokenAsync(visit.Patient, p));
        (await scoped.FhirAsync($"AuditEvent?patient={p}")).Bundle().Entry.ShouldNotBeEmpty();
        (await scoped.FhirAsync($"MedicationRequest")).Bundle().Entry.Single().Resource!.Id.ShouldBe(visit.PrescriptionId.ToString());
        (await scoped.FhirAsync($"Encounter?patient={otherId}")).Bundle().Entry.ShouldBeEmpty();
        (await scoped.FhirAsync($"AuditEvent?patient={otherId}")).Bundle().Entry.ShouldBeEmpty();
    }

    private static async Task<string> ScopedTokenAsync(ApiClient client, Guid patientId)
    {
        var issued = await client.PostAsync("/api/v1/fhir/tokens", new { scope = "patient/*.read", patient = patientId });
        await issued.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}

[Collection("clinical-sqlite")]
public sealed class FhirClinicalScenariosOnSqlite(ClinicalSqliteHost host) : FhirClinicalScenarios(host);

[Collection("clinical-postgres")]
public sealed class FhirClinicalScenariosOnPostgres(ClinicalPostgresHost host) : FhirClinicalScenarios(host);
