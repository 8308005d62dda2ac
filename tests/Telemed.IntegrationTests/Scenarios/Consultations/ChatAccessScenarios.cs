using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// The chat hub keeps access decisions per connection (official SignalR JavaScript client): a participant's join writes
/// nothing, and a reader whose access lapses is refused on the same open connection and stops receiving messages.
/// These move the clock, so they get hosts of their own.
/// </summary>
public abstract class ChatAccessScenarios(TelemedHost host)
{
    private const string PatientEmail = "daria.komarova@demo.telemed.dev"; // no demo care relationship with the cardiologist
    private const string Dermatologist = "olga.smirnova@demo.telemed.dev";
    private const string Cardiologist = "anna.petrova@demo.telemed.dev";

    [Fact]
    public async Task Given_a_doctor_reading_a_thread_through_break_glass_When_the_grant_lapses_Then_the_open_connection_is_refused_audited_stores_nothing_and_stops_receiving()
    {
        using var patient = await host.SignedInAsync(PatientEmail);
        using var dermatologist = await host.SignedInAsync(Dermatologist);
        using var cardiologist = await host.SignedInAsync(Cardiologist);
        var started = await patient.PostAsync("/api/v1/consultations/conversations",
            new { doctorId = await DoctorIdAsync(dermatologist), subject = "Mole check", body = "Opening message" });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Participants join without a trace in the trail: a join reads the conversation's keys and writes nothing.
        var entriesBefore = await AuditTotalAsync(conversationId);
        using var patientChat = (await HubClient.ConnectAsync(patient, "/hubs/chat", "messageReceived"))!;
        using var doctorChat = (await HubClient.ConnectAsync(dermatologist, "/hubs/chat", "messageReceived"))!;
        (await patientChat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        (await doctorChat.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        (await AuditTotalAsync(conversationId)).ShouldBe(entriesBefore);

        // The cardiologist has no access, then breaks the glass and reads along on an open connection.
        using var reader = (await HubClient.ConnectAsync(cardiologist, "/hubs/chat", "messageReceived"))!;
        (await reader.InvokeAsync("JoinConversation", conversationId)).Error!.ShouldContain("chat.not_found: ");
        // A refusal is an answer, not a failure: SignalR's dispatcher logged each one as an error with its stack trace.
        host.Logs.ShouldNotContain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("HubException", StringComparison.Ordinal));
        var patientId = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
        await (await cardiologist.PostAsync($"/api/v1/patients/{patientId}/break-glass", new { reason = "Urgent referral review, the dermatologist is away" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await reader.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        var first = await patientChat.InvokeAsync("SendMessage", conversationId, "While the grant holds", "p-1");
        first.Ok.ShouldBeTrue();
        (await reader.NextEventAsync("messageReceived", m => m.GetProperty("body").GetString() == "While the grant holds")).GetProperty("senderRole").GetString().ShouldBe("patient");
        (await reader.InvokeAsync("SendMessage", conversationId, "A reader writes", "r-1")).Error!.ShouldContain("chat.read_only: ");
        (await reader.InvokeAsync("Typing", conversationId)).Error!.ShouldContain("chat.read_only: ");

        // The grant lapses: the same connection is now refused as for an unknown id, and the refusal is audited.
        host.Clock.Advance(BreakGlassDuration + TimeSpan.FromMinutes(1));
        var refused = await reader.InvokeAsync("SendMessage", conversationId, "After the grant lapsed", "r-2");
        refused.Error.ShouldBe((await reader.InvokeAsync("SendMessage", Guid.NewGuid(), "Unknown", "r-3")).Error);
        refused.Error!.ShouldContain("chat.not_found: ");
        (await reader.InvokeAsync("MarkRead", conversationId, first.Value.GetProperty("id").GetGuid())).Error!.ShouldContain("chat.not_found: ");
        var denials = await DenialsAsync(conversationId);
        denials.ShouldContain(e => e.GetProperty("actorDisplay").GetString() == "Doctor" && e.GetProperty("outcome").GetString() == "denied");
        denials.ShouldAllBe(e => e.GetProperty("reasonCode").ValueKind == JsonValueKind.String); // the admin reads the refusal in their language
        // Each refusal on the open connection names its reader and address, worked out once for the connection.
        denials.Select(e => (e.GetProperty("actorId").GetString(), e.GetProperty("actorDisplay").GetString(), e.GetProperty("ipAddress").GetString()))
            .Distinct().ShouldHaveSingleItem().Item1.ShouldNotBeNullOrEmpty();
        denials.ShouldAllBe(e => !string.IsNullOrEmpty(e.GetProperty("ipAddress").GetString()));

        // ...and the conversation's group no longer pushes to it (the module's worker ends lapsed readers every 100 ms here).
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await patientChat.InvokeAsync("SendMessage", conversationId, "After the lapse", "p-2")).Ok.ShouldBeTrue();
        (await doctorChat.NextEventAsync("messageReceived", m => m.GetProperty("body").GetString() == "After the lapse")).ShouldNotBe(default);
        await Should.ThrowAsync<TimeoutException>(() => reader.NextEventAsync("messageReceived", m => m.GetProperty("body").GetString() == "After the lapse", TimeSpan.FromSeconds(2)));

        var stored = await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages");
        stored.EnumerateArray().Select(m => m.GetProperty("body").GetString()).ShouldBe(["Opening message", "While the grant holds", "After the lapse"]);
    }

    internal static readonly TimeSpan BreakGlassDuration = TimeSpan.FromMinutes(5);

    private async Task<int> AuditTotalAsync(Guid recordId)
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        return (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?recordId={recordId}&pageSize=1")).GetProperty("total").GetInt32();
    }

    private async Task<List<JsonElement>> DenialsAsync(Guid recordId)
    {
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=access.denied&recordId={recordId}&pageSize=50");
        return [.. page.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }
}

public sealed class ChatAccessSqliteHost() : TelemedHost(DatabaseProvider.Sqlite, ChatAccessSettings.Create());

public sealed class ChatAccessPostgresHost() : TelemedHost(DatabaseProvider.Postgres, ChatAccessSettings.Create());

public sealed class ChatAccessScenariosOnSqlite(ChatAccessSqliteHost host) : ChatAccessScenarios(host), IClassFixture<ChatAccessSqliteHost>;

public sealed class ChatAccessScenariosOnPostgres(ChatAccessPostgresHost host) : ChatAccessScenarios(host), IClassFixture<ChatAccessPostgresHost>;

internal static class ChatAccessSettings
{
    /// <summary>The consultation hosts' settings with a short break-glass grant, so that a test can let one lapse without ending sessions.</summary>
    public static Dictionary<string, string?> Create()
    {
        var settings = ConsultationSettings.Create();
        settings["CareAccess:BreakGlassDuration"] = ChatAccessScenarios.BreakGlassDuration.ToString();
        return settings;
    }
}
