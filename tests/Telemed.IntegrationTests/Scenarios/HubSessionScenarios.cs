using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Events;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// Open realtime connections never outlive their session: with the official SignalR client, after sign-out,
/// suspension, idle expiry or an end on another host, the connection is closed and a late message is refused
/// and not stored. These move the clock and suspend users, so they get hosts of their own.
/// </summary>
public abstract class HubSessionScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_an_open_chat_connection_When_the_patient_signs_out_Then_it_is_closed_and_a_late_message_is_refused_and_not_stored()
    {
        var (patient, conversationId) = await PatientWithConversationAsync("ivan.kuznetsov@demo.telemed.dev", "james.whitfield@demo.telemed.dev");
        using var hub = await JoinedChatAsync(patient, conversationId);
        (await hub.InvokeAsync("SendMessage", conversationId, "Before signing out", null)).Ok.ShouldBeTrue();

        await (await patient.PostAsync("/api/v1/auth/sign-out")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        await hub.ClosedAsync();
        (await hub.InvokeAsync("SendMessage", conversationId, "Late after sign-out", null)).Ok.ShouldBeFalse();
        await ShouldNotBeStoredAsync("ivan.kuznetsov@demo.telemed.dev", conversationId, "Before signing out", "Late after sign-out");
        patient.Dispose();
    }

    [Fact]
    public async Task Given_an_open_chat_connection_When_an_admin_suspends_the_patient_Then_it_is_closed_and_a_late_message_is_refused()
    {
        const string email = "svetlana.pavlova@demo.telemed.dev";
        var (patient, conversationId) = await PatientWithConversationAsync(email, "olga.smirnova@demo.telemed.dev");
        using var hub = await JoinedChatAsync(patient, conversationId);
        var userId = await UserIdAsync(patient);

        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        await (await admin.PostAsync($"/api/v1/admin/users/{userId}/suspend")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        await hub.ClosedAsync();
        (await hub.InvokeAsync("SendMessage", conversationId, "Late after suspension", null)).Ok.ShouldBeFalse();
        // A new connection is refused too: the session is gone.
        (await HubClient.ConnectAsync(patient, "/hubs/chat")).ShouldBeNull();

        await (await admin.PostAsync($"/api/v1/admin/users/{userId}/reactivate")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await ShouldNotBeStoredAsync(email, conversationId, "Opening message", "Late after suspension");
        patient.Dispose();
    }

    [Fact]
    public async Task Given_the_front_desk_watching_a_clinic_When_an_admin_suspends_them_Then_the_connection_is_closed()
    {
        using var desk = await host.SignedInAsync(SchedulingApi.FrontDesk);
        var clinicId = (await desk.GetJsonAsync<JsonElement>("/api/v1/clinics")).EnumerateArray().First().GetProperty("id").GetGuid();
        using var hub = (await HubClient.ConnectAsync(desk, "/hubs/front-desk", "appointmentChanged"))!;
        (await hub.InvokeAsync("WatchClinic", clinicId)).Ok.ShouldBeTrue();
        var userId = await UserIdAsync(desk);

        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        await (await admin.PostAsync($"/api/v1/admin/users/{userId}/suspend")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        try
        {
            await hub.ClosedAsync();
            (await hub.InvokeAsync("WatchClinic", clinicId)).Ok.ShouldBeFalse();
            (await HubClient.ConnectAsync(desk, "/hubs/front-desk")).ShouldBeNull();
        }
        finally
        {
            await (await admin.PostAsync($"/api/v1/admin/users/{userId}/reactivate")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task Given_an_open_chat_connection_Then_only_sending_keeps_the_session_alive_and_after_fifteen_idle_minutes_it_is_closed()
    {
        const string email = "roman.fedorov@demo.telemed.dev";
        var (patient, conversationId) = await PatientWithConversationAsync(email, "irina.novikova@demo.telemed.dev");
        using var hub = await JoinedChatAsync(patient, conversationId);

        // Sending is activity: ten minutes on, the session is extended from here.
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        (await hub.InvokeAsync("SendMessage", conversationId, "Still here", null)).Ok.ShouldBeTrue();

        // Rejoining (what the app does by itself on reconnect) is not activity, and the sweep leaves a live session alone.
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        (await hub.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        await SweepAsync();
        hub.IsClosed.ShouldBeFalse();

        // Fifteen minutes after the last message the sweep ends the session and closes the connection.
        host.Clock.Advance(TimeSpan.FromMinutes(6));
        await SweepAsync();
        await hub.ClosedAsync();
        (await hub.InvokeAsync("SendMessage", conversationId, "Late after idling", null)).Ok.ShouldBeFalse();
        await (await patient.GetAsync("/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        await ShouldNotBeStoredAsync(email, conversationId, "Still here", "Late after idling");
        patient.Dispose();
    }

    [Fact]
    public async Task Given_a_session_ended_where_this_host_cannot_see_it_Then_the_first_invocation_after_the_revalidation_interval_is_refused_not_stored_and_the_connection_closed()
    {
        const string email = "yulia.mikhailova@demo.telemed.dev";
        var (patient, conversationId) = await PatientWithConversationAsync(email, "pavel.orlov@demo.telemed.dev");
        using var hub = await JoinedChatAsync(patient, conversationId);

        // As if another host had signed the user out: only the database knows.
        var raw = new RawDatabase(host);
        await using (var connection = await raw.OpenAsync())
        {
            var now = host.Provider == DatabaseProvider.Postgres ? "now()" : "'2020-01-01 00:00:00'";
            (await RawDatabase.ExecuteAsync(connection, $"UPDATE {raw.Table("identity", "sessions")} SET \"EndedAt\" = {now}, \"EndReason\" = 'sign-out' WHERE \"EndedAt\" IS NULL AND \"UserId\" = '{UserIdText(await UserIdAsync(patient))}'"))
                .ShouldBeGreaterThan(0);
        }

        // This host trusts its cached session for at most Sessions:RevalidateAfter (30 s) before reading the database again.
        host.Clock.Advance(TimeSpan.FromSeconds(31));
        var late = await hub.InvokeAsync("SendMessage", conversationId, "Late after a remote sign-out", null);
        late.Ok.ShouldBeFalse();
        late.Error!.ShouldContain("auth.session_ended");
        await hub.ClosedAsync();
        await ShouldNotBeStoredAsync(email, conversationId, "Opening message", "Late after a remote sign-out");
        patient.Dispose();
    }

    private string UserIdText(Guid id) => host.Provider == DatabaseProvider.Postgres ? id.ToString() : id.ToString().ToUpperInvariant();

    private async Task<(ApiClient Patient, Guid ConversationId)> PatientWithConversationAsync(string patientEmail, string doctorEmail)
    {
        using var doctor = await host.SignedInAsync(doctorEmail);
        var doctorId = await DoctorIdAsync(doctor);
        var patient = await host.SignedInAsync(patientEmail);
        var started = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId, subject = "A question", body = "Opening message" });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (patient, (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private static async Task<HubClient> JoinedChatAsync(ApiClient patient, Guid conversationId)
    {
        var hub = (await HubClient.ConnectAsync(patient, "/hubs/chat", "messageReceived"))!;
        hub.ShouldNotBeNull();
        (await hub.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        return hub;
    }

    private static async Task<Guid> UserIdAsync(ApiClient user) =>
        (await user.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("id").GetGuid();

    /// <summary>Reads the thread through the API with a fresh session: the expected message is there, the late one is not.</summary>
    private async Task ShouldNotBeStoredAsync(string patientEmail, Guid conversationId, string expected, string late)
    {
        using var again = await host.SignedInAsync(patientEmail);
        var bodies = (await again.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages"))
            .EnumerateArray().Select(m => m.GetProperty("body").GetString()).ToList();
        bodies.ShouldContain(expected);
        bodies.ShouldNotContain(late);
    }

    private Task SweepAsync() =>
        host.Services.GetServices<IHostedService>().OfType<PeriodicWorker>().Single(w => w.GetType().Name == "IdleConnectionSweep").RunOnceAsync(CancellationToken.None);
}

public sealed class HubSessionScenariosOnSqlite(SqliteHost host) : HubSessionScenarios(host), IClassFixture<SqliteHost>;

public sealed class HubSessionScenariosOnPostgres(PostgresHost host) : HubSessionScenarios(host), IClassFixture<PostgresHost>;
