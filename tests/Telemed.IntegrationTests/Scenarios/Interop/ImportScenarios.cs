using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Fhir;
using Telemed.Modules.Labs.Contracts;
using Task = System.Threading.Tasks.Task;

namespace Telemed.IntegrationTests.Scenarios.Interop;

/// <summary>
/// Import of a patient's record from another EHR or lab as a FHIR Bundle (issue 13 item 5): matched or created patient, entries where the
/// record keeps them (profile lists, lab results), idempotent re-import, per-entry answers, refusals as OperationOutcomes, admins only.
/// </summary>
public abstract class ImportScenarios(FhirHost host)
{
    private const string Admin = "admin@demo.telemed.dev";
    private const string Doctor = "sergey.volkov@demo.telemed.dev";
    private const string FrontDesk = "frontdesk@demo.telemed.dev";

    [Fact]
    public async Task Given_a_realistic_record_of_a_new_patient_When_imported_twice_Then_one_patient_and_its_entries_are_readable_and_nothing_is_duplicated()
    {
        using var admin = await host.SignedInAsync(Admin);
        var person = ImportApi.Person.New();
        var record = ImportApi.RecordOf(person);
        FhirValidation.Errors(FhirValidation.Parse(record)).ShouldBeEmpty();
        var patientsBefore = (await SchedulingApi.PatientIdsAsync(host)).Count;

        var first = await admin.ImportAsync(record);

        first.Status.ShouldBe(HttpStatusCode.OK, first.Json);
        first.Bundle.Type.ShouldBe(Bundle.BundleType.BatchResponse);
        first.Bundle.Entry.Count.ShouldBe(9);
        first.Bundle.Entry.ShouldAllBe(e => e.Response!.Status == "201 Created", first.Json);
        (first.Count("created"), first.Count("updated"), first.Count("unchanged"), first.Count("rejected")).ShouldBe((9, 0, 0, 0));
        var patientId = first.PatientId;
        (await SchedulingApi.PatientIdsAsync(host)).Count.ShouldBe(patientsBefore + 1);

        using var doctor = await host.SignedInAsync(Doctor);
        await (await doctor.PostAsync($"/api/v1/patients/{patientId}/break-glass", new { reason = "Imported record check before the first visit" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        await ShouldHoldTheRecordAsync(doctor, patientId, "Peanuts");

        var again = await admin.ImportAsync(record);

        again.Status.ShouldBe(HttpStatusCode.OK, again.Json);
        again.PatientId.ShouldBe(patientId);
        again.Bundle.Entry.ShouldAllBe(e => e.Response!.Status == "200 OK", again.Json);
        (again.Count("created"), again.Count("updated"), again.Count("unchanged"), again.Count("rejected")).ShouldBe((0, 0, 9, 0));
        (await SchedulingApi.PatientIdsAsync(host)).Count.ShouldBe(patientsBefore + 1);
        await ShouldHoldTheRecordAsync(doctor, patientId, "Peanuts");

        // The source corrected one allergy (same source id): it is updated in place, not added.
        var corrected = await admin.ImportAsync(ImportApi.RecordOf(person, "Peanuts and tree nuts"));
        (corrected.Count("created"), corrected.Count("updated"), corrected.Count("unchanged")).ShouldBe((0, 1, 8), corrected.Json);
        await ShouldHoldTheRecordAsync(doctor, patientId, "Peanuts and tree nuts");

        var audited = await AuditAsync(admin, $"action=interop.fhir_imported&recordType=FhirImport", e => e.Count(x => x.GetProperty("reason").GetString()!.Contains("created=9")) >= 1);
        audited.ShouldContain(e => e.GetProperty("reason").GetString() == "created=9 updated=0 unchanged=0 rejected=0");
        var writes = await AuditAsync(admin, $"action=phi.update&recordType=PatientClinicalSummary&recordId={patientId}", e => e.Count >= 1);
        writes.ShouldNotBeEmpty();
    }

    /// <summary>Two allergies, two conditions, one medication and three lab values, exactly, through REST, FHIR and the labs facade.</summary>
    private async Task ShouldHoldTheRecordAsync(ApiClient doctor, Guid patientId, string secondAllergy)
    {
        var clinical = await doctor.GetJsonAsync<JsonElement>($"/api/v1/patients/{patientId}/clinical");
        var allergies = clinical.GetProperty("allergies").EnumerateArray().Select(a => a.GetString()!).ToList();
        allergies.ShouldBe(["Penicillin (SNOMED CT 764146007)", $"{secondAllergy} (SNOMED CT 256349002)"]);
        var conditions = clinical.GetProperty("chronicConditions").EnumerateArray().Select(a => a.GetString()!).ToList();
        conditions.ShouldBe(["Essential (primary) hypertension (ICD-10 I10)", "Diabetes mellitus type 2 (SNOMED CT 44054006)"]);

        (await doctor.FhirAsync($"AllergyIntolerance?patient=Patient/{patientId}")).Bundle().Entry.Count.ShouldBe(2);
        (await doctor.FhirAsync($"Condition?patient={patientId}")).Bundle().Entry.Count.ShouldBe(2);
        var medications = (await doctor.FhirAsync($"MedicationStatement?patient={patientId}")).Bundle();
        medications.Entry.Select(e => ((CodeableConcept)((MedicationStatement)e.Resource!).Medication).Text)
            .ShouldBe(["Lisinopril 10 MG Oral Tablet (RxNorm 314076) — 1 tablet once daily"]);
        FhirValidation.Errors(medications.Entry[0].Resource!).ShouldBeEmpty();

        using var scope = host.Services.CreateScope();
        var reports = await scope.ServiceProvider.GetRequiredService<ILabRecords>().ReportsForPatientAsync(patientId, releasedOnly: true);
        reports.Count.ShouldBe(3);
        var glucose = reports.SelectMany(r => r.Observations).Single(o => o.LoincCode == "2345-7");
        (glucose.Value, glucose.Unit, glucose.RangeLow, glucose.RangeHigh, glucose.Flag).ShouldBe((7.8m, "mmol/L", 3.9m, 5.5m, LabFlags.High));
        glucose.EffectiveAt.ShouldBe(new DateTime(2026, 11, 18, 5, 15, 0, DateTimeKind.Utc));
        reports.SelectMany(r => r.Observations).Select(o => o.LoincCode).Order().ShouldBe(["2345-7", "4548-4", "718-7"]);
    }

    [Fact]
    public async Task Given_a_patient_registered_at_the_front_desk_When_another_system_sends_their_record_Then_it_joins_that_patient()
    {
        using var desk = await host.SignedInAsync(FrontDesk);
        var person = ImportApi.Person.New("Registrova", "Maria", "1988-09-30");
        var registered = await desk.PostAsync("/api/v1/front-desk/patients", new
        {
            givenName = "  maria ", familyName = person.Family.ToUpperInvariant(), dateOfBirth = person.BirthDate, sex = "female",
            email = $"import-{person.Tag}@example.test", phone = "+7 900 111 2233", preferredLanguage = "ru",
        });
        await registered.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var patientId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("patientId").GetGuid();
        var patientsBefore = (await SchedulingApi.PatientIdsAsync(host)).Count;

        using var admin = await host.SignedInAsync(Admin);
        var imported = await admin.ImportAsync(ImportApi.RecordOf(person));

        imported.Status.ShouldBe(HttpStatusCode.OK, imported.Json);
        imported.Bundle.Entry[0].Response!.Status.ShouldBe("200 OK");
        imported.PatientId.ShouldBe(patientId);
        (await SchedulingApi.PatientIdsAsync(host)).Count.ShouldBe(patientsBefore);

        // Next time the hospital's MRN alone finds the patient, even with the name spelt differently.
        var renamed = ImportApi.RecordOf(person).Replace($"\"family\": \"{person.Family}\"", $"\"family\": \"{person.Family}-Smith\"");
        var byIdentifier = await admin.ImportAsync(renamed);
        byIdentifier.PatientId.ShouldBe(patientId);
    }

    [Fact]
    public async Task Given_two_patients_with_the_same_name_and_birth_date_When_a_record_without_a_known_identifier_arrives_Then_it_is_refused_and_nothing_is_created()
    {
        using var desk = await host.SignedInAsync(FrontDesk);
        var person = ImportApi.Person.New("Dvoinik", "Olga", "1990-01-01");
        foreach (var n in new[] { 1, 2 })
        {
            await (await desk.PostAsync("/api/v1/front-desk/patients", new
            {
                givenName = person.Given, familyName = person.Family, dateOfBirth = person.BirthDate, sex = "female",
                email = $"twin{n}-{person.Tag}@example.test", phone = (string?)null, preferredLanguage = "en",
            })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        var patientsBefore = (await SchedulingApi.PatientIdsAsync(host)).Count;
        using var admin = await host.SignedInAsync(Admin);
        var refused = await admin.ImportAsync(ImportApi.RecordOf(person));

        refused.Status.ShouldBe(HttpStatusCode.Conflict, refused.Json);
        refused.Code.ShouldBe("import.ambiguous_patient");
        refused.Json.ShouldNotContain(person.Family);
        (await SchedulingApi.PatientIdsAsync(host)).Count.ShouldBe(patientsBefore);
    }

    [Fact]
    public async Task Given_malformed_or_unsupported_input_Then_the_answer_is_a_4xx_OperationOutcome_with_a_stable_code_and_good_entries_are_kept()
    {
        using var admin = await host.SignedInAsync(Admin);
        var person = ImportApi.Person.New();
        var record = ImportApi.RecordOf(person);

        (await admin.ImportAsync("{ \"resourceType\": \"Bundle\", ")).ShouldBeRefused(HttpStatusCode.BadRequest, "import.invalid_fhir");
        (await admin.ImportAsync("{ \"resourceType\": \"Patient\", \"id\": \"x\" }")).ShouldBeRefused(HttpStatusCode.BadRequest, "import.invalid_fhir");
        (await admin.ImportAsync(record, "text/plain")).ShouldBeRefused(HttpStatusCode.UnsupportedMediaType, "import.unsupported_media_type");
        (await admin.ImportAsync(record.Replace("\"type\": \"collection\"", "\"type\": \"searchset\"")))
            .ShouldBeRefused(HttpStatusCode.UnprocessableEntity, "import.unsupported_bundle_type");
        (await admin.ImportAsync(record.Replace($"\"birthDate\": \"{person.BirthDate}\"", "\"birthDate\": \"1975\"")))
            .ShouldBeRefused(HttpStatusCode.UnprocessableEntity, "import.patient_incomplete");
        // The rules of a patient registered here by hand: a birth date in the future or before 1900, a name past 100 characters.
        foreach (var implausible in new[] { "9999-12-31", "0001-01-01", SchedulingApi.Today(host).AddDays(1).ToString("yyyy-MM-dd") })
        {
            (await admin.ImportAsync(record.Replace($"\"birthDate\": \"{person.BirthDate}\"", $"\"birthDate\": \"{implausible}\"")))
                .ShouldBeRefused(HttpStatusCode.UnprocessableEntity, "import.patient_incomplete");
        }

        (await admin.ImportAsync(record.Replace($"\"family\": \"{person.Family}\"", $"\"family\": \"{new string('x', 101)}\"")))
            .ShouldBeRefused(HttpStatusCode.UnprocessableEntity, "import.patient_incomplete");
        (await admin.ImportAsync(record.Replace("\"meta\": { \"source\": \"https://ehr.city-hospital.example/fhir\" },", "")))
            .ShouldBeRefused(HttpStatusCode.UnprocessableEntity, "import.source_required");
        var secondPatient = record.Replace("\"entry\": [", $$"""
            "entry": [ { "fullUrl": "urn:uuid:{{Guid.NewGuid()}}", "resource": { "resourceType": "Patient", "name": [{ "family": "Other", "given": ["Person"] }], "birthDate": "2000-01-01" } },
            """);
        (await admin.ImportAsync(secondPatient)).ShouldBeRefused(HttpStatusCode.UnprocessableEntity, "import.several_patients");
        (await admin.ImportAsync(new string(' ', 5 * 1024 * 1024 + 10))).ShouldBeRefused(HttpStatusCode.RequestEntityTooLarge, "import.too_large");

        // The Firely SDK reads Bundles, not the host's JSON options: a name with a right-to-left override (raw or escaped) is refused all the same.
        var patientsBefore = (await SchedulingApi.PatientIdsAsync(host)).Count;
        (await admin.ImportAsync(ImportApi.RecordOf(ImportApi.Person.New(family: "Impor\u202Etova"))))
            .ShouldBeRefused(HttpStatusCode.BadRequest, "request.invalid_characters");
        (await admin.ImportAsync(record.Replace("\"entry\": [", "\"entry\": [ { \"resource\": { \"resourceType\": \"Condition\", \"code\": { \"text\": \"Gout\\u2066\" } } },")))
            .ShouldBeRefused(HttpStatusCode.BadRequest, "request.invalid_characters");
        // The source system named in the query string is stored in the import ledger: a string parameter, checked by the API's filter.
        using (var content = new StringContent(record, System.Text.Encoding.UTF8))
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/fhir+json");
            var spoofed = await admin.Http.PostAsync($"{ImportApi.Path}?source=https%3A%2F%2Fehr.example%2F%E2%80%AEfhir", content);
            spoofed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await spoofed.ProblemCodeAsync()).ShouldBe("request.invalid_characters");
        }

        (await SchedulingApi.PatientIdsAsync(host)).Count.ShouldBe(patientsBefore);

        // An unsupported type, an Observation without LOINC and an entry about someone else are refused one by one; the rest is imported.
        var mixed = record.Replace("\"entry\": [", """
            "entry": [
              { "resource": { "resourceType": "Encounter", "status": "finished", "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB" } } },
              { "resource": { "resourceType": "Observation", "status": "final", "code": { "text": "Mood" }, "valueString": "good", "effectiveDateTime": "2026-11-01" } },
              { "resource": { "resourceType": "Condition", "code": { "text": "Gout" }, "subject": { "reference": "Patient/someone-else" } } },
            """);
        var partly = await admin.ImportAsync(mixed);
        partly.Status.ShouldBe(HttpStatusCode.OK, partly.Json);
        partly.Bundle.Entry.Count.ShouldBe(12);
        var codes = partly.Bundle.Entry.Take(3).Select(e => (e.Response!.Status, ((OperationOutcome)e.Response!.Outcome!).Issue[0].Details!.Coding[0].Code)).ToList();
        codes.ShouldBe([("422 Unprocessable Entity", "import.unsupported_type"), ("422 Unprocessable Entity", "import.observation_not_loinc"),
            ("422 Unprocessable Entity", "import.other_patient")]);
        (partly.Count("created"), partly.Count("rejected")).ShouldBe((9, 3));
    }

    [Fact]
    public async Task Given_a_record_with_more_allergies_than_a_profile_keeps_When_imported_Then_the_entries_past_fifty_are_refused_and_refused_again_on_resend()
    {
        // Before, the import appended every entry, and a profile with 60 allergies was one its owner could no longer save (at most 50).
        using var admin = await host.SignedInAsync(Admin);
        var extra = string.Concat(Enumerable.Range(1, 50).Select(i => $$"""
              { "resource": { "resourceType": "AllergyIntolerance", "id": "many-{{i}}", "patient": { "reference": "urn:uuid:PATIENT" },
                "code": { "text": "Allergen number {{i}}" } } },
            """));
        var record = ImportApi.RecordOf(ImportApi.Person.New());
        var patientUrl = System.Text.RegularExpressions.Regex.Match(record, "\"fullUrl\":\\s*\"([^\"]+)\"").Groups[1].Value;
        record = record.Replace("\"entry\": [", "\"entry\": [" + extra.Replace("urn:uuid:PATIENT", patientUrl));

        var imported = await admin.ImportAsync(record);

        // Then the record's two allergies and 48 of the 50 more fit; two are refused with their own code, the rest of the record is kept
        imported.Status.ShouldBe(HttpStatusCode.OK, imported.Json);
        var full = imported.Bundle.Entry.Where(e => e.Response!.Outcome is OperationOutcome o && o.Issue[0].Details!.Coding[0].Code == "import.profile_list_full").ToList();
        full.Count.ShouldBe(2, imported.Json);
        (imported.Count("created"), imported.Count("rejected")).ShouldBe((57, 2));

        // And a resend judges the refused entries again (nothing of them was recorded), the rest unchanged
        var again = await admin.ImportAsync(record);
        (again.Count("unchanged"), again.Count("rejected")).ShouldBe((57, 2), again.Json);
    }

    [Fact]
    public async Task Given_a_patient_name_the_registration_form_refuses_When_imported_Then_the_record_is_refused_and_no_patient_is_created()
    {
        // The bundle is checked as multi-line text (a note may break lines); a name is one line without invisible characters, as typed here.
        // (Each name is sent as a JSON escape, \u200B, \n, …, as an exporting system writes it.)
        using var admin = await host.SignedInAsync(Admin);
        var patientsBefore = (await SchedulingApi.PatientIdsAsync(host)).Count;

        foreach (var family in new[] { "Impor\\u200Btova", "Impor\\ntova", "Impor\\u00ADtova", "Impor\\ttova" })
        {
            var record = ImportApi.RecordOf(ImportApi.Person.New(family: family));
            (await admin.ImportAsync(record)).ShouldBeRefused(HttpStatusCode.UnprocessableEntity, "import.patient_incomplete");
        }

        (await admin.ImportAsync(ImportApi.RecordOf(ImportApi.Person.New(given: "Ali\\u2060na"))))
            .ShouldBeRefused(HttpStatusCode.UnprocessableEntity, "import.patient_incomplete");
        (await SchedulingApi.PatientIdsAsync(host)).Count.ShouldBe(patientsBefore);
    }

    [Fact]
    public async Task Given_entries_longer_than_the_record_keeps_When_imported_Then_each_is_refused_whole_instead_of_cut_and_judged_again_on_resend()
    {
        // Before, an allergy's text past 200 characters was cut: the end of its name or its code was lost without anyone knowing.
        using var admin = await host.SignedInAsync(Admin);
        var longName = string.Concat(Enumerable.Repeat("Hypersensitivity to ", 9)) + "penicillin";
        var record = ImportApi.RecordOf(ImportApi.Person.New());
        var patientUrl = System.Text.RegularExpressions.Regex.Match(record, "\"fullUrl\":\\s*\"([^\"]+)\"").Groups[1].Value;
        record = record.Replace("\"entry\": [", $$"""
            "entry": [
              { "resource": { "resourceType": "AllergyIntolerance", "id": "long-allergy", "patient": { "reference": "{{patientUrl}}" },
                "code": { "text": "{{longName}}", "coding": [{ "system": "http://snomed.info/sct", "code": "91936005" }] } } },
              { "resource": { "resourceType": "Observation", "id": "long-text", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "630-4" }] },
                "effectiveDateTime": "2026-11-01T08:00:00Z", "valueString": "{{new string('x', ObservationTextLimit + 1)}}" } },
              { "resource": { "resourceType": "Observation", "id": "long-name", "status": "final", "code": { "text": "{{new string('y', 201)}}", "coding": [{ "system": "http://loinc.org", "code": "2823-3" }] },
                "effectiveDateTime": "2026-11-01T08:00:00Z", "valueQuantity": { "value": 4.2, "unit": "mmol/L" } } },
            """);

        var imported = await admin.ImportAsync(record);

        imported.Status.ShouldBe(HttpStatusCode.OK, imported.Json);
        imported.Bundle.Entry.Count.ShouldBe(12);
        imported.Bundle.Entry.Take(3).ShouldAllBe(e => e.Response!.Status == "422 Unprocessable Entity"
            && ((OperationOutcome)e.Response!.Outcome!).Issue[0].Details!.Coding[0].Code == "import.entry_too_long", imported.Json);
        (imported.Count("created"), imported.Count("rejected")).ShouldBe((9, 3));
        imported.Json.ShouldNotContain("Hypersensitivity to Hypersensitivity", Case.Sensitive, "no refused text is echoed back");

        var again = await admin.ImportAsync(record);
        (again.Count("unchanged"), again.Count("rejected")).ShouldBe((9, 3), again.Json);
    }

    private const int ObservationTextLimit = 4_000;

    [Fact]
    public async Task Given_observations_dated_in_the_year_9999_or_before_1900_When_imported_Then_each_is_refused_and_the_rest_of_the_record_is_kept()
    {
        // A value dated 9999-12-31 was once taken in as a released result and stayed at the top of the patient's timeline for good.
        using var admin = await host.SignedInAsync(Admin);
        var record = ImportApi.RecordOf(ImportApi.Person.New()).Replace("\"entry\": [", """
            "entry": [
              { "resource": { "resourceType": "Observation", "id": "future", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "2823-3" }] },
                "effectiveDateTime": "9999-12-31T23:59:59+00:00", "valueQuantity": { "value": 4.2, "unit": "mmol/L" } } },
              { "resource": { "resourceType": "Observation", "id": "tomorrow-and-more", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "2823-3" }] },
                "effectivePeriod": { "start": "2100-01-01T00:00:00Z" }, "valueQuantity": { "value": 4.2, "unit": "mmol/L" } } },
              { "resource": { "resourceType": "Observation", "id": "ancient", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "2823-3" }] },
                "effectiveDateTime": "1899-12-31T08:00:00Z", "valueString": "normal" } },
            """);

        var imported = await admin.ImportAsync(record);

        imported.Status.ShouldBe(HttpStatusCode.OK, imported.Json);
        imported.Bundle.Entry.Count.ShouldBe(12);
        imported.Bundle.Entry.Take(3).ShouldAllBe(e => e.Response!.Status == "422 Unprocessable Entity"
            && ((OperationOutcome)e.Response!.Outcome!).Issue[0].Details!.Coding[0].Code == "import.observation_time_out_of_range", imported.Json);
        (imported.Count("created"), imported.Count("rejected")).ShouldBe((9, 3));
    }

    [Fact]
    public async Task Given_malformed_or_absurd_lab_values_When_imported_Then_malformed_ones_are_refused_and_absurd_ones_are_flagged_critical_as_a_partner_labs_are()
    {
        // An inverted range, a 5000-character unit, the code "ZZZZ-9" and the mistyped "2823-4" (2823-3's check digit is 3) were taken in; 99999999999999999999 and -5 g/dL of
        // haemoglobin were stored without the critical flag a partner lab's value gets from the catalogue's limits.
        using var admin = await host.SignedInAsync(Admin);
        var longUnit = new string('x', 5000);
        var record = ImportApi.RecordOf(ImportApi.Person.New()).Replace("\"entry\": [", $$"""
            "entry": [
              { "resource": { "resourceType": "Observation", "id": "inverted", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "2823-3" }] },
                "effectiveDateTime": "2026-11-01T08:00:00Z", "valueQuantity": { "value": 4.2, "unit": "mmol/L" }, "referenceRange": [{ "low": { "value": 9 }, "high": { "value": 3 } }] } },
              { "resource": { "resourceType": "Observation", "id": "long-unit", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "2823-3" }] },
                "effectiveDateTime": "2026-11-01T08:00:00Z", "valueQuantity": { "value": 4.2, "unit": "{{longUnit}}" } } },
              { "resource": { "resourceType": "Observation", "id": "not-loinc", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "ZZZZ-9" }] },
                "effectiveDateTime": "2026-11-01T08:00:00Z", "valueQuantity": { "value": 4.2, "unit": "mmol/L" } } },
              { "resource": { "resourceType": "Observation", "id": "mistyped-loinc", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "2823-4" }] },
                "effectiveDateTime": "2026-11-01T08:00:00Z", "valueQuantity": { "value": 4.2, "unit": "mmol/L" } } },
              { "resource": { "resourceType": "Observation", "id": "absurd-high", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "718-7" }] },
                "effectiveDateTime": "2026-11-02T08:00:00Z", "valueQuantity": { "value": 99999999999999999999, "unit": "g/dL" } } },
              { "resource": { "resourceType": "Observation", "id": "absurd-low", "status": "final", "code": { "coding": [{ "system": "http://loinc.org", "code": "718-7" }] },
                "effectiveDateTime": "2026-11-03T08:00:00Z", "valueQuantity": { "value": -5, "unit": "g/dL" } } },
            """);

        var imported = await admin.ImportAsync(record);

        imported.Status.ShouldBe(HttpStatusCode.OK, imported.Json);
        imported.Bundle.Entry.Take(4).Select(e => ((OperationOutcome)e.Response!.Outcome!).Issue[0].Details!.Coding[0].Code)
            .ShouldBe(["import.observation_bad_range", "import.observation_bad_unit", "import.observation_not_loinc", "import.observation_not_loinc"], imported.Json);
        imported.Bundle.Entry.Skip(4).Take(2).ShouldAllBe(e => e.Response!.Status!.StartsWith("201"), imported.Json);

        var patientId = Guid.Parse(imported.Bundle.Entry.Select(e => e.Response!.Location).First(l => l is not null && l.StartsWith("Patient/"))!["Patient/".Length..]);
        using var scope = host.Services.CreateScope();
        var values = (await scope.ServiceProvider.GetRequiredService<ILabRecords>().ReportsForPatientAsync(patientId, releasedOnly: true))
            .SelectMany(r => r.Observations).Where(o => o.LoincCode == "718-7" && o.Value is > 1000m or < 0m).ToList();
        values.Single(o => o.Value > 1000m).Flag.ShouldBe(LabFlags.CriticalHigh);
        values.Single(o => o.Value < 0m).Flag.ShouldBe(LabFlags.CriticalLow);
        values.ShouldAllBe(o => o.Unit!.Length < 40);
    }

    [Fact]
    public async Task Given_staff_who_are_not_administrators_When_they_import_Then_they_are_refused_and_the_refusal_is_audited()
    {
        var record = ImportApi.RecordOf(ImportApi.Person.New());
        foreach (var email in new[] { Doctor, FrontDesk, "mikhail.vasiliev@demo.telemed.dev" })
        {
            using var client = await host.SignedInAsync(email);
            var refused = await client.ImportAsync(record);
            refused.ShouldBeRefused(HttpStatusCode.Forbidden, "import.forbidden");
        }

        using (var stranger = FhirApi.WithBearer(host, "not-a-session-token"))
        using (var content = new StringContent(record, System.Text.Encoding.UTF8, "application/fhir+json"))
        {
            (await stranger.PostAsync(ImportApi.Path, content)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var admin = await host.SignedInAsync(Admin);
        var denied = await AuditAsync(admin, "action=access.denied&recordType=FhirImport", e => e.Count >= 3);
        denied.Count.ShouldBeGreaterThanOrEqualTo(3);
    }

    private static async Task<List<JsonElement>> AuditAsync(ApiClient admin, string query, Func<List<JsonElement>, bool> enough)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?{query}&pageSize=100");
            var items = page.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
            if (enough(items) || attempt == 30)
            {
                return items;
            }

            await Task.Delay(100);
        }
    }
}

internal static class ImportAssertions
{
    public static void ShouldBeRefused(this ImportApi.Imported imported, HttpStatusCode status, string code)
    {
        imported.Status.ShouldBe(status, imported.Json);
        imported.Code.ShouldBe(code, imported.Json);
    }
}

[Collection(nameof(FhirSqliteCollection))]
public sealed class ImportScenariosOnSqlite(FhirSqliteHost host) : ImportScenarios(host);

[Collection(nameof(FhirPostgresCollection))]
public sealed class ImportScenariosOnPostgres(FhirPostgresHost host) : ImportScenarios(host);
