using System.Net;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Fhir;

/// <summary>
/// What an attacker or a careless FHIR client sends that the happy paths never do: dates at the calendar's edge, parameters on
/// interactions that take none, and staff without clinical access asking for a record. Each once answered 500, answered in full
/// as if a filter had been applied, or was refused without a trace in the audit trail.
/// </summary>
public abstract class FhirEdgeScenarios(FhirHost host)
{
    private const string DemoPatient = "mikhail.vasiliev@demo.telemed.dev";

    private static async Task<Guid> PatientIdAsync(ApiClient patient) =>
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();

    [Fact]
    public async Task Given_dates_at_the_calendars_edge_When_a_client_searches_or_reads_a_Slot_Then_each_is_a_400_or_an_empty_answer_never_a_5xx()
    {
        using var patient = await host.SignedInAsync(DemoPatient);
        using var doctor = await host.SignedInAsync("anna.petrova@demo.telemed.dev");
        var doctorId = await ConsultationsApi.DoctorIdAsync(doctor);

        // The interval a year, month, day or instant of 9999 covers ends after DateTime.MaxValue: refused like any unreadable date.
        foreach (var search in new[]
                 {
                     "Patient?_lastUpdated=9999", "Patient?birthdate=9999-12", "Appointment?date=9999-12-31", "Encounter?date=gt9999",
                     "MedicationRequest?date=le9999-12-31", "Observation?date=9999-12-31T23:59:59.9999999Z", "Slot?start=9999",
                     "Appointment?date=9998-12-31T23:00:00-05:00",
                 })
        {
            var answer = await patient.FhirAsync(search);
            answer.Status.ShouldBe(HttpStatusCode.BadRequest, search);
            answer.OutcomeCode().ShouldBe("fhir.invalid_parameter", search);
        }

        // Slot windows before now or beyond any booking horizon hold no slots: empty, not a failure deep in the schedule reader.
        foreach (var search in new[] { "Slot?start=ge0001-01-01", "Slot?start=le0001-01-02", "Slot?start=ge9998-12-31", "Slot?start=gt9998-12-31T23:59:59Z" })
        {
            var answer = await patient.FhirAsync(search);
            answer.Status.ShouldBe(HttpStatusCode.OK, search);
            answer.Bundle().Total.ShouldBe(0, search);
        }

        foreach (var start in new[] { "000101010000", "000101010100", "999912310000", "999912312359" })
        {
            var read = await patient.FhirAsync($"Slot/{doctorId:N}-{start}-v");
            read.Status.ShouldBe(HttpStatusCode.NotFound, start);
            read.OutcomeCode().ShouldBe("fhir.not_found", start);
        }

        // The edge's own side still works: a birth date search in year 1 and slots from now on.
        (await patient.FhirAsync("Patient?birthdate=0001")).Bundle().Total.ShouldBe(0);
        (await patient.FhirAsync("Slot?_count=1")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_parameters_on_a_read_everything_or_metadata_Then_anything_but_a_JSON_format_is_refused_rather_than_ignored()
    {
        using var patient = await host.SignedInAsync(DemoPatient);
        var patientId = await PatientIdAsync(patient);

        var cases = new (string Path, string Code)[]
        {
            // $everything?_type=Patient once answered the whole record, as if the client's filter had been applied.
            ($"Patient/{patientId}/$everything?_type=Patient", "fhir.unknown_parameter"),
            ($"Patient/{patientId}/$everything?start=2020-01-01", "fhir.unknown_parameter"),
            ($"Patient/{patientId}/$everything?_count=1", "fhir.unknown_parameter"),
            ($"Patient/{patientId}?_elements=id", "fhir.unknown_parameter"),
            ($"Patient/{patientId}?_summary=true", "fhir.unknown_parameter"),
            ($"Patient/{patientId}?_format=xml", "fhir.invalid_parameter"),
            ($"Patient/{patientId}/$everything?_format=xml", "fhir.invalid_parameter"),
            ("metadata?_format=xml", "fhir.invalid_parameter"),
            ("metadata?mode=terminology", "fhir.unknown_parameter"),
        };
        foreach (var (path, code) in cases)
        {
            var answer = await patient.FhirAsync(path);
            answer.Status.ShouldBe(HttpStatusCode.BadRequest, path);
            answer.ContentType.ShouldBe("application/fhir+json", path);
            answer.OutcomeCode().ShouldBe(code, path);
        }

        (await patient.FhirAsync($"Patient/{patientId}?_format=json")).Status.ShouldBe(HttpStatusCode.OK);
        (await patient.FhirAsync($"Patient/{patientId}/$everything?_format=application%2Ffhir%2Bjson")).Status.ShouldBe(HttpStatusCode.OK);
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        (await anonymous.FhirAsync("metadata?_format=json")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_staff_without_clinical_access_When_they_ask_for_a_patients_data_over_FHIR_Then_each_403_is_in_the_audit_trail()
    {
        using var patient = await host.SignedInAsync(DemoPatient);
        var patientId = await PatientIdAsync(patient);
        using var pharmacist = await host.SignedInAsync("pharmacist@demo.telemed.dev");

        foreach (var path in new[] { $"Patient/{patientId}", $"Observation?patient=Patient/{patientId}", $"Patient/{patientId}/$everything", "Encounter" })
        {
            var refused = await pharmacist.FhirAsync(path);
            refused.Status.ShouldBe(HttpStatusCode.Forbidden, path);
            refused.OutcomeCode().ShouldBe("fhir.forbidden", path);
        }

        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var named = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=access.denied&actorRole=Pharmacist&recordId={patientId}&pageSize=50");
        var entries = named.GetProperty("items").EnumerateArray().ToList();
        entries.Count.ShouldBe(3);
        entries.ShouldAllBe(e => e.GetProperty("recordType").GetString() == "Patient" && e.GetProperty("outcome").GetString() == "denied");
        var unnamed = await admin.GetJsonAsync<JsonElement>("/api/v1/admin/audit?action=access.denied&actorRole=Pharmacist&recordType=Encounter&pageSize=50");
        unnamed.GetProperty("items").GetArrayLength().ShouldBe(1);
    }
}

[Collection(nameof(FhirSqliteCollection))]
public sealed class FhirEdgeScenariosOnSqlite(FhirSqliteHost host) : FhirEdgeScenarios(host);

[Collection(nameof(FhirPostgresCollection))]
public sealed class FhirEdgeScenariosOnPostgres(FhirPostgresHost host) : FhirEdgeScenarios(host);
