using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Consultations.Attachments;
using Telemed.Modules.Consultations.Complaints.Drafts;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// A complaint draft not saved for <c>Consultations:Complaints:DraftRetentionDays</c> (30 by default) is deleted and audited; the
/// photos it named are then attached to nothing, and the unattached-upload retention deletes them with their files. A recent draft
/// and its photo stay, and so does an old draft whose visit is still ahead.
/// </summary>
public abstract class ComplaintDraftRetentionScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_a_draft_not_saved_for_31_days_When_the_retention_passes_run_Then_it_is_gone_audited_and_its_photo_with_it_unless_its_visit_is_still_ahead()
    {
        using var patient = await host.SignedInAsync("tatiana.golubeva@demo.telemed.dev");
        using var doctor = await host.SignedInAsync("olga.smirnova@demo.telemed.dev");
        var doctorId = await DoctorIdAsync(doctor);
        var slots = await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(5), 6);
        var (abandoned, patientId) = await BookAsync(patient, doctorId, slots[0]);
        var (kept, _) = await BookAsync(patient, doctorId, slots[1]);
        var (ahead, _) = await BookAsync(patient, doctorId, slots[2]);
        var oldPhoto = await UploadAsync(patient, PngWithText("old draft"), "old.png");
        var keptPhoto = await UploadAsync(patient, PngWithText("kept draft"), "kept.png");
        await SaveDraftAsync(patient, abandoned, oldPhoto);
        await SaveDraftAsync(patient, kept, keptPhoto);
        var aheadPhoto = await UploadAsync(patient, PngWithText("ahead draft"), "ahead.png");
        await SaveDraftAsync(patient, ahead, aheadPhoto);
        // The abandoned draft's visit was cancelled; the one ahead is still booked.
        await (await patient.PostAsync($"/api/v1/scheduling/appointments/{abandoned}/cancel", new { reason = "Feeling better" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // By the host's clock, the abandoned draft was last saved 31 days ago; both photos were uploaded 25 hours ago (past the
        // uploads' retention).
        var raw = new RawDatabase(host);
        string Id(Guid id) => raw.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant();
        string Ago(TimeSpan span) => host.Clock.GetUtcNow().UtcDateTime.Subtract(span).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        await using var connection = await raw.OpenAsync();
        await RawDatabase.ExecuteAsync(connection,
            $"UPDATE {raw.Table("consultations", "complaint_drafts")} SET \"UpdatedAt\" = '{Ago(TimeSpan.FromDays(31))}' WHERE \"AppointmentId\" IN ('{Id(abandoned)}', '{Id(ahead)}')");
        await RawDatabase.ExecuteAsync(connection,
            $"UPDATE {raw.Table("consultations", "attachments")} SET \"UploadedAt\" = '{Ago(TimeSpan.FromHours(25))}' WHERE \"Id\" IN ('{Id(oldPhoto)}', '{Id(keptPhoto)}')");

        await host.Services.GetRequiredService<ComplaintDraftRetention>().RunOnceAsync(CancellationToken.None);

        (await DraftAsync(patient, abandoned)).ValueKind.ShouldBe(JsonValueKind.Null);
        (await DraftAsync(patient, kept)).GetProperty("photoIds").EnumerateArray().Select(p => p.GetGuid()).ShouldBe([keptPhoto]);
        // As old, but its visit is still ahead: the patient finds the form as they left it on the day.
        (await DraftAsync(patient, ahead)).GetProperty("photoIds").EnumerateArray().Select(p => p.GetGuid()).ShouldBe([aheadPhoto]);
        var audit = await RawDatabase.RowsAsync(connection,
            $"SELECT \"RecordType\", \"Outcome\", lower(CAST(\"SubjectPatientId\" AS text)) FROM {raw.Table("audit", "entries")} WHERE \"Action\" = 'consultation.complaint_draft_deleted' AND lower(\"RecordId\") = '{abandoned}'");
        audit.ShouldBe([$"ComplaintDraft|Success|{patientId}"]);
        (await RawDatabase.RowsAsync(connection,
            $"SELECT \"RecordId\" FROM {raw.Table("audit", "entries")} WHERE \"Action\" = 'consultation.complaint_draft_deleted' AND lower(\"RecordId\") = '{kept}'")).ShouldBeEmpty();
        using (var admin = await host.SignedInAsync("admin@demo.telemed.dev"))
        {
            // The administrator's view reads the job's reason as a code the web app words, with the days it waited.
            var entry = (await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?action=consultation.complaint_draft_deleted&recordId={abandoned}"))
                .GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
            entry.GetProperty("reasonCode").GetString().ShouldBe("retention_draft_unsaved");
            entry.GetProperty("reasonArguments").GetProperty("days").GetString().ShouldBe("30");
        }

        // The abandoned draft's photo is attached to nothing now: the uploads' retention takes it, not the kept draft's.
        await host.Services.GetRequiredService<UnattachedAttachmentRetention>().RunOnceAsync(CancellationToken.None);

        var gone = await patient.GetAsync($"/api/v1/consultations/attachments/{oldPhoto}");
        await gone.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (await gone.ProblemCodeAsync()).ShouldBe("attachment.not_found");
        StoredFile(oldPhoto).ShouldBeNull();
        await (await patient.GetAsync($"/api/v1/consultations/attachments/{keptPhoto}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await patient.GetAsync($"/api/v1/consultations/attachments/{aheadPhoto}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        StoredFile(keptPhoto).ShouldNotBeNull();
    }

    [Fact]
    public async Task Given_a_cancelled_visit_When_its_patient_saves_a_complaint_draft_Then_422_appointment_not_active_as_the_waiting_room_answers()
    {
        using var patient = await host.SignedInAsync("tatiana.golubeva@demo.telemed.dev");
        using var doctor = await host.SignedInAsync("olga.smirnova@demo.telemed.dev");
        var doctorId = await DoctorIdAsync(doctor);
        var slot = (await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(9), 3))[0];
        var (appointmentId, _) = await BookAsync(patient, doctorId, slot);
        var draft = $"/api/v1/consultations/appointments/{appointmentId}/draft";
        await (await patient.PutAsync(draft, new { description = "Itchy" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await patient.PostAsync($"/api/v1/scheduling/appointments/{appointmentId}/cancel", new { reason = "mistake" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var saved = await patient.PutAsync(draft, new { description = "Itchy and red" });
        saved.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await saved.ProblemCodeAsync()).ShouldBe("consultation.appointment_not_active");
        (await DraftAsync(patient, appointmentId)).GetProperty("description").GetString().ShouldBe("Itchy", "the refused save changed nothing");
    }

    private static async Task<(Guid AppointmentId, Guid PatientId)> BookAsync(ApiClient patient, Guid doctorId, SlotInfo slot)
    {
        var booked = await SchedulingApi.BookAsync(patient, doctorId, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var appointment = await booked.Content.ReadFromJsonAsync<JsonElement>();
        return (appointment.GetProperty("id").GetGuid(), appointment.GetProperty("patientId").GetGuid());
    }

    private static async Task SaveDraftAsync(ApiClient patient, Guid appointmentId, Guid photoId) =>
        await (await patient.PutAsync($"/api/v1/consultations/appointments/{appointmentId}/draft", new { description = "Itchy", photoIds = new[] { photoId } }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

    /// <summary>The saved complaint of the visit's draft (JSON null when there is none).</summary>
    private static async Task<JsonElement> DraftAsync(ApiClient patient, Guid appointmentId)
    {
        var response = await patient.GetAsync($"/api/v1/consultations/appointments/{appointmentId}/draft");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("complaint");
    }

    /// <summary>The encrypted file the store keeps for an upload, or null when there is none.</summary>
    private string? StoredFile(Guid id) =>
        Directory.GetFiles(Path.Combine(host.DataDirectory, "files"), "*", SearchOption.AllDirectories).FirstOrDefault(f => f.Contains(id.ToString("N"), StringComparison.OrdinalIgnoreCase));
}

[Collection("consultations-sqlite")]
public sealed class ComplaintDraftRetentionScenariosOnSqlite(ConsultationsSqliteHost host) : ComplaintDraftRetentionScenarios(host);

[Collection("consultations-postgres")]
public sealed class ComplaintDraftRetentionScenariosOnPostgres(ConsultationsPostgresHost host) : ComplaintDraftRetentionScenarios(host);
