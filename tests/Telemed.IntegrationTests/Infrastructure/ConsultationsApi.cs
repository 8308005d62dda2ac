using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.BuildingBlocks.Data;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>Test-side helpers for the consultations API.</summary>
public static class ConsultationsApi
{
    public static readonly string[] DoctorEmails =
    [
        "anna.petrova@demo.telemed.dev", "james.whitfield@demo.telemed.dev", "sergey.volkov@demo.telemed.dev", "maria.ivanova@demo.telemed.dev",
        "olga.smirnova@demo.telemed.dev", "lena.schneider@demo.telemed.dev", "dmitry.kozlov@demo.telemed.dev", "ekaterina.morozova@demo.telemed.dev",
        "alexei.sokolov@demo.telemed.dev", "natalia.lebedeva@demo.telemed.dev", "irina.novikova@demo.telemed.dev", "pavel.orlov@demo.telemed.dev",
    ];

    public static object Complaint(string[] regions, int severity = 5, string duration = "days", string[]? symptoms = null, string? description = null, Guid[]? photoIds = null) =>
        new { regions, severity, duration, symptoms = symptoms ?? [], description = description ?? "", photoIds = photoIds ?? [] };

    /// <summary>The patient asks for an on-demand consultation (201 expected); its id.</summary>
    public static async Task<Guid> OnDemandAsync(ApiClient patientApi, string specialty, string kind, object complaint)
    {
        var response = await patientApi.PostAsync("/api/v1/consultations/on-demand", new { specialty, kind, complaint });
        await response.ShouldHaveStatusAsync(System.Net.HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consultation").GetProperty("id").GetGuid();
    }

    /// <summary>The patient opens a care-team thread with the doctor (its first message "First message"); returns the conversation's id.</summary>
    public static async Task<Guid> StartThreadAsync(ApiClient patient, ApiClient doctor, string subject)
    {
        var started = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId = await DoctorIdAsync(doctor), subject, body = "First message" });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>How many new-message notices of the conversation the user's notification centre holds.</summary>
    public static async Task<int> MessageNoticesAsync(ApiClient user, Guid conversationId) =>
        (await user.GetJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=100")).GetProperty("items").EnumerateArray()
        .Count(n => n.GetProperty("kind").GetString() == "message" && n.GetProperty("link").GetString()!.Contains(conversationId.ToString(), StringComparison.Ordinal));

    public static async Task<Guid> DoctorIdAsync(ApiClient doctor) =>
        (await doctor.GetJsonAsync<JsonElement>("/api/v1/scheduling/me/doctor")).GetProperty("doctorId").GetGuid();

    /// <summary>Books the doctor's first video slot from tomorrow on, then moves the host's clock to five minutes before it.</summary>
    public static async Task<(Guid AppointmentId, SlotInfo Slot)> BookVideoVisitAndWaitUntilItIsDueAsync(TelemedHost host, ApiClient patient, Guid doctorId)
    {
        var slot = (await SchedulingApi.SlotsAsync(patient, doctorId, SchedulingApi.Today(host).AddDays(1), 6))[0];
        var booked = await SchedulingApi.BookAsync(patient, doctorId, slot);
        await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        host.Clock.Advance(slot.Start.AddMinutes(-5) - host.Clock.GetUtcNow().UtcDateTime);
        return (id, slot);
    }

    public static async Task<JsonElement> EnterAsync(ApiClient patient, Guid appointmentId, object complaint)
    {
        var response = await patient.PostAsync($"/api/v1/consultations/appointments/{appointmentId}/enter", complaint);
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<Guid> UploadAsync(ApiClient user, byte[] content, string fileName, string declaredType = "image/png")
    {
        var response = await UploadRawAsync(user, content, fileName, declaredType);
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> UploadRawAsync(ApiClient user, byte[] content, string fileName, string declaredType)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        form.Add(file, "file", fileName);
        return user.Http.PostAsync("/api/v1/consultations/attachments", form);
    }

    /// <summary>A tiny PNG-signed file carrying a recognisable text, to look for in the stores afterwards.</summary>
    public static byte[] PngWithText(string text) =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. "\0\0\0\u0010tEXtComment\0"u8.ToArray(), .. System.Text.Encoding.UTF8.GetBytes(text)];

    public static async Task<string> StatusInDatabaseAsync(TelemedHost host, Guid consultationId)
    {
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var id = host.Provider == DatabaseProvider.Postgres ? consultationId.ToString() : consultationId.ToString().ToUpperInvariant();
        var rows = await RawDatabase.RowsAsync(connection, $"SELECT \"Status\", coalesce(CAST(\"DoctorUserId\" AS text), '') FROM {raw.Table("consultations", "consultations")} WHERE \"Id\" = '{id}'");
        return rows.Single();
    }
}
