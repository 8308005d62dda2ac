using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// Who receives a new message live (official SignalR JavaScript client): everyone who joined the conversation, except the
/// hub connection that sent it, which has the message as its invocation's result. The sender's other tabs still get it.
/// </summary>
public abstract class ChatBroadcastScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_a_patient_with_two_tabs_When_one_tab_sends_over_the_hub_Then_the_doctor_and_the_other_tab_receive_it_and_the_sending_tab_only_as_its_result()
    {
        using var patient = await host.SignedInAsync("andrei.semenov@demo.telemed.dev");
        using var doctor = await host.SignedInAsync("alexei.sokolov@demo.telemed.dev");
        var conversationId = await StartThreadAsync(patient, doctor, "Two tabs");
        using var sendingTab = await JoinedAsync(patient, conversationId);
        using var otherTab = await JoinedAsync(patient, conversationId);
        using var doctorChat = await JoinedAsync(doctor, conversationId);

        var sent = await sendingTab.InvokeAsync("SendMessage", conversationId, "From the first tab", "tab-1");

        sent.Ok.ShouldBeTrue(sent.Error);
        var id = sent.Value.GetProperty("id").GetGuid();
        sent.Value.GetProperty("body").GetString().ShouldBe("From the first tab");
        (await doctorChat.NextEventAsync("messageReceived", m => m.GetProperty("id").GetGuid() == id)).GetProperty("senderRole").GetString().ShouldBe("patient");
        (await otherTab.NextEventAsync("messageReceived", m => m.GetProperty("id").GetGuid() == id)).GetProperty("body").GetString().ShouldBe("From the first tab");
        await Should.ThrowAsync<TimeoutException>(() => sendingTab.NextEventAsync("messageReceived", m => m.GetProperty("id").GetGuid() == id, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Given_a_patient_with_a_tab_open_When_a_message_is_sent_through_the_API_Then_every_joined_connection_receives_it()
    {
        using var patient = await host.SignedInAsync("andrei.semenov@demo.telemed.dev");
        using var doctor = await host.SignedInAsync("alexei.sokolov@demo.telemed.dev");
        var conversationId = await StartThreadAsync(patient, doctor, "Over the API");
        using var patientTab = await JoinedAsync(patient, conversationId);
        using var doctorChat = await JoinedAsync(doctor, conversationId);

        var sent = await patient.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", new { body = "From the API", clientMessageId = "api-1" });

        await sent.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await patientTab.NextEventAsync("messageReceived", m => m.GetProperty("id").GetGuid() == id)).GetProperty("body").GetString().ShouldBe("From the API");
        (await doctorChat.NextEventAsync("messageReceived", m => m.GetProperty("id").GetGuid() == id)).GetProperty("body").GetString().ShouldBe("From the API");
    }

    private static async Task<HubClient> JoinedAsync(ApiClient user, Guid conversationId)
    {
        var hub = (await HubClient.ConnectAsync(user, "/hubs/chat", "messageReceived"))!;
        hub.ShouldNotBeNull();
        (await hub.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        return hub;
    }
}

[Collection("consultations-sqlite")]
public sealed class ChatBroadcastScenariosOnSqlite(ConsultationsSqliteHost host) : ChatBroadcastScenarios(host);

[Collection("consultations-postgres")]
public sealed class ChatBroadcastScenariosOnPostgres(ConsultationsPostgresHost host) : ChatBroadcastScenarios(host);
