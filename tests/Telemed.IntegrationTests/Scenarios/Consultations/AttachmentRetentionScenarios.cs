using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Consultations.Attachments;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// Uploads that nothing took (no chat message, no complaint, no complaint draft) are deleted with their stored bytes once they are
/// older than <c>Consultations:Attachments:UnattachedRetentionHours</c> (24 by default), and the deletion is audited; an upload
/// attached to a message, a recent one and a draft's photo stay.
/// </summary>
public abstract class AttachmentRetentionScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_uploads_attached_to_nothing_When_the_retention_pass_runs_Then_only_those_older_than_24_hours_are_gone_with_their_files()
    {
        using var patient = await host.SignedInAsync("tatiana.golubeva@demo.telemed.dev");
        using var doctor = await host.SignedInAsync("olga.smirnova@demo.telemed.dev");
        var doctorId = await DoctorIdAsync(doctor);
        var abandoned = await UploadAsync(patient, PngWithText("abandoned"), "abandoned.png");
        var fresh = await UploadAsync(patient, PngWithText("fresh"), "fresh.png");
        var attached = await UploadAsync(patient, PngWithText("attached"), "attached.png");
        var drafted = await UploadAsync(patient, PngWithText("drafted"), "drafted.png");
        var started = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId, subject = "A rash", body = "See the photo", attachmentIds = new[] { attached } });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var slot = (await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(4), 6))[0];
        var booked = await SchedulingApi.BookAsync(patient, doctorId, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await patient.PutAsync($"/api/v1/consultations/appointments/{appointmentId}/draft", new { description = "Itchy", photoIds = new[] { drafted } }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Every upload but the fresh one was made 25 hours ago.
        var raw = new RawDatabase(host);
        string Id(Guid id) => raw.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant();
        var ago = DateTime.UtcNow.AddHours(-25).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        await using var connection = await raw.OpenAsync();
        await RawDatabase.ExecuteAsync(connection,
            $"UPDATE {raw.Table("consultations", "attachments")} SET \"UploadedAt\" = '{ago}' WHERE \"Id\" IN ('{Id(abandoned)}', '{Id(attached)}', '{Id(drafted)}')");
        StoredFile(abandoned).ShouldNotBeNull();

        await host.Services.GetRequiredService<UnattachedAttachmentRetention>().RunOnceAsync(CancellationToken.None);

        var gone = await patient.GetAsync($"/api/v1/consultations/attachments/{abandoned}");
        await gone.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (await gone.ProblemCodeAsync()).ShouldBe("attachment.not_found");
        StoredFile(abandoned).ShouldBeNull();
        (await RawDatabase.RowsAsync(connection, $"SELECT \"Id\" FROM {raw.Table("consultations", "attachments")} WHERE \"Id\" = '{Id(abandoned)}'")).ShouldBeEmpty();
        var audit = await RawDatabase.RowsAsync(connection,
            $"SELECT \"RecordType\" FROM {raw.Table("audit", "entries")} WHERE \"Action\" = 'consultation.attachment_deleted' AND lower(\"RecordId\") = '{abandoned}'");
        audit.ShouldBe(["Attachment"]);

        await (await patient.GetAsync($"/api/v1/consultations/attachments/{fresh}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await doctor.GetAsync($"/api/v1/consultations/attachments/{attached}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await patient.GetAsync($"/api/v1/consultations/attachments/{drafted}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        foreach (var kept in new[] { fresh, attached, drafted })
        {
            StoredFile(kept).ShouldNotBeNull();
            (await RawDatabase.RowsAsync(connection, $"SELECT \"RecordId\" FROM {raw.Table("audit", "entries")} WHERE \"Action\" = 'consultation.attachment_deleted' AND lower(\"RecordId\") = '{kept}'"))
                .ShouldBeEmpty();
        }
    }

    /// <summary>The encrypted file the store keeps for an upload, or null when there is none.</summary>
    private string? StoredFile(Guid id) =>
        Directory.GetFiles(Path.Combine(host.DataDirectory, "files"), "*", SearchOption.AllDirectories).FirstOrDefault(f => f.Contains(id.ToString("N"), StringComparison.OrdinalIgnoreCase));
}

[Collection("consultations-sqlite")]
public sealed class AttachmentRetentionScenariosOnSqlite(ConsultationsSqliteHost host) : AttachmentRetentionScenarios(host);

[Collection("consultations-postgres")]
public sealed class AttachmentRetentionScenariosOnPostgres(ConsultationsPostgresHost host) : AttachmentRetentionScenarios(host);
