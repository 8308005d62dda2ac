using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Clinical;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// A hub call whose arguments cannot be bound (a number where a GUID is expected, an argument missing or extra, an unknown method) got
/// SignalR's "Failed to invoke … due to an error on the server" with no code. Every hub now answers a HubException
/// <c>request.invalid: …</c> (official SignalR client), keeps the connection, and logs no value.
/// </summary>
public abstract class HubBindingScenarios(TelemedHost host)
{
    private const string PatientEmail = "daria.komarova@demo.telemed.dev";
    private const string Dermatologist = "olga.smirnova@demo.telemed.dev";

    [Fact]
    public async Task Given_each_hub_When_a_call_has_arguments_of_the_wrong_type_a_missing_one_or_names_no_method_Then_the_error_is_request_invalid_and_the_connection_stays()
    {
        using var patient = await host.SignedInAsync(PatientEmail);
        using var dermatologist = await host.SignedInAsync(Dermatologist);
        var started = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId = await DoctorIdAsync(dermatologist), subject = "Binding", body = "Opening message" });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var messagesBefore = (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages?take=100")).GetArrayLength();
        using var chat = (await HubClient.ConnectAsync(patient, "/hubs/chat"))!;
        (await chat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();

        // Arguments of the wrong type, or one missing: a code, not SignalR's generic error; the connection stays usable.
        var wrongType = (await chat.InvokeAsync("JoinConversation", 12345)).Error!;
        wrongType.ShouldContain("request.invalid: ");
        wrongType.ShouldNotContain("InvalidDataException", Case.Sensitive, "no internals");
        wrongType.ShouldNotContain("System.", Case.Sensitive, "no internals");
        (await chat.InvokeAsync("SendMessage", "not-a-guid", "Hello", "x-1")).Error!.ShouldContain("request.invalid: ");
        (await chat.InvokeAsync("MarkRead", conversationId)).Error!.ShouldContain("request.invalid: ");
        (await chat.InvokeAsync("NoSuchMethod", conversationId)).Error!.ShouldContain("request.invalid: ");

        // Every other hub answers binding failures the same way.
        using var waiting = (await HubClient.ConnectAsync(patient, "/hubs/waiting-room"))!;
        (await waiting.InvokeAsync("WatchConsultation", "not-a-guid")).Error!.ShouldContain("request.invalid: ");
        using var call = (await HubClient.ConnectAsync(patient, "/hubs/call"))!;
        (await call.InvokeAsync("WatchCall", true)).Error!.ShouldContain("request.invalid: ");
        (await call.InvokeAsync("SendSignal", Guid.NewGuid(), "offer")).Error!.ShouldContain("request.invalid: ");
        using var desk = await host.SignedInAsync(SchedulingApi.FrontDesk);
        using var frontDesk = (await HubClient.ConnectAsync(desk, "/hubs/front-desk"))!;
        (await frontDesk.InvokeAsync("WatchClinic", 42)).Error!.ShouldContain("request.invalid: ");
        using var notifications = (await HubClient.ConnectAsync(patient, "/hubs/notifications"))!;
        (await notifications.InvokeAsync("NoSuchMethod", 1)).Error!.ShouldContain("request.invalid: ");
        (await chat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue("the connection is still usable");
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages?take=100")).GetArrayLength().ShouldBe(messagesBefore, "nothing was sent");

        // The log names the method and the code, never what was sent.
        host.Logs.ShouldNotContain(l => l.Contains("not-a-guid", StringComparison.Ordinal));
        host.Logs.ShouldContain(l => l.Contains("Refused hub invocation of JoinConversation", StringComparison.Ordinal));
    }
}

[Collection("clinical-sqlite")]
public sealed class HubBindingScenariosOnSqlite(ClinicalSqliteHost host) : HubBindingScenarios(host);

[Collection("clinical-postgres")]
public sealed class HubBindingScenariosOnPostgres(ClinicalPostgresHost host) : HubBindingScenarios(host);
