using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Clinical;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// Marking a conversation read up to a message it does not have (an unknown id, or another conversation's) answered OK on the hub and
/// 204 on REST and changed nothing, so a client never learnt of its mistake. Both now answer <c>chat.message_not_found</c> (official
/// SignalR client for the hub) and still change nothing.
/// </summary>
public abstract class ChatMarkReadScenarios(TelemedHost host)
{
    private const string Dermatologist = "olga.smirnova@demo.telemed.dev";

    private async Task<string> NewPatientAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"read-{tag}@example.test";
        using var scope = host.Services.CreateScope();
        var userId = await scope.ServiceProvider.GetRequiredService<IIdentityModule>().EnsureUserAsync(new NewUser(email, Demo.Password, $"Read Patient {tag}", ["Patient"]));
        await scope.ServiceProvider.GetRequiredService<IDirectoryModule>().EnsurePatientProfileAsync(new NewPatientProfile(userId, "Read", $"Patient{tag}",
            new DateOnly(1985, 5, 5), "female", email, "+7 900 222 3344", "Arbat 1, Moscow", "en", "Acme", "P-1", [], []));
        return email;
    }

    [Fact]
    public async Task Given_a_conversation_When_marked_read_up_to_an_unknown_message_or_another_conversations_Then_hub_and_rest_answer_chat_message_not_found_and_nothing_changes()
    {
        var email = await NewPatientAsync();
        using var patient = await host.SignedInAsync(email);
        using var dermatologist = await host.SignedInAsync(Dermatologist);
        var doctorId = await DoctorIdAsync(dermatologist);
        var started = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId, subject = "Moles", body = "Opening message" });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var other = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId, subject = "Other", body = "Another thread" });
        await other.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var otherId = (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var chat = (await HubClient.ConnectAsync(patient, "/hubs/chat", "readReceipt"))!;
        (await chat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();

        // MarkRead of an unknown message or of another conversation's: chat.message_not_found, on the hub and on REST alike.
        var otherMessage = (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{otherId}/messages"))
            .EnumerateArray().First().GetProperty("id").GetGuid();
        (await chat.InvokeAsync("MarkRead", conversationId, Guid.NewGuid())).Error!.ShouldContain("chat.message_not_found: ");
        (await chat.InvokeAsync("MarkRead", conversationId, otherMessage)).Error!.ShouldContain("chat.message_not_found: ");
        var rest = await patient.PostAsync($"/api/v1/consultations/conversations/{conversationId}/read", new { messageId = Guid.NewGuid() });
        rest.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await rest.ProblemCodeAsync()).ShouldBe("chat.message_not_found");
        var restOther = await patient.PostAsync($"/api/v1/consultations/conversations/{conversationId}/read", new { messageId = otherMessage });
        (await restOther.ProblemCodeAsync()).ShouldBe("chat.message_not_found");

        // The doctor's read state did not move; a real message of the conversation is still marked read, on both.
        var reply = await dermatologist.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", new { body = "Send a photo, please." });
        await reply.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var replyId = (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await chat.InvokeAsync("MarkRead", conversationId, replyId)).Error.ShouldBeNull();
        await (await patient.PostAsync($"/api/v1/consultations/conversations/{conversationId}/read", new { messageId = replyId })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        // The first receipt the conversation saw is the real one: the refused calls sent none.
        (await chat.NextEventAsync("readReceipt")).GetProperty("messageId").GetGuid().ShouldBe(replyId);
    }
}

[Collection("clinical-sqlite")]
public sealed class ChatMarkReadScenariosOnSqlite(ClinicalSqliteHost host) : ChatMarkReadScenarios(host);

[Collection("clinical-postgres")]
public sealed class ChatMarkReadScenariosOnPostgres(ClinicalPostgresHost host) : ChatMarkReadScenarios(host);
