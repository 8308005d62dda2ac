using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Storage;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Consultations.Attachments;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// A chat message or a waiting-room entry that names an upload the retention of uploads attached to nothing deleted answers
/// with a stable code — <c>400 chat.attachment_not_found</c>, <c>400 consultation.photo_not_found</c> — whether the upload went
/// before the request read it (the retention pass ran first) or between that read and the request's save (the race: the save's
/// update of the upload's row finds none). Nothing of the refused request is stored or broadcast, the other upload it named
/// stays attached to nothing, and sending or entering again without the lost one succeeds.
/// </summary>
/// <remarks>
/// The chat hub sends text only: a message with attachments goes through REST, and the doctor's official SignalR client is the
/// witness that no refused message was broadcast. The race holds the request's save back (PostgreSQL: a lock on the upload's
/// row, until the request waits for it; SQLite: the process's write gate) and deletes the row and its file meanwhile.
/// </remarks>
public abstract class AttachmentRaceScenarios(TelemedHost host)
{
    private const string PatientEmail = "tatiana.golubeva@demo.telemed.dev";
    private const string DoctorEmail = "olga.smirnova@demo.telemed.dev";

    [Fact]
    public async Task Given_an_upload_the_retention_deleted_When_a_message_names_it_Then_chat_attachment_not_found_and_nothing_of_it_is_stored_or_broadcast()
    {
        var chat = await ChatAsync("Retention ran first");
        var expired = await UploadAsync(chat.Patient, PngWithText("expired"), "expired.png");
        await BackdateAsync(expired);
        await host.Services.GetRequiredService<UnattachedAttachmentRetention>().RunOnceAsync(CancellationToken.None);
        StoredFile(expired).ShouldBeNull();

        var refused = await chat.Patient.PostAsync(chat.Path, new { body = "Refused: both photos", attachmentIds = new[] { chat.Kept, expired }, clientMessageId = "race-before-1" });

        await ShouldBeRefusedAsync(refused, "chat.attachment_not_found");
        await NothingOfTheRefusedSendIsLostOrStoredAsync(chat);
    }

    [Fact]
    public async Task Given_an_upload_deleted_between_a_message_checking_it_and_saving_When_the_save_runs_Then_chat_attachment_not_found_and_nothing_of_it_is_stored_or_broadcast()
    {
        var chat = await ChatAsync("Deleted mid-send");
        var late = await UploadAsync(chat.Patient, PngWithText("late"), "late.png");

        var refused = await DeletedWhileTheRequestSavesAsync(late,
            () => chat.Patient.PostAsync(chat.Path, new { body = "Refused: both photos", attachmentIds = new[] { chat.Kept, late }, clientMessageId = "race-during-1" }));

        await ShouldBeRefusedAsync(refused, "chat.attachment_not_found");
        StoredFile(late).ShouldBeNull();
        await NothingOfTheRefusedSendIsLostOrStoredAsync(chat);
    }

    [Fact]
    public async Task Given_a_photo_the_retention_deleted_When_the_patient_enters_the_waiting_room_with_it_Then_consultation_photo_not_found_and_the_draft_stays()
    {
        var visit = await DueVisitAsync();
        var expired = await UploadAsync(visit.Patient, PngWithText("expired photo"), "expired.png");
        await BackdateAsync(expired);
        await host.Services.GetRequiredService<UnattachedAttachmentRetention>().RunOnceAsync(CancellationToken.None);
        StoredFile(expired).ShouldBeNull();

        var refused = await visit.Patient.PostAsync(visit.EnterPath, Complaint(["lower-back"], 4, "days", description: "A rash", photoIds: [visit.Kept, expired]));

        await ShouldBeRefusedAsync(refused, "consultation.photo_not_found");
        await NothingOfTheRefusedEntryIsLostOrStoredAsync(visit);
    }

    [Fact]
    public async Task Given_a_photo_deleted_between_an_entry_checking_it_and_saving_When_the_save_runs_Then_consultation_photo_not_found_and_the_draft_stays()
    {
        var visit = await DueVisitAsync();
        var late = await UploadAsync(visit.Patient, PngWithText("late photo"), "late.png");

        var refused = await DeletedWhileTheRequestSavesAsync(late,
            () => visit.Patient.PostAsync(visit.EnterPath, Complaint(["lower-back"], 4, "days", description: "A rash", photoIds: [visit.Kept, late])));

        await ShouldBeRefusedAsync(refused, "consultation.photo_not_found");
        StoredFile(late).ShouldBeNull();
        await NothingOfTheRefusedEntryIsLostOrStoredAsync(visit);
    }

