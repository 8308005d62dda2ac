using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>On-demand requests: triage before any queue, the on-call pool, escalation and the single winner.</summary>
public abstract class OnCallScenarios(TelemedHost host)
{
    private static readonly object ChestPainWithBreathlessness = Complaint(["chest", "left-arm"], 8, "underAnHour", ["shortnessOfBreath"], "Pressing pain");

    [Fact]
    public async Task Given_a_patient_already_waiting_When_they_ask_again_for_the_same_specialty_Then_they_keep_their_one_place_with_the_new_complaint()
    {
        using var patient = await host.SignedInAsync("grigory.tarasov@demo.telemed.dev");
        var first = await OnDemandAsync(patient, "psychiatry", "chat", Complaint(["head"], 3, "weeks", description: "Trouble sleeping"));
        var again = await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "psychiatry", kind = "chat", complaint = Complaint(["head"], 5, "weeks", description: "Trouble sleeping, worse now") });
        await again.ShouldHaveStatusAsync(HttpStatusCode.Created);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid().ShouldBe(first);

        var waiting = (await patient.GetJsonAsync<JsonElement>("/api/v1/consultations/mine")).EnumerateArray()
            .Where(c => c.GetProperty("status").GetString() == "waiting").ToList();
        waiting.Count.ShouldBe(1, "one place in the pool, not two");
        var complaint = await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{first}/complaint");
        complaint.GetProperty("summary").GetString()!.ShouldContain("5/10");
        await (await patient.PostAsync($"/api/v1/consultations/{first}/fail", new { reason = "patientLeft" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_chest_pain_with_breathlessness_When_the_patient_asks_for_a_doctor_now_Then_emergency_advice_and_no_queue()
    {
        using var cardiologist = await host.SignedInAsync("anna.petrova@demo.telemed.dev");
        await (await cardiologist.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var patient = await host.SignedInAsync("ivan.kuznetsov@demo.telemed.dev");

        var preview = await (await patient.PostAsync("/api/v1/consultations/triage", ChestPainWithBreathlessness)).Content.ReadFromJsonAsync<JsonElement>();
        preview.GetProperty("level").GetString().ShouldBe("emergency");

        var response = await patient.PostAsync("/api/v1/consultations/on-demand", new { specialty = "cardiology", kind = "video", complaint = ChestPainWithBreathlessness });
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var admission = await response.Content.ReadFromJsonAsync<JsonElement>();
        admission.GetProperty("admitted").GetBoolean().ShouldBeFalse();
        admission.GetProperty("consultation").ValueKind.ShouldBe(JsonValueKind.Null);
        var triage = admission.GetProperty("triage");
        triage.GetProperty("level").GetString().ShouldBe("emergency");
        triage.GetProperty("advice").GetString()!.ShouldContain("emergency services");
        var fired = triage.GetProperty("firedRules").EnumerateArray().ToList();
        fired.ShouldContain(r => r.GetProperty("code").GetString() == "chest-pain-with-breathlessness");
        fired.ShouldAllBe(r => r.GetProperty("source").GetString()!.Length > 0);

        var queue = await cardiologist.GetJsonAsync<JsonElement>("/api/v1/consultations/queue");
        queue.GetProperty("pool").GetArrayLength().ShouldBe(0);
        var mine = await patient.GetJsonAsync<JsonElement>("/api/v1/consultations/mine");
        mine[0].GetProperty("status").GetString().ShouldBe("failed");
        mine[0].GetProperty("failureReason").GetString().ShouldBe("emergencyAdvised");
        mine[0].GetProperty("queue").ValueKind.ShouldBe(JsonValueKind.Null);
        await cardiologist.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    [Fact]
    public async Task Given_an_unanswered_request_escalated_with_ten_doctors_on_duty_When_all_accept_at_once_Then_exactly_one_of_its_specialty_wins()
    {
        var doctors = new List<ApiClient>();
        foreach (var email in DoctorEmails.Take(10))
        {
            var doctor = await host.SignedInAsync(email);
            await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            doctors.Add(doctor);
        }

        using var desk = await host.SignedInAsync(SchedulingApi.FrontDesk);
        using var escalations = (await HubClient.ConnectAsync(desk, "/hubs/waiting-room", "consultationEscalated"))!;
        (await escalations.InvokeAsync("WatchEscalations")).Ok.ShouldBeTrue();
        using var watcher = (await HubClient.ConnectAsync(doctors[5], "/hubs/waiting-room", "queueChanged"))!;
        (await watcher.InvokeAsync("WatchQueue")).Ok.ShouldBeTrue();
        using var patient = await host.SignedInAsync("elena.popova@demo.telemed.dev");
        using var room = (await HubClient.ConnectAsync(patient, "/hubs/waiting-room", "queueUpdated"))!;

        var response = await patient.PostAsync("/api/v1/consultations/on-demand", new { specialty = "dermatology", kind = "video", complaint = Complaint(["left-hand"], 3, "weeks", ["rash"]) });
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
        (await room.InvokeAsync("WatchConsultation", id)).Ok.ShouldBeTrue();
        var first = await room.NextEventAsync("queueUpdated");
        first.GetProperty("position").GetInt32().ShouldBe(1);
        first.GetProperty("escalated").GetBoolean().ShouldBeFalse();

        // The two dermatologists see it; a cardiologist does not, escalated or not (item 6: escalations go to doctors who can take them).
        (await doctors[0].GetJsonAsync<JsonElement>("/api/v1/consultations/queue")).GetProperty("pool").GetArrayLength().ShouldBe(0);
        (await doctors[4].GetJsonAsync<JsonElement>("/api/v1/consultations/queue")).GetProperty("pool")[0].GetProperty("consultationId").GetGuid().ShouldBe(id);

        host.Clock.Advance(TimeSpan.FromSeconds(ConsultationSettings.EscalateAfterSeconds + 1));
        (await escalations.NextEventAsync("consultationEscalated")).GetProperty("consultationId").GetGuid().ShouldBe(id);
        (await room.NextEventAsync("queueUpdated", u => u.GetProperty("escalated").GetBoolean())).GetProperty("position").GetInt32().ShouldBe(1);
        (await desk.GetJsonAsync<JsonElement>("/api/v1/consultations/escalations")).EnumerateArray().ShouldContain(e => e.GetProperty("consultationId").GetGuid() == id);
        (await doctors[0].GetJsonAsync<JsonElement>("/api/v1/consultations/queue")).GetProperty("pool").GetArrayLength().ShouldBe(0);
        (await doctors[4].GetJsonAsync<JsonElement>("/api/v1/consultations/queue")).GetProperty("pool")[0].GetProperty("escalated").GetBoolean().ShouldBeTrue();

        using var start = new SemaphoreSlim(0);
        var attempts = doctors.Select(async d =>
        {
            await start.WaitAsync();
            return await d.PostAsync($"/api/v1/consultations/{id}/accept");
        }).ToList();
        start.Release(doctors.Count);
        var responses = await Task.WhenAll(attempts);

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        var losers = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        losers.Count.ShouldBe(9);
        foreach (var loser in losers)
        {
            // Who lost the race while the request was still offered to them hears it was taken; who came after the winner
            // hears what anyone hears of a consultation they may not see: there is no such consultation.
            var code = await loser.ProblemCodeAsync();
            if (loser.StatusCode == HttpStatusCode.Conflict)
            {
                code.ShouldBe("consultation.already_taken");
            }
            else
            {
                loser.StatusCode.ShouldBe(HttpStatusCode.NotFound);
                code.ShouldBe("consultation.not_found");
            }
        }

        var winner = doctors[Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK)];
        var winnerUserId = (await (await winner.GetAsync($"/api/v1/consultations/{id}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("doctorUserId").GetGuid();
        (await StatusInDatabaseAsync(host, id)).ShouldBe($"InProgress|{(host.Provider == Telemed.BuildingBlocks.Data.DatabaseProvider.Postgres ? winnerUserId.ToString() : winnerUserId.ToString().ToUpperInvariant())}");
        (await watcher.NextEventAsync("queueChanged", c => c.GetProperty("change").GetString() == "removed")).GetProperty("consultationId").GetGuid().ShouldBe(id);
        (await room.NextEventAsync("queueUpdated", u => u.GetProperty("status").GetString() == "inProgress")).GetProperty("consultationId").GetGuid().ShouldBe(id);
        foreach (var other in doctors.Where(d => d != winner))
        {
            (await other.GetJsonAsync<JsonElement>("/api/v1/consultations/queue")).GetProperty("pool").EnumerateArray().ShouldNotContain(i => i.GetProperty("consultationId").GetGuid() == id);
            (await other.GetAsync($"/api/v1/consultations/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        await (await winner.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        foreach (var doctor in doctors)
        {
            await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
            doctor.Dispose();
        }
    }

    [Fact]
    public async Task Given_bad_complaint_forms_Then_clear_field_errors_and_nothing_is_queued()
    {
        using var patient = await host.SignedInAsync("svetlana.pavlova@demo.telemed.dev");
        var response = await patient.PostAsync("/api/v1/consultations/on-demand",
            new { specialty = "dermatology", kind = "video", complaint = new { regions = new[] { "elbow-of-doom" }, severity = 11, duration = "days", symptoms = new[] { "boredom" } } });
        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("validation.failed");
        var errors = problem.GetProperty("errors").ToString();
        errors.ShouldContain("body map region");
        errors.ShouldContain("Severity");
        errors.ShouldContain("known symptom");
        var unknown = await patient.PostAsync("/api/v1/consultations/on-demand", new { specialty = "astrology", kind = "video", complaint = Complaint(["head"]) });
        (await unknown.ProblemCodeAsync()).ShouldBe("consultation.no_such_specialty");
        (await patient.GetJsonAsync<JsonElement>("/api/v1/consultations/mine")).GetArrayLength().ShouldBe(0);
    }
}

[Collection("consultations-sqlite")]
public sealed class OnCallScenariosOnSqlite(ConsultationsSqliteHost host) : OnCallScenarios(host);

[Collection("consultations-postgres")]
public sealed class OnCallScenariosOnPostgres(ConsultationsPostgresHost host) : OnCallScenarios(host);
