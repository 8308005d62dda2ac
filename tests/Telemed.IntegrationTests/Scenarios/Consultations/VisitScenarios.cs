using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>A booked video visit through the API and the hubs (official SignalR JavaScript client): waiting room, accept, call, chat, end.</summary>
public abstract class VisitScenarios(TelemedHost host)
{
    private const string DoctorEmail = "sergey.volkov@demo.telemed.dev";
    private const string OtherDoctorEmail = "maria.ivanova@demo.telemed.dev";
    private const string PatientEmail = "oliver.grant@demo.telemed.dev";

    private async Task<(ApiClient Patient, ApiClient Doctor, Guid AppointmentId, Guid ConsultationId)> PatientWaitingAsync(string patientEmail)
    {
        using (var doctorForId = await host.SignedInAsync(DoctorEmail))
        using (var booking = await host.SignedInAsync(patientEmail))
        {
            var doctorId = await DoctorIdAsync(doctorForId);
            var (appointmentId, _) = await BookVideoVisitAndWaitUntilItIsDueAsync(host, booking, doctorId);
            var patient = await host.SignedInAsync(patientEmail);
            var doctor = await host.SignedInAsync(DoctorEmail);
            var admission = await EnterAsync(patient, appointmentId, Complaint(["lower-back", "left-back-thigh"], 6, "days", ["numbness"], "Pain since lifting a box"));
            admission.GetProperty("admitted").GetBoolean().ShouldBeTrue();
            return (patient, doctor, appointmentId, admission.GetProperty("consultation").GetProperty("id").GetGuid());
        }
    }

