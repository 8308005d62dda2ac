using System.Net;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Consultations;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Cluster;

/// <summary>Three hosts of their own, because this class stops their Redis and one of them (issue 15, item 4).</summary>
public sealed class RedisOutageCluster() : TelemedCluster(ConsultationSettings.Create);

public sealed class RedisOutageScenarios(RedisOutageCluster cluster) : IClassFixture<RedisOutageCluster>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Given_Redis_down_Then_clients_of_one_host_keep_working_and_when_it_is_back_messages_cross_hosts_again_without_a_restart()
    {
        using var patient = await cluster.SignedInAsync(0, "tatiana.golubeva@demo.telemed.dev");
        using var doctor = await cluster.SignedInAsync(0, "olga.smirnova@demo.telemed.dev");
        using var doctorElsewhere = await cluster.SignedInAsync(2, "olga.smirnova@demo.telemed.dev");
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var id = await OnDemandAsync(patient, "dermatology", "chat", Complaint(["left-hand"], 3, "weeks", ["rash"]));
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var conversationId = (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/conversation")).GetProperty("id").GetGuid();
        using var patientChat = (await HubClient.ConnectAsync(patient, "/hubs/chat", "messageReceived"))!;
        using var doctorChat = (await HubClient.ConnectAsync(doctor, "/hubs/chat", "messageReceived"))!;
        foreach (var hub in new[] { patientChat, doctorChat })
        {
            (await hub.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        }

        await cluster.Redis.StopAsync();

        // The doctor's tab on host 3 connects and joins during the outage: its own channel and the conversation's (it is the
        // conversation's first connection on that host) have no Redis subscription, and host 3 must make them when Redis is back.
        using var doctorChatElsewhere = (await HubClient.ConnectAsync(doctorElsewhere, "/hubs/chat", "messageReceived"))!;
        (await doctorChatElsewhere.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();

        // Both on host 1: the chat goes on, stored and delivered; a booking goes through.
        (await patientChat.InvokeAsync("SendMessage", conversationId, "Is it contagious?", "ro-1")).Ok.ShouldBeTrue();
        await doctorChat.NextEventAsync("messageReceived", m => m.GetProperty("body").GetString() == "Is it contagious?", Soon);
        using var booker = await cluster.SignedInAsync(0, "sophie.turner@demo.telemed.dev");
        var doctorId = (await DoctorsAsync(booker))[2].Id;
        var slot = (await SlotsAsync(booker, doctorId, Today(cluster.Hosts[0]).AddDays(3), 3))[0];
        await (await BookAsync(booker, doctorId, slot)).ShouldHaveStatusAsync(HttpStatusCode.Created);
        // What the doctor's tab on host 3 missed is in the history it reads on reconnecting.
        var history = await doctorElsewhere.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages");
        history.EnumerateArray().ShouldContain(m => m.GetProperty("body").GetString() == "Is it contagious?");

        await cluster.Redis.StartAsync();

        // Reconnected by itself: a message from host 1 reaches host 3 again (StackExchange.Redis retries every few seconds).
        await WaitForAsync(async () =>
        {
            var marker = "back-" + Guid.NewGuid().ToString("N")[..6];
            (await patientChat.InvokeAsync("SendMessage", conversationId, marker, marker)).Ok.ShouldBeTrue();
            try
            {
                await doctorChatElsewhere.NextEventAsync("messageReceived", m => m.GetProperty("body").GetString() == marker, TimeSpan.FromSeconds(2));
                return "delivered";
            }
            catch (TimeoutException)
            {
                return null;
            }
        }, TimeSpan.FromSeconds(60), "a message across hosts after Redis came back");
        // And the other way: host 1's subscription, made before the outage, carries host 3's message.
        (await doctorChatElsewhere.InvokeAsync("SendMessage", conversationId, "Not contagious.", "ro-2")).Ok.ShouldBeTrue();
        await patientChat.NextEventAsync("messageReceived", m => m.GetProperty("body").GetString() == "Not contagious.", Soon);
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }

    [Fact]
    public async Task Given_a_chat_between_hosts_When_the_patients_host_stops_mid_chat_Then_the_patient_goes_on_from_another_host_and_no_acknowledged_message_is_lost()
    {
        // Hosts 2 and 3 (indexes 1 and 2) only: the Redis outage test uses hosts 1 and 3 and must not meet a stopped host.
        using var patient = await cluster.SignedInAsync(1, "andrei.semenov@demo.telemed.dev");
        using var doctor = await cluster.SignedInAsync(2, "olga.smirnova@demo.telemed.dev");
        await (await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var id = await OnDemandAsync(patient, "dermatology", "chat", Complaint(["left-hand"], 2, "days", ["rash"]));
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/accept")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var conversationId = (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/{id}/conversation")).GetProperty("id").GetGuid();
        using var doctorChat = (await HubClient.ConnectAsync(doctor, "/hubs/chat", "messageReceived"))!;
        (await doctorChat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        var patientChat = (await HubClient.ConnectAsync(patient, "/hubs/chat", "messageReceived"))!;
        (await patientChat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();

        // The patient keeps writing while their host stops; only what the hub acknowledged counts as sent.
        var acknowledged = new List<string>();
        var sending = Task.Run(async () =>
        {
            for (var n = 0; n < 40 && !patientChat.IsClosed; n++)
            {
                var body = $"before-{n}";
                try
                {
                    if ((await patientChat.InvokeAsync("SendMessage", conversationId, body, body)).Ok)
                    {
                        lock (acknowledged)
                        {
                            acknowledged.Add(body);
                        }
                    }
                }
                catch (TimeoutException)
                {
                    return;
                }

                await Task.Delay(100);
            }
        });
        await WaitForAsync(async () => { await Task.Yield(); lock (acknowledged) { return acknowledged.Count >= 5 ? "some" : null; } }, TimeSpan.FromSeconds(30), "the first messages");
        await cluster.StopHostAsync(1);
        await patientChat.ClosedAsync(Soon);
        await sending;
        patientChat.Dispose();

        // The same cookie works on host 1 (shared data-protection keys); the conversation carries on there.
        using var again = (await HubClient.ConnectAsync(patient, cluster.Hosts[0].BaseAddress, "/hubs/chat", "messageReceived"))!;
        (await again.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        (await again.InvokeAsync("SendMessage", conversationId, "after the switch", "after-1")).Ok.ShouldBeTrue();
        acknowledged.Add("after the switch");

        foreach (var body in acknowledged)
        {
            await doctorChat.NextEventAsync("messageReceived", m => m.GetProperty("body").GetString() == body, Soon);
        }

        var history = (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages"))
            .EnumerateArray().Select(m => m.GetProperty("body").GetString()).ToList();
        acknowledged.ShouldAllBe(body => history.Contains(body));
        await (await doctor.PostAsync($"/api/v1/consultations/{id}/end")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await doctor.PutAsync("/api/v1/consultations/duty", new { onDuty = false });
    }
}