    /// <summary>A care-team thread (its first message stored), the doctor's hub connection joined to it, and a fresh upload of the patient's.</summary>
    private async Task<Chat> ChatAsync(string subject)
    {
        var patient = await host.SignedInAsync(PatientEmail);
        var doctor = await host.SignedInAsync(DoctorEmail);
        var conversationId = await StartThreadAsync(patient, doctor, subject);
        var live = (await HubClient.ConnectAsync(doctor, "/hubs/chat", "messageReceived"))!;
        (await live.InvokeAsync("JoinConversation", conversationId)).Ok.ShouldBeTrue();
        var kept = await UploadAsync(patient, PngWithText("kept"), "kept.png");
        return new Chat(patient, doctor, live, conversationId, kept);
    }

    private async Task NothingOfTheRefusedSendIsLostOrStoredAsync(Chat chat)
    {
        using var _ = chat;
        (await ConversationIdOfAsync(chat.Kept)).ShouldBe("∅");
        var after = await chat.Patient.PostAsync(chat.Path, new { body = "Sent again: one photo", attachmentIds = new[] { chat.Kept } });
        await after.ShouldHaveStatusAsync(HttpStatusCode.Created);

        // The next broadcast the joined doctor gets is the message sent again: the refused one was never announced.
        (await chat.Live.NextEventAsync("messageReceived")).GetProperty("body").GetString().ShouldBe("Sent again: one photo");
        var messages = (await chat.Doctor.GetJsonAsync<JsonElement>(chat.Path)).EnumerateArray().ToList();
        messages.Select(m => m.GetProperty("body").GetString()).ShouldBe(["First message", "Sent again: one photo"]);
        messages[1].GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ShouldBe([chat.Kept]);
        (await ConversationIdOfAsync(chat.Kept)).ShouldBe(chat.ConversationId.ToString(), StringCompareShould.IgnoreCase);
    }

