using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>Asynchronous care-team threads, attachment checks, and what an attacker with the database and the file store would see.</summary>
public abstract class ChatProtectionScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_a_thread_with_the_care_team_Then_the_doctor_is_notified_without_phi_and_strangers_cannot_read_it()
    {
        using var patient = await host.SignedInAsync("andrei.semenov@demo.telemed.dev");
        using var doctor = await host.SignedInAsync("alexei.sokolov@demo.telemed.dev");
        using var stranger = await host.SignedInAsync("natalia.lebedeva@demo.telemed.dev");
        using var otherPatient = await host.SignedInAsync("roman.fedorov@demo.telemed.dev");
        var doctorId = await DoctorIdAsync(doctor);

        var started = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId, subject = "Headaches again", body = "The migraines are back since Monday" });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var inbox = await doctor.GetJsonAsync<JsonElement>("/api/v1/consultations/conversations");
        var thread = inbox.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == conversationId);
        thread.GetProperty("unread").GetInt32().ShouldBe(1);
        thread.GetProperty("kind").GetString().ShouldBe("careTeam");
        var reply = await doctor.PostAsync($"/api/v1/consultations/conversations/{conversationId}/messages", new { body = "Please keep a headache diary" });
        await reply.ShouldHaveStatusAsync(HttpStatusCode.Created);

        var outbox = await OutboxAsync();
        var notices = outbox.Where(m => m.Contains("new message", StringComparison.OrdinalIgnoreCase)).ToList();
        notices.Count.ShouldBeGreaterThanOrEqualTo(2);
        notices.ShouldAllBe(m => !m.Contains("migraine", StringComparison.OrdinalIgnoreCase) && !m.Contains("headache", StringComparison.OrdinalIgnoreCase));
        notices.ShouldContain(m => m.Contains($"/messages/{conversationId}"));

        (await stranger.GetAsync($"/api/v1/consultations/conversations/{conversationId}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/api/v1/consultations/conversations/{conversationId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await patient.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}")).GetProperty("subject").GetString().ShouldBe("Headaches again");
        (await otherPatient.GetAsync($"/api/v1/consultations/conversations/{conversationId}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetJsonAsync<JsonElement>("/api/v1/consultations/conversations")).EnumerateArray().ShouldNotContain(c => c.GetProperty("id").GetGuid() == conversationId);
    }

    [Fact]
    public async Task Given_uploads_Then_type_is_judged_by_content_size_is_limited_and_the_scanner_port_refuses_eicar()
    {
        using var patient = await host.SignedInAsync("tatiana.golubeva@demo.telemed.dev");
        var script = await UploadRawAsync(patient, Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf /\n"), "holiday.jpg", "image/jpeg");
        await script.ShouldHaveStatusAsync(HttpStatusCode.UnsupportedMediaType);
        (await script.ProblemCodeAsync()).ShouldBe("attachment.unsupported_type");

        var large = await UploadRawAsync(patient, [.. PngWithText("x"), .. new byte[ConsultationSettings.MaxAttachmentBytes]], "big.png", "image/png");
        await large.ShouldHaveStatusAsync(HttpStatusCode.RequestEntityTooLarge);
        (await large.ProblemCodeAsync()).ShouldBe("attachment.too_large");

        var eicar = await UploadRawAsync(patient, [.. "%PDF-1.4\n"u8.ToArray(), .. "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"u8.ToArray()], "report.pdf", "application/pdf");
        await eicar.ShouldHaveStatusAsync(HttpStatusCode.UnprocessableEntity);
        (await eicar.ProblemCodeAsync()).ShouldBe("attachment.infected");

        var jpeg = await UploadRawAsync(patient, [0xFF, 0xD8, 0xFF, 0xE0, .. "JFIF"u8.ToArray()], "photo.txt", "text/plain");
        await jpeg.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var view = await jpeg.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("contentType").GetString().ShouldBe("image/jpeg");
        view.GetProperty("fileName").GetString().ShouldBe("photo.jpg");
    }

    [Fact]
    public async Task Given_messages_and_files_Then_neither_the_database_nor_the_file_store_holds_them_in_plaintext()
    {
        using var patient = await host.SignedInAsync("mikhail.vasiliev@demo.telemed.dev");
        using var doctor = await host.SignedInAsync("anna.petrova@demo.telemed.dev");
        var doctorId = await DoctorIdAsync(doctor);
        const string secretText = "Zebra-Quartz-Palpitations-7731";
        const string secretFile = "Marmalade-Xylophone-Scan-5519";
        var photo = await UploadAsync(patient, PngWithText(secretFile), "ecg.png");
        var started = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId, subject = "ECG " + secretText, body = secretText, attachmentIds = new[] { photo } });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The participants read it back decrypted...
        var messages = await doctor.GetJsonAsync<JsonElement>($"/api/v1/consultations/conversations/{conversationId}/messages");
        messages[0].GetProperty("body").GetString().ShouldBe(secretText);
        var download = await doctor.GetAsync($"/api/v1/consultations/attachments/{photo}");
        Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync()).ShouldContain(secretFile);

        // ...but the stores hold only ciphertext.
        var stored = await new RawDatabase(host).EverythingStoredAsync();
        stored.ShouldNotContain(secretText);
        stored.ShouldNotContain(secretFile);
        var files = Directory.GetFiles(Path.Combine(host.DataDirectory, "files"), "*", SearchOption.AllDirectories);
        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)).ShouldNotContain(secretFile);
        }

        var audit = await RawAuditAsync();
        audit.ShouldContain(a => a.Contains("Conversation") && a.Contains(conversationId.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    private async Task<List<string>> OutboxAsync()
    {
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        var page = await admin.GetJsonAsync<JsonElement>("/api/v1/admin/outbox?pageSize=100");
        return [.. page.GetProperty("items").EnumerateArray().Select(item => item.ToString())];
    }

    private async Task<List<string>> RawAuditAsync()
    {
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        return await RawDatabase.RowsAsync(connection, $"SELECT \"Action\", \"RecordType\", \"RecordId\" FROM {raw.Table("audit", "entries")}");
    }
}

[Collection("consultations-sqlite")]
public sealed class ChatProtectionScenariosOnSqlite(ConsultationsSqliteHost host) : ChatProtectionScenarios(host);

[Collection("consultations-postgres")]
public sealed class ChatProtectionScenariosOnPostgres(ConsultationsPostgresHost host) : ChatProtectionScenarios(host);
