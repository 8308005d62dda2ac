using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Fhir;

/// <summary>
/// The FHIR R4 API (issue 13 item 4): every served type validates against the base R4 profiles, an off-the-shelf client
/// (fhir-kit-client) reads the CapabilityStatement and pages through Appointments, and access matches the REST API's.
/// </summary>
public abstract class FhirScenarios(FhirHost host)
{
    private const string TreatingDoctor = "natalia.lebedeva@demo.telemed.dev";
    private const string UnrelatedDoctor = "sergey.volkov@demo.telemed.dev";
    private const string OtherPatient = "sophie.turner@demo.telemed.dev";
    private const string DemoPatient = "mikhail.vasiliev@demo.telemed.dev";

    /// <summary>A new patient with three booked video visits with the treating doctor; returns them and the appointment ids.</summary>
    private async Task<(string Email, Guid PatientId, ApiClient Client, List<Guid> Appointments)> PatientWithVisitsAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (email, _, patientId) = await host.NewPatientAsync(tag);
        var client = host.CreateApiClient();
        await client.SignInAsync(email, Demo.Password);
        var doctorId = (await SchedulingApi.DoctorsAsync(client)).Single(d => d.Name == "Natalia Lebedeva").Id;
        var slots = await SchedulingApi.SlotsAsync(client, doctorId, SchedulingApi.Today(host).AddDays(2), 21);
        var appointments = new List<Guid>();
        foreach (var slot in slots.Where((_, i) => i % 7 == 0).Take(3))
        {
            var booked = await SchedulingApi.BookAsync(client, doctorId, slot);
            await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
            appointments.Add((await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        appointments.Count.ShouldBe(3);
        return (email, patientId, client, appointments);
    }

    [Fact]
    public async Task Given_the_demo_clinic_and_a_new_patients_visits_Then_every_resource_type_the_API_serves_validates_against_the_base_R4_profiles()
    {
        var (_, patientId, patient, _) = await PatientWithVisitsAsync();
        using var _ = patient;
        using var demoPatient = await host.SignedInAsync(DemoPatient);

        var metadata = await host.CreateApiClient().FhirAsync("metadata");
        metadata.Status.ShouldBe(HttpStatusCode.OK);
        metadata.ContentType.ShouldBe("application/fhir+json");
        var served = ((CapabilityStatement)metadata.Resource).Rest.Single().Resource.Select(r => r.Type!).ToList();
        served.ShouldContain("Patient");
        served.ShouldContain("Appointment");

        var errors = new List<string>(FhirValidation.Errors(metadata.Resource));
        var validated = new HashSet<string>();
        foreach (var client in new[] { patient, demoPatient })
        {
            foreach (var type in served)
            {
                var search = await client.FhirAsync($"{type}?_count=5");
                search.Status.ShouldBe(HttpStatusCode.OK, $"{type}: {search.Json}");
                var bundle = search.Bundle();
                errors.AddRange(FhirValidation.Errors(bundle));
                foreach (var entry in bundle.Entry)
                {
                    errors.AddRange(FhirValidation.Errors(entry.Resource!));
                    var read = await client.FhirAsync($"{type}/{entry.Resource!.Id}");
                    read.Status.ShouldBe(HttpStatusCode.OK, $"{type}/{entry.Resource.Id}");
                    read.Resource.TypeName.ShouldBe(type);
                    validated.Add(type);
                }
            }
        }

        var everything = await patient.FhirAsync($"Patient/{patientId}/$everything");
        everything.Status.ShouldBe(HttpStatusCode.OK);
        errors.AddRange(FhirValidation.Errors(everything.Resource));
        everything.Bundle().Entry.Select(e => e.Resource!.TypeName).Distinct().ShouldBe(["Patient", "AllergyIntolerance", "Appointment", "Condition", "MedicationStatement"], ignoreOrder: true);
        errors.AddRange(FhirValidation.Errors((await patient.FhirAsync("Nothing/1")).Resource));

        errors.ShouldBeEmpty();
        // A booked visit has no consultation, protocol, prescription or chat yet, and the demo clinic has no lab results,
        // documents or consents: those types are validated with data of their own in FhirClinicalScenarios and
        // FhirLabsRecordsScenarios; every other served type must have been validated here.
        string[] fromCompletedVisits = ["Encounter", "MedicationRequest", "Communication", "Provenance", "AuditEvent"];
        served.Except(fromCompletedVisits).Except(FhirLabsRecordsScenarios.ValidatedWithTheirOwnData).ShouldAllBe(type => validated.Contains(type));
    }

    [Fact]
    public async Task Given_a_patients_bearer_token_When_fhir_kit_client_reads_the_capabilities_and_pages_through_Appointments_Then_it_gets_exactly_the_patients_visits()
    {
        var (email, _, patient, appointments) = await PatientWithVisitsAsync();
        using var _ = patient;
        var token = await FhirApi.PatientTokenAsync(host, email);

        var output = await NodeClients.RunAsync("fhir-client.mjs", new Uri(host.BaseAddress, "/fhir/R4").ToString().TrimEnd('/'), token, "2");
        var result = JsonDocument.Parse(output).RootElement;
        result.GetProperty("fhirVersion").GetString().ShouldBe("4.0.1");
        result.GetProperty("types").EnumerateArray().Select(t => t.GetString()).ShouldContain("Appointment");
        result.GetProperty("searchParams").EnumerateArray().Select(t => t.GetString()).ShouldBe(["_id", "_lastUpdated", "patient", "practitioner", "date", "status"], ignoreOrder: true);
        result.GetProperty("total").GetInt32().ShouldBe(3);
        result.GetProperty("pages").GetInt32().ShouldBe(2);
        result.GetProperty("ids").EnumerateArray().Select(i => Guid.Parse(i.GetString()!)).ShouldBe(appointments, ignoreOrder: true);
    }

    [Fact]
    public async Task Given_a_patients_record_Then_over_FHIR_another_patient_the_front_desk_and_an_unrelated_doctor_get_nothing_and_the_treating_doctor_reads_it_audited()
    {
        var (_, patientId, patient, appointments) = await PatientWithVisitsAsync();
        using var _ = patient;
        using var treating = await host.SignedInAsync(TreatingDoctor);
        await treating.WaitForCareRelationshipAsync(patientId);

        (await treating.FhirAsync($"Appointment?patient=Patient/{patientId}")).Bundle().Total.ShouldBe(3);
        (await treating.FhirAsync($"Appointment/{appointments[0]}")).Status.ShouldBe(HttpStatusCode.OK);
        (await treating.FhirAsync($"Patient/{patientId}/$everything")).Status.ShouldBe(HttpStatusCode.OK);

        using var other = await host.SignedInAsync(OtherPatient);
        using var unrelated = await host.SignedInAsync(UnrelatedDoctor);
        foreach (var (who, client) in new[] { ("other patient", other), ("unrelated doctor", unrelated) })
        {
            foreach (var path in new[] { $"Patient/{patientId}", $"Appointment/{appointments[0]}", $"Patient/{patientId}/$everything", $"Condition/{patientId:N}-c0" })
            {
                var refused = await client.FhirAsync(path);
                refused.Status.ShouldBe(HttpStatusCode.NotFound, $"{who} {path}");
                refused.OutcomeCode().ShouldBe("fhir.not_found");
            }

            foreach (var search in new[] { $"Appointment?patient={patientId}", $"Patient?_id={patientId}", $"AllergyIntolerance?patient=Patient/{patientId}" })
            {
                (await client.FhirAsync(search)).Bundle().Total.ShouldBe(0, $"{who} {search}");
            }

            (await client.FhirAsync("Appointment?_count=100")).Bundle().Entry.Select(e => Guid.Parse(e.Resource!.Id!)).ShouldNotContain(a => appointments.Contains(a), who);
        }

        using var desk = await host.SignedInAsync(SchedulingApi.FrontDesk);
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        foreach (var (who, client) in new[] { ("front desk", desk), ("admin", admin) })
        {
            foreach (var path in new[] { $"Patient/{patientId}", "Appointment", $"Appointment?patient={patientId}", $"Patient/{patientId}/$everything" })
            {
                var refused = await client.FhirAsync(path);
                refused.Status.ShouldBe(HttpStatusCode.Forbidden, $"{who} {path}");
                refused.OutcomeCode().ShouldBe("fhir.forbidden");
            }

            (await client.FhirAsync("Practitioner?name=Natalia")).Bundle().Total.ShouldBe(1, who);
        }

        // Anonymous: only the CapabilityStatement.
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        (await anonymous.FhirAsync("metadata")).Status.ShouldBe(HttpStatusCode.OK);
        var anonymousRead = await anonymous.FhirAsync($"Patient/{patientId}");
        anonymousRead.Status.ShouldBe(HttpStatusCode.Unauthorized);
        anonymousRead.OutcomeCode().ShouldBe("fhir.unauthenticated");

        // The trail: the treating doctor's reads, and the refusals of the unrelated doctor and the other patient.
        using var auditor = await host.SignedInAsync("admin@demo.telemed.dev");
        var reads = await auditor.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=phi.read&recordId={patientId}&pageSize=50");
        reads.GetProperty("items").EnumerateArray().ShouldContain(e => e.GetProperty("outcome").GetString() == "success");
        var denials = await auditor.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=access.denied&recordId={patientId}&pageSize=100");
        denials.GetProperty("items").GetArrayLength().ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Given_bad_FHIR_requests_Then_each_is_an_OperationOutcome_with_a_4xx_status_never_a_5xx_and_good_date_and_status_searches_match()
    {
        var (_, _, patient, _) = await PatientWithVisitsAsync();
        using var _ = patient;
        var cases = new (string Path, HttpStatusCode Status, string Code)[]
        {
            ("Appointment?colour=blue", HttpStatusCode.BadRequest, "fhir.unknown_parameter"),
            ("Appointment?date=yesterday", HttpStatusCode.BadRequest, "fhir.invalid_parameter"),
            ("Appointment?date=2026-13-45", HttpStatusCode.BadRequest, "fhir.invalid_parameter"),
            ("Appointment?_count=0", HttpStatusCode.BadRequest, "fhir.invalid_parameter"),
            ("Appointment?_count=abc", HttpStatusCode.BadRequest, "fhir.invalid_parameter"),
            ("Appointment?_offset=-1", HttpStatusCode.BadRequest, "fhir.invalid_parameter"),
            ("Appointment?status:not=booked", HttpStatusCode.BadRequest, "fhir.invalid_parameter"),
            ("Appointment?patient=", HttpStatusCode.BadRequest, "fhir.invalid_parameter"),
            ("Appointment?_format=xml", HttpStatusCode.BadRequest, "fhir.invalid_parameter"),
            ("ImagingStudy", HttpStatusCode.NotFound, "fhir.unknown_type"),
            ("Patient/not-a-guid", HttpStatusCode.NotFound, "fhir.not_found"),
            ($"Patient/{Guid.NewGuid()}", HttpStatusCode.NotFound, "fhir.not_found"),
            ("Schedule/abc", HttpStatusCode.NotFound, "fhir.not_found"),
            ("Condition/x-c99", HttpStatusCode.NotFound, "fhir.not_found"),
            ("Patient/1/2/3/4", HttpStatusCode.NotFound, "fhir.unknown_type"),
        };
        foreach (var (path, expected, code) in cases)
        {
            var answer = await patient.FhirAsync(path);
            answer.Status.ShouldBe(expected, path);
            answer.ContentType.ShouldBe("application/fhir+json", path);
            answer.OutcomeCode().ShouldBe(code, path);
        }

        // Date searches: a visit inside the searched interval, none outside.
        var all = (await patient.FhirAsync("Appointment?_count=100")).Bundle();
        all.Total.ShouldNotBeNull().ShouldBeGreaterThan(0);
        var first = (Appointment)all.Entry[0].Resource!;
        var day = first.Start!.Value.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await patient.FhirAsync($"Appointment?date={day}")).Bundle().Entry.Select(e => e.Resource!.Id).ShouldContain(first.Id);
        (await patient.FhirAsync($"Appointment?date=lt{day}&_id={first.Id}")).Bundle().Total.ShouldBe(0);
        (await patient.FhirAsync($"Appointment?date=ge{day}&_id={first.Id}")).Bundle().Total.ShouldBe(1);
        var status = Hl7.Fhir.Utility.EnumUtility.GetLiteral(first.Status);
        (await patient.FhirAsync($"Appointment?status={status}&_id={first.Id}")).Bundle().Total.ShouldBe(1);
        (await patient.FhirAsync($"Appointment?status=http://hl7.org/fhir/appointmentstatus|{status}&_id={first.Id}")).Bundle().Total.ShouldBe(1);
    }

    /// <summary>
    /// A read accepts a GUID id in any case (<c>Patient/ABC…</c>); <c>_id</c> compared the text and found nothing for the same id
    /// in upper case. Every type whose CapabilityStatement lists <c>_id</c>, searched by an id it served, in upper case.
    /// </summary>
    [Fact]
    public async Task Given_an_id_in_upper_case_When_searched_by_id_Then_every_type_finds_what_a_read_of_that_id_finds()
    {
        var (_, patientId, patient, _) = await PatientWithVisitsAsync();
        using var _ = patient;
        using var demoPatient = await host.SignedInAsync(DemoPatient);
        var metadata = (CapabilityStatement)(await host.CreateApiClient().FhirAsync("metadata")).Resource;
        var types = metadata.Rest.Single().Resource.Where(r => r.SearchParam.Any(p => p.Name == "_id")).Select(r => r.Type!).ToList();
        types.ShouldContain("Patient");
        types.ShouldContain("Appointment");
        var searched = new HashSet<string>();
        foreach (var client in new[] { patient, demoPatient })
        {
            foreach (var type in types)
            {
                var bundle = (await client.FhirAsync($"{type}?_count=3")).Bundle();
                foreach (var id in bundle.Entry.Select(e => e.Resource!.Id!))
                {
                    // Some ids are not GUIDs (an allergy's "{patient}-A0"): a read takes those as written, and so does _id.
                    var upper = id.ToUpperInvariant();
                    var read = await client.FhirAsync($"{type}/{upper}");
                    var found = (await client.FhirAsync($"{type}?_id={upper}")).Bundle();
                    found.Total.ShouldBe(read.Status == HttpStatusCode.OK ? 1 : 0, $"{type}?_id={upper} finds what GET {type}/{upper} ({read.Status}) finds");
                    if (!Guid.TryParseExact(id, "D", out var guidId) || guidId == Guid.Empty)
                    {
                        continue;
                    }

                    read.Status.ShouldBe(HttpStatusCode.OK, $"read {type}/{upper}");
                    found.Entry.Single().Resource!.Id.ShouldBe(id);
                    (await client.FhirAsync($"{type}?_id={Guid.NewGuid().ToString().ToUpperInvariant()},{upper}")).Bundle().Total.ShouldBe(1, $"{type}: one of two ids");
                    searched.Add(type);
                }
            }
        }

        searched.ShouldContain("Patient");
        searched.ShouldContain("Appointment");
        (await patient.FhirAsync($"Appointment?patient=Patient/{patientId.ToString().ToUpperInvariant()}")).Bundle().Total.ShouldBe(3, "a reference with an upper-case id");
    }

    [Fact]
    public async Task Given_patient_scoped_tokens_Then_each_reads_only_its_patient_and_nobody_gets_one_for_a_record_they_may_not_see()
    {
        var (_, patientId, patient, appointments) = await PatientWithVisitsAsync();
        var (_, secondId, second, _) = await PatientWithVisitsAsync();
        using var _1 = patient;
        using var _2 = second;
        using var treating = await host.SignedInAsync(TreatingDoctor);
        await treating.WaitForCareRelationshipAsync(patientId);
        await treating.WaitForCareRelationshipAsync(secondId);

        // The doctor treats both; a token scoped to the first patient reads that record only.
        var issued = await treating.PostAsync("/api/v1/fhir/tokens", new { scope = "patient/*.read", patient = patientId });
        await issued.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        using var scoped = FhirApi.WithBearer(host, token);
        (await scoped.FhirAsync($"Patient/{patientId}")).Status.ShouldBe(HttpStatusCode.OK);
        (await scoped.FhirAsync("Appointment?_count=100")).Bundle().Entry.Select(e => Guid.Parse(e.Resource!.Id!)).ShouldBe(appointments, ignoreOrder: true);
        (await scoped.FhirAsync($"Patient/{secondId}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await scoped.FhirAsync($"Appointment?patient={secondId}")).Bundle().Total.ShouldBe(0);
        (await scoped.FhirAsync($"Patient/{secondId}/$everything")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await scoped.FhirAsync("Practitioner?name=Natalia")).Bundle().Total.ShouldBe(1);
        (await treating.FhirAsync($"Patient/{secondId}")).Status.ShouldBe(HttpStatusCode.OK);

        // A patient's own token; none for someone else's record, none for an unrelated doctor, no unknown scopes, no token from a token.
        var own = await patient.PostAsync("/api/v1/fhir/tokens", new { scope = "patient/*.read", patient = patientId });
        await own.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await (await patient.PostAsync("/api/v1/fhir/tokens", new { scope = "patient/*.read", patient = secondId })).ProblemCodeAsync()).ShouldBe("not_found");
        using var unrelated = await host.SignedInAsync(UnrelatedDoctor);
        (await unrelated.PostAsync("/api/v1/fhir/tokens", new { scope = "patient/*.read", patient = patientId })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var body in new object[] { new { scope = "patient/*.write", patient = patientId }, new { scope = "patient/*.read" }, new { scope = (string?)null } })
        {
            (await (await patient.PostAsync("/api/v1/fhir/tokens", body)).ProblemCodeAsync()).ShouldBe("fhir.invalid_scope");
        }

        (await scoped.PostAsJsonAsync("/api/v1/fhir/tokens", new { scope = "user/*.read" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var tampered = FhirApi.WithBearer(host, token[..^4] + "AAAA");
        (await tampered.FhirAsync($"Patient/{patientId}")).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Given_a_scoped_token_When_the_session_that_asked_for_it_signs_out_Then_the_token_is_refused_at_once()
    {
        var (_, patientId, patient, _) = await PatientWithVisitsAsync();
        using var _1 = patient;
        using var treating = await host.SignedInAsync(TreatingDoctor);
        await treating.WaitForCareRelationshipAsync(patientId);

        var tokens = new List<string>();
        foreach (var body in new object[] { new { scope = "patient/*.read", patient = patientId }, new { scope = "user/*.read" } })
        {
            var issued = await treating.PostAsync("/api/v1/fhir/tokens", body);
            await issued.ShouldHaveStatusAsync(HttpStatusCode.OK);
            tokens.Add((await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);
        }

        // Another session of the same doctor keeps working and is not touched by the sign-out below.
        using var otherSession = await host.SignedInAsync(TreatingDoctor);
        var kept = await otherSession.PostAsync("/api/v1/fhir/tokens", new { scope = "user/*.read" });
        await kept.ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var keptClient = FhirApi.WithBearer(host, (await kept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!);

        foreach (var token in tokens)
        {
            using var client = FhirApi.WithBearer(host, token);
            (await client.FhirAsync($"Patient/{patientId}")).Status.ShouldBe(HttpStatusCode.OK);
        }

        await (await treating.PostAsync("/api/v1/auth/sign-out")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        foreach (var token in tokens)
        {
            using var client = FhirApi.WithBearer(host, token);
            (await client.FhirAsync($"Patient/{patientId}")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await keptClient.FhirAsync($"Patient/{patientId}")).Status.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(nameof(FhirSqliteCollection))]
public sealed class FhirScenariosOnSqlite(FhirSqliteHost host) : FhirScenarios(host);

[Collection(nameof(FhirPostgresCollection))]
public sealed class FhirScenariosOnPostgres(FhirPostgresHost host) : FhirScenarios(host);
