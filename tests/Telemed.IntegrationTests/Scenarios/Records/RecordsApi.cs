using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Records;

/// <summary>Uploading record documents and waiting for the virus scanner's verdict, as a client does.</summary>
internal static class RecordsApi
{
    public static Task<HttpResponseMessage> UploadAsync(ApiClient patient, byte[] content, string fileName = "analysis.pdf", string declaredType = "application/pdf",
        string type = "lab_result", string documentDate = "2026-11-02", string description = "Blood count before the visit", string? sharing = null, Guid? doctorUserId = null,
        string? idempotencyKey = null, Guid? patientId = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        form.Add(file, "file", fileName);
        form.Add(new StringContent(type), "type");
        form.Add(new StringContent(documentDate), "documentDate");
        form.Add(new StringContent(description), "description");
        if (sharing is not null)
        {
            form.Add(new StringContent(sharing), "sharing");
        }

        if (doctorUserId is { } doctor)
        {
            form.Add(new StringContent(doctor.ToString()), "doctorUserId");
        }

        return patient.SendWithKeyAsync($"/api/v1/me/record/documents{ForPatient(patientId)}", form, idempotencyKey);
    }

    public static async Task<Guid> UploadedAsync(ApiClient patient, byte[] content, string? sharing = null, Guid? doctorUserId = null, string description = "Blood count before the visit")
    {
        var response = await UploadAsync(patient, content, sharing: sharing, doctorUserId: doctorUserId, description: description);
        await response.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("pending_scan");
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>
    /// The document's status once the scanner has spoken (pending_scan until then; gives up after 30 s); <paramref name="patientId"/>
    /// names a dependant's record when a guardian asks.
    /// </summary>
    public static async Task<string> VerdictAsync(ApiClient patient, Guid id, Guid? patientId = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var mine = await patient.GetJsonAsync<JsonElement>($"/api/v1/me/record/documents{ForPatient(patientId)}");
            var status = mine.EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == id).GetProperty("status").GetString()!;
            if (status != "pending_scan" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The <c>?patientId=</c> of a guardian's request for a dependant's record; empty for the caller's own.</summary>
    public static string ForPatient(Guid? patientId) => patientId is { } id ? $"?patientId={id}" : "";

    public static async Task<Guid> UserIdAsync(ApiClient client) =>
        (await client.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("user").GetProperty("id").GetGuid();

    public static async Task<Guid> PatientIdAsync(ApiClient patient) =>
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
}
