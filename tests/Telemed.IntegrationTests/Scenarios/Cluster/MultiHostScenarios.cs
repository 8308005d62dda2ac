using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Consultations;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Cluster;

/// <summary>
/// Three hosts on one PostgreSQL with the Redis backplane (issue 15, item 1). Clients are placed on a chosen host (as the
/// load balancer would have placed them) so that every check crosses hosts; sessions are re-read only every ten minutes
/// and the idle sweep is as slow, so whatever happens within seconds on another host came through Redis.
/// </summary>
public sealed class MultiHostCluster() : TelemedCluster(() =>
{
    var settings = ConsultationSettings.Create();
    settings["Sessions:RevalidateAfter"] = "00:10:00";
    settings["Sessions:ConnectionSweepInterval"] = "00:10:00";
    settings["Scheduling:WorkerIntervalMilliseconds"] = "200";
    return settings;
});

public sealed class MultiHostScenarios(MultiHostCluster cluster) : IClassFixture<MultiHostCluster>
{
    private const string Dermatologist = "olga.smirnova@demo.telemed.dev";
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private static async Task<Guid> RequestDermatologyAsync(ApiClient patient, string kind = "video") =>
        await OnDemandAsync(patient, "dermatology", kind, Complaint(["left-hand"], 3, "weeks", ["rash"]));

