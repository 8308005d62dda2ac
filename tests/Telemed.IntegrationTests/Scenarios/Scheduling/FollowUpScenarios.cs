using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Scheduling;

/// <summary>
/// "Book a follow-up" (issue 11, doctor): a doctor books a visit in their own calendar for a patient in their care; without
/// a care relationship the patient does not exist for them (404); a taken time is a 409 with a stable code; retries are safe.
/// </summary>
public abstract class FollowUpScenarios(TelemedHost host)
{
    private const string DoctorEmail = "alexei.sokolov@demo.telemed.dev";

    private static Task<HttpResponseMessage> FollowUpAsync(ApiClient doctor, Guid patientId, SlotInfo slot, string kind = "video", string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scheduling/follow-ups")
        {
            Content = JsonContent.Create(new { patientId, clinicId = slot.ClinicId, kind, start = slot.Start }, options: ApiClient.Json),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return doctor.Http.SendAsync(request);
    }

    /// <summary>The doctor (signed in), their directory id, and the demo patient (signed in) with their directory id.</summary>
    private async Task<(ApiClient Doctor, Guid DoctorId, ApiClient Patient, Guid PatientId)> ArrangeAsync(string patientEmail)
    {
        var doctor = await host.SignedInAsync(DoctorEmail);
        var doctorId = (await doctor.GetJsonAsync<JsonElement>("/api/v1/scheduling/me/doctor")).GetProperty("doctorId").GetGuid();
        var patient = await host.SignedInAsync(patientEmail);
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        return (doctor, doctorId, patient, patientId);
    }

    /// <summary>Gives the doctor a care relationship with the patient the usual way: the front desk books a visit with them.</summary>
    private async Task RelateAsync(ApiClient doctor, Guid doctorId, Guid patientId, SlotInfo slot)
    {
        using var desk = await host.SignedInAsync(FrontDesk);
        await (await BookAsync(desk, doctorId, slot, patientId)).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await WaitForAsync(async () => (await doctor.GetAsync($"/api/v1/patients/{patientId}/demographics")).IsSuccessStatusCode ? "related" : null,
            TimeSpan.FromSeconds(20), "the care relationship from the booking");
    }

    [Fact]
    public async Task Given_a_patient_in_the_doctors_care_When_the_doctor_books_a_follow_up_Then_the_patient_sees_it_and_a_retry_books_once()
    {
        var (doctor, doctorId, patient, patientId) = await ArrangeAsync(PatientEmails[5]);
        using var _ = doctor;
        using var __ = patient;
        var slots = await SlotsAsync(doctor, doctorId, Today(host).AddDays(3), 10);
        await RelateAsync(doctor, doctorId, patientId, slots[0]);
        var followUpSlot = slots[^1];
        var key = Guid.NewGuid().ToString();

        var booked = await FollowUpAsync(doctor, patientId, followUpSlot, key: key);
        var retried = await FollowUpAsync(doctor, patientId, followUpSlot, key: key);

        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await retried.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var view = await booked.Content.ReadFromJsonAsync<JsonElement>();
        var id = view.GetProperty("id").GetGuid();
        (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().ShouldBe(id);
        view.GetProperty("status").GetString().ShouldBe("booked");
        view.GetProperty("doctorId").GetGuid().ShouldBe(doctorId);

        // The patient sees it in My appointments and reads it as their own.
        var mine = await patient.GetJsonAsync<JsonElement>("/api/v1/scheduling/appointments/mine");
        mine.EnumerateArray().Count(a => a.GetProperty("id").GetGuid() == id).ShouldBe(1);
        (await patient.GetAsync($"/api/v1/scheduling/appointments/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The doctor's booking is in the audit trail under the appointment's id (no PHI in the record).
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var audited = await RawDatabase.RowsAsync(connection,
            $"SELECT COUNT(*) FROM {raw.Table("audit", "entries")} WHERE \"Action\" = 'appointment.follow_up_booked' AND \"RecordId\" = '{id}'");
        audited.Single().ShouldBe("1");
    }

    [Fact]
    public async Task Given_a_patient_without_a_care_relationship_When_the_doctor_books_a_follow_up_Then_the_patient_is_not_found()
    {
        var (doctor, doctorId, patient, stranger) = await ArrangeAsync(PatientEmails[6]);
        using var _ = doctor;
        using var __ = patient;
        (await doctor.GetAsync($"/api/v1/patients/{stranger}/demographics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var slots = await SlotsAsync(doctor, doctorId, Today(host).AddDays(3), 10);

        var refused = await FollowUpAsync(doctor, stranger, slots[2]);
        var unknown = await FollowUpAsync(doctor, Guid.NewGuid(), slots[2]);

        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await refused.ProblemCodeAsync()).ShouldBe("scheduling.patient_not_found");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.ProblemCodeAsync()).ShouldBe("scheduling.patient_not_found");
        (await SlotsAsync(doctor, doctorId, Today(host).AddDays(3), 10)).ShouldContain(s => s.Start == slots[2].Start);
    }

    [Fact]
    public async Task Given_a_taken_time_When_the_doctor_books_a_follow_up_there_Then_it_is_a_conflict_with_a_stable_code()
    {
        var (doctor, doctorId, patient, patientId) = await ArrangeAsync(PatientEmails[7]);
        using var _ = doctor;
        using var __ = patient;
        var slots = await SlotsAsync(doctor, doctorId, Today(host).AddDays(5), 10);
        await RelateAsync(doctor, doctorId, patientId, slots[1]);

        var first = await FollowUpAsync(doctor, patientId, slots[3]);
        var again = await FollowUpAsync(doctor, patientId, slots[3]);
        var overTheirVisit = await FollowUpAsync(doctor, patientId, slots[1]);

        await first.ShouldHaveStatusAsync(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ProblemCodeAsync()).ShouldBe("scheduling.slot_taken");
        overTheirVisit.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await overTheirVisit.ProblemCodeAsync()).ShouldBe("scheduling.slot_taken");
    }

    [Fact]
    public async Task Given_a_patient_or_the_front_desk_Then_the_follow_up_endpoint_is_for_doctors_only()
    {
        using var desk = await host.SignedInAsync(FrontDesk);
        using var patient = await host.SignedInAsync(PatientEmails[0]);
        var body = new { patientId = Guid.NewGuid(), clinicId = Guid.NewGuid(), kind = "video", start = DateTime.UtcNow.AddDays(3) };

        (await desk.PostAsync("/api/v1/scheduling/follow-ups", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await patient.PostAsync("/api/v1/scheduling/follow-ups", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class FollowUpScenariosOnSqlite(SqliteHost host) : FollowUpScenarios(host), IClassFixture<SqliteHost>;

public sealed class FollowUpScenariosOnPostgres(PostgresHost host) : FollowUpScenarios(host), IClassFixture<PostgresHost>;