    /// <summary>A video visit of the patient's due in five minutes (the host's clock moved there), and the patient's draft for it naming a fresh upload.</summary>
    private async Task<Visit> DueVisitAsync()
    {
        Guid appointmentId;
        using (var doctor = await host.SignedInAsync(DoctorEmail))
        using (var booking = await host.SignedInAsync(PatientEmail))
        {
            (appointmentId, _) = await BookVideoVisitAndWaitUntilItIsDueAsync(host, booking, await DoctorIdAsync(doctor));
        }

        var patient = await host.SignedInAsync(PatientEmail);
        var kept = await UploadAsync(patient, PngWithText("kept photo"), "kept.png");
        await (await patient.PutAsync($"/api/v1/consultations/appointments/{appointmentId}/draft", new { description = "A rash", photoIds = new[] { kept } }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        return new Visit(patient, appointmentId, kept);
    }

    private async Task NothingOfTheRefusedEntryIsLostOrStoredAsync(Visit visit)
    {
        using var patient = visit.Patient;
        var draft = (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/appointments/{visit.AppointmentId}/draft")).GetProperty("complaint");
        draft.GetProperty("description").GetString().ShouldBe("A rash");
        draft.GetProperty("photoIds").EnumerateArray().Select(p => p.GetGuid()).ShouldBe([visit.Kept]);
        var raw = new RawDatabase(host);
        await using (var connection = await raw.OpenAsync())
        {
            (await RawDatabase.RowsAsync(connection, $"SELECT \"Id\" FROM {raw.Table("consultations", "consultations")} WHERE \"AppointmentId\" = '{Id(raw, visit.AppointmentId)}'"))
                .ShouldBeEmpty();
            (await RawDatabase.RowsAsync(connection, $"SELECT coalesce(CAST(\"ConsultationId\" AS text), '∅') FROM {raw.Table("consultations", "attachments")} WHERE \"Id\" = '{Id(raw, visit.Kept)}'"))
                .ShouldBe(["∅"]);
        }

        var admission = await EnterAsync(patient, visit.AppointmentId, Complaint(["lower-back"], 4, "days", description: "A rash", photoIds: [visit.Kept]));
        admission.GetProperty("admitted").GetBoolean().ShouldBeTrue();
        await (await patient.GetAsync($"/api/v1/consultations/attachments/{visit.Kept}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    /// <summary>
    /// Sends the request, lets it read the upload, deletes the upload's row and file (as the retention pass does) while its save
    /// waits, then lets the save run; the request's answer.
    /// </summary>
    private async Task<HttpResponseMessage> DeletedWhileTheRequestSavesAsync(Guid uploadId, Func<Task<HttpResponseMessage>> request)
    {
        var raw = new RawDatabase(host);
        var row = $"FROM {raw.Table("consultations", "attachments")} WHERE \"Id\" = '{Id(raw, uploadId)}'";
        await using var connection = await raw.OpenAsync();
        Task<HttpResponseMessage> pending;
        if (raw.IsPostgres)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, transaction, $"SELECT 1 {row} FOR UPDATE");
            pending = request();
            // Its save updates the row we hold: once it waits for our lock, it has read the upload.
            await using (var watch = await raw.OpenAsync())
            {
                for (var waited = 0; (await RawDatabase.RowsAsync(watch,
                    "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%attachments%'")).Count == 0; waited += 50)
                {
                    waited.ShouldBeLessThan(30_000, "the request's save waits for the upload's row");
                    pending.IsCompleted.ShouldBeFalse("the request waits for the upload's row");
                    await Task.Delay(50);
                }
            }

            await ExecuteAsync(connection, transaction, $"DELETE {row}");
            await transaction.CommitAsync();
        }
        else
        {
            // Reads do not take the gate: the request reads the upload, then its save's transaction waits for the gate.
            await using (await SqliteWriteGate.ForConnectionString(host.ConnectionString).EnterAsync())
            {
                pending = request();
                await Task.Delay(2000);
                pending.IsCompleted.ShouldBeFalse("the request's save waits for the write gate");
                await RawDatabase.ExecuteAsync(connection, $"DELETE {row}");
            }
        }

        await host.Services.GetRequiredService<IFileStore>().DeleteAsync(Attachment.StorageKeyOf(uploadId));
        return await pending;
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, string code)
    {
        await response.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        (await response.ProblemCodeAsync()).ShouldBe(code);
    }

    /// <summary>Makes the upload 25 hours old by the host's clock: past the default retention of uploads attached to nothing.</summary>
    private async Task BackdateAsync(Guid uploadId)
    {
        var raw = new RawDatabase(host);
        var ago = host.Clock.GetUtcNow().UtcDateTime.AddHours(-25).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        await using var connection = await raw.OpenAsync();
        await RawDatabase.ExecuteAsync(connection, $"UPDATE {raw.Table("consultations", "attachments")} SET \"UploadedAt\" = '{ago}' WHERE \"Id\" = '{Id(raw, uploadId)}'");
    }

    /// <summary>The conversation the upload is attached to, as stored ("∅" for none).</summary>
    private async Task<string> ConversationIdOfAsync(Guid uploadId)
    {
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        return (await RawDatabase.RowsAsync(connection, $"SELECT \"ConversationId\" FROM {raw.Table("consultations", "attachments")} WHERE \"Id\" = '{Id(raw, uploadId)}'")).Single();
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string Id(RawDatabase raw, Guid id) => raw.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant();

    /// <summary>The encrypted file the store keeps for an upload, or null when there is none.</summary>
    private string? StoredFile(Guid id) =>
        Directory.GetFiles(Path.Combine(host.DataDirectory, "files"), "*", SearchOption.AllDirectories).FirstOrDefault(f => f.Contains(id.ToString("N"), StringComparison.OrdinalIgnoreCase));

    private sealed record Chat(ApiClient Patient, ApiClient Doctor, HubClient Live, Guid ConversationId, Guid Kept) : IDisposable
    {
        public string Path => $"/api/v1/consultations/conversations/{ConversationId}/messages";

        public void Dispose()
        {
            Live.Dispose();
            Doctor.Dispose();
            Patient.Dispose();
        }
    }

    private sealed record Visit(ApiClient Patient, Guid AppointmentId, Guid Kept)
    {
        public string EnterPath => $"/api/v1/consultations/appointments/{AppointmentId}/enter";
    }
}

[Collection("consultations-sqlite")]
public sealed class AttachmentRaceScenariosOnSqlite(ConsultationsSqliteHost host) : AttachmentRaceScenarios(host);

[Collection("consultations-postgres")]
public sealed class AttachmentRaceScenariosOnPostgres(ConsultationsPostgresHost host) : AttachmentRaceScenarios(host);