    [Fact]
    public async Task Given_a_patient_on_host_1_and_their_doctor_on_host_3_Then_chat_call_signalling_and_the_end_of_the_call_reach_across_hosts()
    {
        using var patient = await cluster.SignedInAsync(0, "ivan.kuznetsov@demo.telemed.dev");
        using var doctor = await cluster.SignedInAsync(2, Dermatologist);
        using var doctorElsewhere = await cluster.SignedInAsync(1, Dermatologist);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var id = await RequestDermatologyAsync(patient);
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Chat: the patient's connection is on host 1, the doctor's on host 3.
        var conversationId = (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/conversation")).GetProperty("id").GetGuid();
        using var patientChat = (await HubClient.ConnectAsync(patient, "/hubs/chat", "messageReceived", "typing"))!;
        using var doctorChat = (await HubClient.ConnectAsync(doctor, "/hubs/chat", "messageReceived", "typing"))!;
        (await patientChat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        (await doctorChat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        (await patientChat.InvokeAsync("SendMessage", conversationId, "The rash spread to the wrist", "mh-1")).Ok.ShouldBeTrue();
        (await doctorChat.NextEventAsync("messageReceived", m => m.GetProperty("body").GetString() == "The rash spread to the wrist", Soon)).GetProperty("senderRole").GetString().ShouldBe("patient");
        (await doctorChat.InvokeAsync("SendMessage", conversationId, "Please show it on camera", "mh-2")).Ok.ShouldBeTrue();
        (await patientChat.NextEventAsync("messageReceived", m => m.GetProperty("body").GetString() == "Please show it on camera", Soon)).GetProperty("senderRole").GetString().ShouldBe("doctor");
        // Through the compose file's nginx (whichever host it picks for this address), the patient's second tab hears the doctor too.
        using var patientThroughFront = (await HubClient.ConnectAsync(patient, cluster.Front.BaseAddress, "/hubs/chat", "messageReceived"))!;
        (await patientThroughFront.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        (await doctorChat.InvokeAsync("SendMessage", conversationId, "Through the load balancer", "mh-4")).Ok.ShouldBeTrue();
        await patientThroughFront.NextEventAsync("messageReceived", m => m.GetProperty("body").GetString() == "Through the load balancer", Soon);
        cluster.Front.AccessLog().ShouldContain(l => l.Contains("/hubs/chat", StringComparison.Ordinal));

        // A message posted over HTTP on host 2 reaches both hubs.
        var posted = await doctorElsewhere.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", new { body = "Sent from my other tab", clientMessageId = "mh-3" });
        await posted.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await patientChat.NextEventAsync("messageReceived", m => m.GetProperty("body").GetString() == "Sent from my other tab", Soon);

        // Call: the patient joins on host 1; the doctor, joining on host 3, is told the patient is already there.
        var patientCall = await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/call");
        var doctorCall = await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/call");
        using var patientHub = (await HubClient.ConnectAsync(patient, "/hubs/call", "signal", "peerJoined", "callEnded"))!;
        using var doctorHub = (await HubClient.ConnectAsync(doctor, "/hubs/call", "signal", "peerJoined", "callEnded"))!;
        (await patientHub.InvokeAsync("JoinCall", id, patientCall.GetProperty("callToken").GetString())).Value.GetProperty("peerPresent").GetBoolean().ShouldBeFalse();
        var joined = await doctorHub.InvokeAsync("JoinCall", id, doctorCall.GetProperty("callToken").GetString());
        joined.Value.GetProperty("peerPresent").GetBoolean().ShouldBeTrue();
        (await patientHub.NextEventAsync("peerJoined", timeout: Soon)).GetProperty("role").GetString().ShouldBe("caller");
        (await doctorHub.InvokeAsync("SendSignal", id, "offer", "{\"sdp\":\"v=0\"}")).Ok.ShouldBeTrue();
        (await patientHub.NextEventAsync("signal", timeout: Soon)).GetProperty("kind").GetString().ShouldBe("offer");

        // Ended from host 2: both sides, on hosts 1 and 3, hear it.
        await (await doctorElsewhere.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await patientHub.NextEventAsync("callEnded", timeout: Soon)).GetProperty("consultationId").GetGuid().ShouldBe(id);
        (await doctorHub.NextEventAsync("callEnded", timeout: Soon)).GetProperty("consultationId").GetGuid().ShouldBe(id);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    [Fact]
    public async Task Given_two_patients_waiting_When_a_doctor_on_host_3_accepts_the_first_Then_the_second_patient_on_host_2_moves_up()
    {
        using var first = await cluster.SignedInAsync(0, "elena.popova@demo.telemed.dev");
        using var second = await cluster.SignedInAsync(1, "mikhail.vasiliev@demo.telemed.dev");
        using var doctor = await cluster.SignedInAsync(2, Dermatologist);
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var firstId = await RequestDermatologyAsync(first);
        var secondId = await RequestDermatologyAsync(second);
        using var room = (await HubClient.ConnectAsync(second, "/hubs/waiting-room", "queueUpdated"))!;
        (await room.InvokeAsync("WatchConsultation", secondId)).Ok.ShouldBeTrue();
        (await room.NextEventAsync("queueUpdated", u => u.GetProperty("consultationId").GetGuid() == secondId, Soon)).GetProperty("position").GetInt32().ShouldBe(2);

        await (await doctor.PostAsync($"/api/v1/consultations/{firstId}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        (await room.NextEventAsync("queueUpdated", u => u.GetProperty("consultationId").GetGuid() == secondId && u.GetProperty("position").GetInt32() == 1, Soon))
            .GetProperty("status").GetString().ShouldBe("waiting");
        await (await doctor.PostAsync($"/api/v1/consultations/{firstId}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await second.PostAsync($"/api/v1/consultations/{secondId}/fail", new { reason = "patientLeft" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    [Fact]
    public async Task Given_ten_doctors_spread_over_three_hosts_When_all_accept_one_request_at_once_Then_exactly_one_wins()
    {
        var doctors = new List<ApiClient>();
        for (var i = 0; i < 10; i++)
        {
            var doctor = await cluster.SignedInAsync(i % 3, DoctorEmails[i]);
            await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
            doctors.Add(doctor);
        }

        using var patient = await cluster.SignedInAsync(1, "svetlana.pavlova@demo.telemed.dev");
        var id = await RequestDermatologyAsync(patient, kind: "chat");

        using var start = new SemaphoreSlim(0);
        var attempts = doctors.Select(async d =>
        {
            await start.WaitAsync();
            return await d.PostAsync($"/api/v1/consultations/{id}/accept");
        }).ToList();
        start.Release(doctors.Count);
        var responses = await Task.WhenAll(attempts);

        // The winner is one of the dermatologists (on any host); the others hear "taken" or, not being offered it, "no such consultation".
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Where(r => r.StatusCode != HttpStatusCode.OK).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Conflict || r.StatusCode == HttpStatusCode.NotFound);
        var winner = doctors[Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK)];
        var winnerUserId = (await winner.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}")).GetProperty("doctorUserId").GetGuid();
        (await StatusInDatabaseAsync(cluster.Hosts[0], id)).ShouldBe($"InProgress|{winnerUserId}");
        await (await winner.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        foreach (var doctor in doctors)
        {
            await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
            doctor.Dispose();
        }
    }

    [Fact]
    public async Task Given_three_hosts_running_their_workers_When_a_request_goes_unanswered_Then_the_front_desk_on_another_host_hears_of_it_once()
    {
        using var desk = await cluster.SignedInAsync(1, FrontDesk);
        using var escalations = (await HubClient.ConnectAsync(desk, "/hubs/waiting-room", "consultationEscalated"))!;
        (await escalations.InvokeAsync("WatchEscalations")).Ok.ShouldBeTrue();
        using var patient = await cluster.SignedInAsync(0, "ivan.kuznetsov@demo.telemed.dev");
        var id = await RequestDermatologyAsync(patient, kind: "chat");

        cluster.Advance(TimeSpan.FromSeconds(ConsultationSettings.EscalateAfterSeconds + 1));

        (await escalations.NextEventAsync("consultationEscalated", e => e.GetProperty("consultationId").GetGuid() == id, Soon)).ShouldNotBe(default);
        // Three workers pass every 100 ms: a second escalation of the same request would arrive well within this.
        await Should.ThrowAsync<TimeoutException>(() => escalations.NextEventAsync("consultationEscalated", e => e.GetProperty("consultationId").GetGuid() == id, TimeSpan.FromSeconds(3)));
        await (await patient.PostAsync($"/api/v1/consultations/{id}/fail", new { reason = "patientLeft" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_a_hub_connection_on_host_3_When_the_user_signs_out_on_host_1_Then_it_is_closed_at_once_and_host_3_refuses_the_session()
    {
        using var patient = await cluster.SignedInAsync(0, "andrei.semenov@demo.telemed.dev");
        using var elsewhere = (await HubClient.ConnectAsync(patient, cluster.Hosts[2].BaseAddress, "/hubs/notifications"))!;
        using var here = (await HubClient.ConnectAsync(patient, "/hubs/notifications"))!;
        var cookies = patient.CookieHeader;

        await (await patient.PostAsync("/api/v1/auth/sign-out")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        // Sessions are re-read every ten minutes here: only the signal through Redis can close host 3's connection this soon.
        await elsewhere.ClosedAsync(Soon);
        await here.ClosedAsync(Soon);
        using var replay = new HttpClient { BaseAddress = cluster.Hosts[2].BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/session");
        request.Headers.Add("Cookie", cookies);
        var session = await (await replay.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        session.GetProperty("authenticated").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Given_three_hosts_running_their_workers_When_reminders_come_due_Then_each_goes_out_once()
    {
        var host = cluster.Hosts[0];
        const string patientEmail = "oliver.grant@demo.telemed.dev";
        using var patient = await cluster.SignedInAsync(0, patientEmail);
        var doctor = (await DoctorsAsync(patient))[3].Id;
        var slot = (await SlotsAsync(patient, doctor, Today(host).AddDays(4), 3))[0];
        var booked = await BookAsync(patient, doctor, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        async Task<int> RemindersSentAsync()
        {
            // Signed in afresh each time: the clocks jump days ahead, which would end an older session as idle.
            using var admin = await cluster.SignedInAsync(1, "admin@demo.telemed.dev");
            var page = await admin.GetJsonAsync<JsonElement>("/api/v1/admin/outbox?pageSize=100");
            return page.GetProperty("items").EnumerateArray().Count(m => m.GetProperty("channel").GetString() == "email" && m.GetProperty("to").GetString() == patientEmail
                && (m.GetProperty("subject").GetString() ?? "").StartsWith("Reminder:", StringComparison.Ordinal));
        }

        var before = await RemindersSentAsync();
        cluster.Advance(slot.Start.AddHours(-48).AddMinutes(1) - host.Clock.GetUtcNow().UtcDateTime);
        await WaitForAsync(async () => await RemindersSentAsync() > before ? "sent" : null, TimeSpan.FromSeconds(30), "the 48-hour reminder");
        // Many passes of three workers: nothing more may go out.
        await Task.Delay(2000);
        var sent = await RemindersSentAsync() - before;
        sent.ShouldBe(1);
        (await EmailRemindersAsync(host, appointmentId)).ShouldBe(["48|Sent"]);
    }

    private static async Task<List<string>> EmailRemindersAsync(TelemedHost host, Guid appointmentId)
    {
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        return await RawDatabase.RowsAsync(connection, $"SELECT CAST(\"OffsetHours\" AS text), \"Status\" FROM {raw.Table("scheduling", "reminders")} WHERE \"AppointmentId\" = '{appointmentId}' AND \"Channel\" = 'Email' AND \"Status\" <> 'Pending'");
    }
}
