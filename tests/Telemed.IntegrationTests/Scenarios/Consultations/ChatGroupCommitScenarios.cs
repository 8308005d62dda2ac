using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// Chat messages sent at the same moment share one transaction (a group commit, issue 10) without sharing anything else: each
/// is stored once, with its own sender and its own audit entry, a retry still answers with its first copy while the batch it
/// landed in is saved alone, and the other party of a care-team thread is told once per batch of unread messages.
/// </summary>
public abstract class ChatGroupCommitScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_a_patient_and_a_doctor_sending_forty_messages_at_once_When_they_are_group_committed_Then_each_is_stored_once_audited_as_its_sender_and_the_doctor_is_told_once()
    {
        using var patient = await host.SignedInAsync("andrei.semenov@demo.telemed.dev");
        using var doctor = await host.SignedInAsync("alexei.sokolov@demo.telemed.dev");
        var conversationId = await StartThreadAsync(patient, doctor, "Group commit");
        // The doctor has read the first message (and been told of it): the next unread batch is due one new notice.
        var first = (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages")).EnumerateArray()
            .Select(m => m.GetProperty("id").GetGuid()).Single();
        await (await doctor.PostAsync($"/api/v1/consultations/conversations/{conversationId}/read", new { messageId = first })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        var toldBefore = await MessageNoticesAsync(doctor, conversationId);
        using var batches = new BatchSizes();

        var sends = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? patient : doctor)
            .PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", new { body = $"Message {i}", clientMessageId = $"group-{i}" })).ToList();
        var answers = await Task.WhenAll(sends);

        foreach (var answer in answers)
        {
            await answer.ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        var stored = (await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages?take=100")).EnumerateArray()
            .Select(m => (Id: m.GetProperty("id").GetGuid(), Body: m.GetProperty("body").GetString()!, Sender: m.GetProperty("senderUserId").GetGuid())).ToList();
        stored.Count.ShouldBe(41);
        Enumerable.Range(0, 40).Select(i => $"Message {i}").ShouldBeSubsetOf(stored.Select(m => m.Body));
        var acknowledged = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        acknowledged.ShouldBeUnique();
        acknowledged.ShouldBeSubsetOf(stored.Select(m => m.Id));

        // Every message's creation is an entry of its own, with its own sender as the actor, though many shared a transaction.
        var raw = new RawDatabase(host);
        await using (var connection = await raw.OpenAsync())
        {
            var actors = await RawDatabase.RowsAsync(connection, $"SELECT \"ActorId\" FROM {raw.Table("audit", "entries")} WHERE \"RecordId\" = '{conversationId}' " +
                "AND \"Action\" = 'phi.create'");
            actors.Select(Guid.Parse).OrderBy(a => a).ShouldBe(stored.Select(m => m.Sender).OrderBy(s => s));
        }

        // The patient's twenty messages are one batch of unread messages for the doctor: one notice, not one per transaction.
        (await MessageNoticesAsync(doctor, conversationId)).ShouldBe(toldBefore + 1);
        batches.Largest.ShouldBeGreaterThan(1, "forty sends at once should have shared at least one transaction");
    }

    [Fact]
    public async Task Given_a_stored_message_When_its_retries_arrive_among_new_messages_Then_each_retry_answers_with_the_first_copy_and_the_new_ones_are_stored_once()
    {
        using var patient = await host.SignedInAsync("andrei.semenov@demo.telemed.dev");
        using var doctor = await host.SignedInAsync("alexei.sokolov@demo.telemed.dev");
        var conversationId = await StartThreadAsync(patient, doctor, "Retries in a batch");
        var path = $"/api/v1/consultations/conversations/{conversationId}/messages";
        var original = await patient.PostAsync(path, new { body = "Sent once", clientMessageId = "retried" });
        await original.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var originalId = (await original.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // A retry makes its batch fail on the unique index; every message in it is then saved alone.
        var sends = Enumerable.Range(0, 24).Select(i => i % 4 == 0
            ? patient.PostAsync(path, new { body = "Sent once", clientMessageId = "retried" })
            : patient.PostAsync(path, new { body = $"New {i}", clientMessageId = $"new-{i}" })).ToList();
        var answers = await Task.WhenAll(sends);

        for (var i = 0; i < answers.Length; i++)
        {
            await answers[i].ShouldHaveStatusAsync(HttpStatusCode.Created);
            var id = (await answers[i].Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            if (i % 4 == 0)
            {
                id.ShouldBe(originalId, $"retry {i}");
            }
        }

        var bodies = (await patient.GetJsonAsync<JsonElement>($"{path}?take=100")).EnumerateArray().Select(m => m.GetProperty("body").GetString()!).ToList();
        bodies.Count(b => b == "Sent once").ShouldBe(1);
        bodies.Count(b => b.StartsWith("New ", StringComparison.Ordinal)).ShouldBe(18);
        bodies.ShouldBeUnique();
    }

    [Fact]
    public async Task Given_client_message_ids_the_database_cannot_store_When_they_are_sent_with_others_Then_each_is_refused_with_its_code_and_the_others_are_stored()
    {
        using var patient = await host.SignedInAsync("andrei.semenov@demo.telemed.dev");
        using var doctor = await host.SignedInAsync("alexei.sokolov@demo.telemed.dev");
        var conversationId = await StartThreadAsync(patient, doctor, "Unstorable client ids");
        var path = $"/api/v1/consultations/conversations/{conversationId}/messages";
        string[] bad = ["nul\0inside", new string('x', 65), "tab\tinside"];
        // Unpaired surrogates only travel as JSON escapes (a serializer would replace them): sent as written.
        string[] unpaired = ["half \\ud83d pair", "\\ude00low first"];

        var sends = bad.Select(id => patient.PostAsync(path, new { body = $"With {id.Length}", clientMessageId = id }))
            .Concat(unpaired.Select(id => patient.Http.PostAsync(path, new StringContent($"{{\"body\":\"With escapes\",\"clientMessageId\":\"{id}\"}}",
                System.Text.Encoding.UTF8, "application/json"))))
            .Concat(Enumerable.Range(0, 10).Select(i => patient.PostAsync(path, new { body = $"Fine {i}", clientMessageId = $"fine-{i}" }))).ToList();
        var answers = await Task.WhenAll(sends);

        for (var i = 0; i < bad.Length + unpaired.Length; i++)
        {
            await answers[i].ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
            // NUL is refused as the body is read, by the host's text rule (docs/security.md, "Text users send"), and so is an escaped
            // unpaired surrogate (the JSON reader refuses it first; the host answers with the same code); the others get the validator's code.
            (await answers[i].ProblemCodeAsync()).ShouldBe(i > 0 && i < bad.Length ? "validation.failed" : "request.invalid_characters", $"client id {i}");
        }

        foreach (var answer in answers.Skip(bad.Length + unpaired.Length))
        {
            await answer.ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        // The hub has no request validator: the use case refuses the same ids with the chat's own code (NUL: the hub's text filter).
        using var hub = (await HubClient.ConnectAsync(patient, "/hubs/chat", "messageReceived"))!;
        (await hub.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        foreach (var id in bad)
        {
            var sent = await hub.InvokeAsync("SendMessage", conversationId, "Over the hub", id);
            sent.Ok.ShouldBeFalse(id);
            sent.Error!.ShouldContain(id.Contains('\0') ? "request.invalid_characters" : "chat.invalid_client_message_id");
        }

        (await hub.InvokeAsync("SendMessage", conversationId, "Over the hub", "fine-hub")).Ok.ShouldBeTrue();
        var bodies = (await patient.GetJsonAsync<JsonElement>($"{path}?take=100")).EnumerateArray().Select(m => m.GetProperty("body").GetString()!).ToList();
        bodies.Count.ShouldBe(12);
        bodies.ShouldNotContain(b => b.StartsWith("With ", StringComparison.Ordinal));
        bodies.Count(b => b == "Over the hub").ShouldBe(1);
    }

    /// <summary>The sizes of the group commits recorded while it listens (process-wide: other hosts' batches count too).</summary>
    private sealed class BatchSizes : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentBag<int> _sizes = [];

        public BatchSizes()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Telemed" && instrument.Name == "telemed.chat.group_commit.messages")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, size, _, _) => _sizes.Add(size));
            _listener.Start();
        }

        public int Largest => _sizes.IsEmpty ? 0 : _sizes.Max();

        public void Dispose() => _listener.Dispose();
    }
}

[Collection("consultations-sqlite")]
public sealed class ChatGroupCommitScenariosOnSqlite(ConsultationsSqliteHost host) : ChatGroupCommitScenarios(host);

[Collection("consultations-postgres")]
public sealed class ChatGroupCommitScenariosOnPostgres(ConsultationsPostgresHost host) : ChatGroupCommitScenarios(host);