    [Fact]
    public async Task Given_a_due_video_visit_When_the_patient_enters_Then_the_waiting_room_shows_position_1_live_and_the_doctor_sees_the_summary()
    {
        var (patient, doctor, appointmentId, id) = await PatientWaitingAsync(PatientEmail);
        using var _p = patient;
        using var _d = doctor;
        using var room = (await HubClient.ConnectAsync(patient, "/hubs/waiting-room", "queueUpdated"))!;
        (await room.InvokeAsync("WatchConsultation", id)).Ok.ShouldBeTrue();
        var update = await room.NextEventAsync("queueUpdated");
        update.GetProperty("position").GetInt32().ShouldBe(1);
        update.GetProperty("estimatedWaitMinutes").GetInt32().ShouldBeInRange(1, 15);

        var queue = await doctor.GetJsonAsync<JsonElement>("/api/v1/consultations/queue");
        var item = queue.GetProperty("booked").EnumerateArray().Single(i => i.GetProperty("consultationId").GetGuid() == id);
        item.GetProperty("complaintSummary").GetString()!.ShouldContain("Lower back");
        item.GetProperty("complaintSummary").GetString()!.ShouldContain("6/10");
        item.GetProperty("patientName").GetString()!.ShouldContain("Grant");
        (await doctor.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{appointmentId}")).GetProperty("status").GetString().ShouldBe("checkedIn");

        var accepted = await doctor.PostAsync($"/api/v1/consultations/{id}/accept");
        await accepted.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var live = await room.NextEventAsync("queueUpdated", u => u.GetProperty("status").GetString() == "inProgress");
        live.GetProperty("position").ValueKind.ShouldBe(JsonValueKind.Null);

        host.Clock.Advance(TimeSpan.FromMinutes(7));
        var ended = await doctor.PostAsync($"/api/v1/consultations/{id}/end");
        await ended.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var view = await ended.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("status").GetString().ShouldBe("completed");
        view.GetProperty("durationSeconds").GetInt32().ShouldBeInRange(420, 425);
        // The appointment is completed from the outbox (ConsultationCompleted), a moment after the consultation's own transaction.
        var appointmentStatus = "";
        for (var attempt = 0; attempt < 100 && appointmentStatus != "completed"; attempt++)
        {
            await Task.Delay(100);
            appointmentStatus = (await doctor.GetJsonAsync<JsonElement>($"/api/v1/scheduling/appointments/{appointmentId}")).GetProperty("status").GetString()!;
        }

        appointmentStatus.ShouldBe("completed");
    }

    [Fact]
    public async Task Given_a_call_in_progress_Then_only_its_two_participants_join_the_call_hub_and_read_the_chat_and_ending_it_closes_both()
    {
        var (patient, doctor, _, id) = await PatientWaitingAsync("sophie.turner@demo.telemed.dev");
        using var _p = patient;
        using var _d = doctor;
        using var other = await host.SignedInAsync(OtherDoctorEmail);
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var patientCall = await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/call");
        patientCall.GetProperty("role").GetString().ShouldBe("callee");
        var doctorCall = await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/call");
        doctorCall.GetProperty("role").GetString().ShouldBe("caller");
        (await other.GetAsync($"/api/v1/consultations/{id}/call")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var patientHub = (await HubClient.ConnectAsync(patient, "/hubs/call", "signal", "peerJoined", "callEnded"))!;
        using var doctorHub = (await HubClient.ConnectAsync(doctor, "/hubs/call", "signal", "peerJoined", "callEnded"))!;
        using var intruderHub = (await HubClient.ConnectAsync(other, "/hubs/call", "signal"))!;
        (await patientHub.InvokeAsync("JoinCall", id, patientCall.GetProperty("callToken").GetString())).Ok.ShouldBeTrue();
        var joined = await doctorHub.InvokeAsync("JoinCall", id, doctorCall.GetProperty("callToken").GetString());
        joined.Ok.ShouldBeTrue();
        joined.Value.GetProperty("peerPresent").GetBoolean().ShouldBeTrue();
        (await patientHub.NextEventAsync("peerJoined")).GetProperty("role").GetString().ShouldBe("caller");

        // Another doctor is refused with a token of their own making and even with the patient's real token.
        (await intruderHub.InvokeAsync("JoinCall", id, "forged")).Ok.ShouldBeFalse();
        (await intruderHub.InvokeAsync("JoinCall", id, patientCall.GetProperty("callToken").GetString())).Ok.ShouldBeFalse();
        // Signalling is decided when a connection joins: one that never joined gets the same answer as for an unknown id.
        (await intruderHub.InvokeAsync("SendSignal", id, "offer", "{}")).Error!.ShouldContain("consultation.not_found");
        using (var anonymous = host.CreateApiClient())
        {
            (await HubClient.ConnectAsync(anonymous, "/hubs/call")).ShouldBeNull();
        }

        (await doctorHub.InvokeAsync("SendSignal", id, "offer", "{\"sdp\":\"v=0\"}")).Ok.ShouldBeTrue();
        (await patientHub.NextEventAsync("signal")).GetProperty("kind").GetString().ShouldBe("offer");

        // Chat: the two participants write and read; the other doctor cannot read or join.
        var conversation = await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/conversation");
        var conversationId = conversation.GetProperty("id").GetGuid();
        using var doctorChat = (await HubClient.ConnectAsync(doctor, "/hubs/chat", "messageReceived", "typing", "readReceipt"))!;
        using var patientChat = (await HubClient.ConnectAsync(patient, "/hubs/chat", "messageReceived", "typing", "readReceipt"))!;
        using var intruderChat = (await HubClient.ConnectAsync(other, "/hubs/chat", "messageReceived"))!;
        (await doctorChat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        (await patientChat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        (await intruderChat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeFalse();

        var photo = await UploadAsync(patient, PngWithText("rash photo"), "rash.png");
        var sent = await patient.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", new { body = "Here is the photo", attachmentIds = new[] { photo }, clientMessageId = "m-1" });
        await sent.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var received = await doctorChat.NextEventAsync("messageReceived");
        received.GetProperty("body").GetString().ShouldBe("Here is the photo");
        received.GetProperty("attachments")[0].GetProperty("contentType").GetString().ShouldBe("image/png");
        (await doctor.GetAsync($"/api/v1/consultations/attachments/{photo}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await other.GetAsync($"/api/v1/consultations/attachments/{photo}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await patientChat.InvokeAsync("Typing", conversationId)).Ok.ShouldBeTrue();
        (await doctorChat.NextEventAsync("typing")).GetProperty("conversationId").GetGuid().ShouldBe(conversationId);
        var reply = await doctorChat.InvokeAsync("SendMessage", conversationId, "Thank you, I can see it", "d-1");
        reply.Ok.ShouldBeTrue();
        (await patientChat.NextEventAsync("messageReceived", m => m.GetProperty("senderRole").GetString() == "doctor")).GetProperty("body").GetString().ShouldBe("Thank you, I can see it");
        (await patientChat.InvokeAsync("MarkRead", conversationId, reply.Value.GetProperty("id").GetGuid())).Ok.ShouldBeTrue();
        (await doctorChat.NextEventAsync("readReceipt")).GetProperty("messageId").GetGuid().ShouldBe(reply.Value.GetProperty("id").GetGuid());
        var history = await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages");
        history.GetArrayLength().ShouldBe(2);
        history[1].GetProperty("readAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await other.GetAsync($"/api/v1/consultations/conversations/{conversationId}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", new { body = "hi" })).ShouldHaveStatusAsync(HttpStatusCode.NotFound);

        // Ending the consultation ends the call for both, and the tokens stop working.
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await patientHub.NextEventAsync("callEnded")).GetProperty("status").GetString().ShouldBe("completed");
        (await patientHub.InvokeAsync("JoinCall", id, patientCall.GetProperty("callToken").GetString())).Ok.ShouldBeFalse();
        // The joined connection's signalling ends with the call (the roster dropped it), with the reason.
        (await doctorHub.InvokeAsync("SendSignal", id, "offer", "{}")).Error!.ShouldContain("consultation.call_closed");
        (await patient.GetAsync($"/api/v1/consultations/{id}/call")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Given_an_idempotent_message_retry_Then_it_is_stored_once()
    {
        var (patient, doctor, _, id) = await PatientWaitingAsync("yulia.mikhailova@demo.telemed.dev");
        using var _p = patient;
        using var _d = doctor;
        var conversationId = (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/conversation")).GetProperty("id").GetGuid();
        var first = await patient.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", new { body = "Same", clientMessageId = "retry-1" });
        var second = await patient.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", new { body = "Same", clientMessageId = "retry-1" });
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid().ShouldBe((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages")).GetArrayLength().ShouldBe(1);
        var empty = await patient.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", new { body = "  " });
        (await empty.ProblemCodeAsync()).ShouldBe("chat.empty_message");

        var left = await patient.PostAsync($"/api/v1/consultations/{id}/fail", new { reason = "patientLeft" });
        await left.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await left.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("failureReason").GetString().ShouldBe("patientLeft");
        (await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ProblemCodeAsync()).ShouldBe("consultation.not_waiting");
    }
}

[Collection("consultations-sqlite")]
public sealed class VisitScenariosOnSqlite(ConsultationsSqliteHost host) : VisitScenarios(host);

[Collection("consultations-postgres")]
public sealed class VisitScenariosOnPostgres(ConsultationsPostgresHost host) : VisitScenarios(host);

[CollectionDefinition("consultations-sqlite")]
public sealed class ConsultationsSqliteCollection : ICollectionFixture<ConsultationsSqliteHost>;

[CollectionDefinition("consultations-postgres")]
public sealed class ConsultationsPostgresCollection : ICollectionFixture<ConsultationsPostgresHost>;
