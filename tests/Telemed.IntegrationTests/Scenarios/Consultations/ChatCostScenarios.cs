using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// What one chat message costs the database, counted (not timed): on PostgreSQL the message, the conversation's last-message
/// time and the audit entry go as one command that PostgreSQL commits as one implicit transaction.
/// </summary>
public abstract class ChatCostScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_a_care_team_thread_When_a_message_is_sent_Then_it_is_stored_with_its_audit_entry_in_one_command()
    {
        using var patient = await host.SignedInAsync("andrei.semenov@demo.telemed.dev");
        using var doctor = await host.SignedInAsync("alexei.sokolov@demo.telemed.dev");
        var started = await patient.PostAsync("/api/v1/consultations/conversations",
            new { doctorId = await DoctorIdAsync(doctor), subject = "Cost of a message", body = "First message" });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await patient.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", new { body = "Second message" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
        using var counter = new RequestSqlCounter();

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/consultations/conversations/{conversationId}/messages")
        {
            Content = JsonContent.Create(new { body = "Third message" }, options: ApiClient.Json),
        };
        request.Headers.Add("traceparent", counter.Start());
        var sent = await patient.Http.SendAsync(request);

        await sent.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var listing = string.Join("\n", counter.Commands.Select(c => $"[{c.Context}] {c.Sql[..Math.Min(200, c.Sql.Length)]}")) + "\ncommits: " + string.Join(", ", counter.Commits);
        var save = counter.Commands.Where(c => c.Context == "ConsultationsDbContext" && c.Sql.Contains("INSERT INTO", StringComparison.Ordinal)
            && c.Sql.Contains("messages", StringComparison.Ordinal)).ToList();
        save.Count.ShouldBe(1, listing);
        if (new RawDatabase(host).IsPostgres)
        {
            save[0].Sql.ShouldContain("UPDATE consultations.conversations", Case.Sensitive, listing);
            save[0].Sql.ShouldContain("INSERT INTO audit.entries", Case.Sensitive, listing);
            counter.Commits.ShouldNotContain("ConsultationsDbContext", listing);
        }
        else
        {
            counter.Commits.ShouldContain("ConsultationsDbContext", listing);
        }

        // One audit entry per message: the message's creation, not also an update of its conversation (the last-message time).
        var raw = new RawDatabase(host);
        await using (var connection = await raw.OpenAsync())
        {
            var actions = await RawDatabase.RowsAsync(connection, $"SELECT \"Action\" FROM {raw.Table("audit", "entries")} WHERE \"RecordId\" = '{conversationId}' " +
                "AND \"Action\" LIKE 'phi.%' AND \"Action\" <> 'phi.read'");
            actions.ShouldBe(["phi.create", "phi.create", "phi.create"], ignoreOrder: true, listing);
        }

        var messages = await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages");
        messages.ToString().ShouldContain("Third message");
        var inbox = await doctor.GetJsonAsync<JsonElement>("/api/v1/consultations/conversations");
        var thread = inbox.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == conversationId);
        thread.GetProperty("unread").GetInt32().ShouldBe(3);
        // The conversation's UPDATE in the same command: the thread moves up with its last message (PostgreSQL keeps microseconds).
        thread.GetProperty("lastMessageAt").GetDateTime().ShouldBe((await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sentAt").GetDateTime(), TimeSpan.FromMilliseconds(1));
    }
}

[Collection("consultations-sqlite")]
public sealed class ChatCostScenariosOnSqlite(ConsultationsSqliteHost host) : ChatCostScenarios(host);

[Collection("consultations-postgres")]
public sealed class ChatCostScenariosOnPostgres(ConsultationsPostgresHost host) : ChatCostScenarios(host);
