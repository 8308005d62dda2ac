using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>Issue 11: the front desk acts on escalations, and a patient keeps a complaint draft before the room opens.</summary>
public abstract class FrontDeskEscalationScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_an_escalated_request_When_the_desk_assigns_it_to_a_doctor_of_another_specialty_Then_422_and_nothing_changes()
    {
        using var patient = await host.SignedInAsync("roman.fedorov@demo.telemed.dev");
        var response = await patient.PostAsync("/api/v1/consultations/on-demand", new { specialty = "gynecology", kind = "chat", complaint = Complaint(["pelvis"], 2, "weeks") });
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        host.Clock.Advance(TimeSpan.FromSeconds(ConsultationSettings.EscalateAfterSeconds + 1));

        using var desk = await host.SignedInAsync(SchedulingApi.FrontDesk);
        var escalation = await SchedulingApi.WaitForAsync(async () =>
        {
            var list = await desk.GetJsonAsync<JsonElement>("/api/v1/consultations/escalations");
            return list.EnumerateArray().Where(e => e.GetProperty("consultationId").GetGuid() == id).Select(e => (JsonElement?)e).FirstOrDefault() is { } e ? new Box(e) : null;
        }, TimeSpan.FromSeconds(20), "the escalation");
        escalation.Value.GetProperty("patientName").GetString().ShouldBe("Roman Fedorov");
        escalation.Value.GetProperty("patientPhone").GetString().ShouldBe("+7 916 555 01 11");
        escalation.Value.GetProperty("doctors").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ShouldBe(["Irina Novikova"]);

        using var cardiologist = await host.SignedInAsync("anna.petrova@demo.telemed.dev");
        var cardiologistUserId = (await cardiologist.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("id").GetGuid();
        var wrong = await desk.PostAsync($"/api/v1/consultations/escalations/{id}/assign", new { doctorUserId = cardiologistUserId });
        await wrong.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        (await wrong.ProblemCodeAsync()).ShouldBe("consultation.doctor_cannot_take");
        (await StatusInDatabaseAsync(host, id)).ShouldBe("Waiting|");

        var unknown = await desk.PostAsync($"/api/v1/consultations/escalations/{Guid.NewGuid()}/called-back");
        await unknown.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (await unknown.ProblemCodeAsync()).ShouldBe("consultation.not_found");

        // Only the front desk acts on escalations.
        (await patient.PostAsync($"/api/v1/consultations/escalations/{id}/dismiss")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await (await desk.PostAsync($"/api/v1/consultations/escalations/{id}/dismiss")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        var again = await desk.PostAsync($"/api/v1/consultations/escalations/{id}/dismiss");
        await again.ShouldHaveStatusAsync(HttpStatusCode.Conflict);
        (await again.ProblemCodeAsync()).ShouldBe("consultation.not_escalated");
        await (await patient.PostAsync($"/api/v1/consultations/{id}/fail", new { reason = "patientLeft" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_a_draft_that_breaks_the_forms_limits_Then_400_and_someone_elses_appointment_is_not_found()
    {
        using var doctor = await host.SignedInAsync("sergey.volkov@demo.telemed.dev");
        using var patient = await host.SignedInAsync("yulia.mikhailova@demo.telemed.dev");
        var doctorId = await DoctorIdAsync(doctor);
        var slot = (await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(3), 6))[0];
        var booked = await SchedulingApi.BookAsync(patient, doctorId, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var path = $"/api/v1/consultations/appointments/{appointmentId}/draft";

        var bad = await patient.PutAsync(path, new { regions = new[] { "tail" }, severity = 11 });
        await bad.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        var saved = await (await patient.PutAsync(path, new { regions = new[] { "head" }, description = "Since Monday" })).Content.ReadFromJsonAsync<JsonElement>();
        saved.GetProperty("complaint").GetProperty("description").GetString().ShouldBe("Since Monday");
        saved.GetProperty("roomOpen").GetBoolean().ShouldBeFalse();

        using var stranger = await host.SignedInAsync("andrei.semenov@demo.telemed.dev");
        var refused = await stranger.GetAsync(path);
        await refused.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (await refused.ProblemCodeAsync()).ShouldBe("consultation.appointment_not_found");
    }

    private sealed record Box(JsonElement Value);
}

[Collection("consultations-sqlite")]
public sealed class FrontDeskEscalationScenariosOnSqlite(ConsultationsSqliteHost host) : FrontDeskEscalationScenarios(host);

[Collection("consultations-postgres")]
public sealed class FrontDeskEscalationScenariosOnPostgres(ConsultationsPostgresHost host) : FrontDeskEscalationScenarios(host);
