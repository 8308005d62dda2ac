using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Clinical;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Privacy;

/// <summary>
/// The patient's access report (docs/privacy.md): a doctor's read of the patient's consultation appears with the doctor's
/// name, role and time; the patient's own reads do not; nobody else sees the report.
/// </summary>
public abstract class AccessReportScenarios(TelemedHost host)
{
    private const string DoctorEmail = "natalia.lebedeva@demo.telemed.dev";
    private const string PatientEmail = "andrei.semenov@demo.telemed.dev";
    private const string OtherPatientEmail = "tatiana.golubeva@demo.telemed.dev";

    /// <summary>An on-demand consultation the doctor accepted and then opened.</summary>
    private async Task<Guid> ConsultationTheDoctorOpenedAsync()
    {
        using var doctor = await host.SignedInAsync(DoctorEmail);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var patient = await host.SignedInAsync(PatientEmail);
        var requested = await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "neurology", kind = "chat", complaint = Complaint(["head"], 2, "days", [], "Headache") });
        await requested.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctor.GetAsync($"/api/v1/consultations/{id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        // The patient's own read of the same record is not someone else opening it.
        await (await patient.GetAsync($"/api/v1/consultations/{id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
        return id;
    }

    [Fact]
    public async Task Given_a_doctor_opened_the_patients_consultation_Then_the_access_report_lists_the_doctor_with_name_role_and_time_and_nobody_else_sees_it()
    {
        var before = host.Clock.GetUtcNow().UtcDateTime.AddSeconds(-5);
        await ConsultationTheDoctorOpenedAsync();
        var after = host.Clock.GetUtcNow().UtcDateTime.AddSeconds(5);

        using var patient = await host.SignedInAsync(PatientEmail);
        var report = await patient.GetJsonAsync<JsonElement>($"/api/v1/me/access-report?from={before:O}&pageSize=100");
        var items = report.GetProperty("items").EnumerateArray().ToList();
        var doctorRead = items.First(i => i.GetProperty("recordType").GetString() == "Consultation" && i.GetProperty("staffName").GetString() == "Natalia Lebedeva");
        doctorRead.GetProperty("staffRoles").EnumerateArray().Select(r => r.GetString()).ShouldContain("Doctor");
        doctorRead.GetProperty("kind").GetString().ShouldBe("opened");
        doctorRead.GetProperty("breakGlass").GetBoolean().ShouldBeFalse();
        doctorRead.GetProperty("occurredAt").GetDateTime().ToUniversalTime().ShouldBeInRange(before, after);
        items.ShouldAllBe(i => i.GetProperty("staffRoles").EnumerateArray().Any(r => r.GetString() != "Patient"));
        report.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(items.Count);

        // The range filters: nothing before the visit.
        var earlier = await patient.GetJsonAsync<JsonElement>($"/api/v1/me/access-report?to={before.AddMinutes(-30):O}");
        earlier.GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("id").GetInt64() == doctorRead.GetProperty("id").GetInt64());
        var backwards = await patient.Http.GetAsync($"/api/v1/me/access-report?from={after:O}&to={before:O}");
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.ProblemCodeAsync()).ShouldBe("validation.failed");

        // Another patient: not in their report, and asking for this patient's report is refused as if it did not exist.
        using var other = await host.SignedInAsync(OtherPatientEmail);
        var theirs = await other.GetJsonAsync<JsonElement>($"/api/v1/me/access-report?from={before:O}&pageSize=100");
        theirs.GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("id").GetInt64() == doctorRead.GetProperty("id").GetInt64());
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        var refused = await other.Http.GetAsync($"/api/v1/me/access-report?patientId={patientId}");
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await refused.ProblemCodeAsync()).ShouldBe("privacy.patient_not_found");

        // Staff have no access report endpoint of their own.
        using var doctor = await host.SignedInAsync(DoctorEmail);
        (await doctor.Http.GetAsync("/api/v1/me/access-report")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Given_a_doctor_in_care_read_the_patients_record_timeline_Then_the_access_report_lists_that_read()
    {
        // Before, the timeline read was audited under the record's id only, and the access report (which finds entries by their
        // subject patient) never showed it.
        var before = host.Clock.GetUtcNow().UtcDateTime.AddSeconds(-5);
        await ConsultationTheDoctorOpenedAsync();
        using var patient = await host.SignedInAsync(PatientEmail);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        using var doctor = await host.SignedInAsync(DoctorEmail);

        await (await doctor.GetAsync($"/api/v1/patients/{patientId}/record/timeline")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var items = (await patient.GetJsonAsync<JsonElement>($"/api/v1/me/access-report?from={before:O}&pageSize=100"))
            .GetProperty("items").EnumerateArray().ToList();
        items.ShouldContain(i => i.GetProperty("recordType").GetString() == "PatientRecord" && i.GetProperty("staffName").GetString() == "Natalia Lebedeva",
            string.Join(", ", items.Select(i => i.GetProperty("recordType").GetString())));
    }
}

[Collection("clinical-sqlite")]
public sealed class AccessReportScenariosOnSqlite(ClinicalSqliteHost host) : AccessReportScenarios(host);

[Collection("clinical-postgres")]
public sealed class AccessReportScenariosOnPostgres(ClinicalPostgresHost host) : AccessReportScenarios(host);
