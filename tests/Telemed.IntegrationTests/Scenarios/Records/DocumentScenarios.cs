using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Records;

/// <summary>
/// Patients' record documents with a real clamd: quarantine until the scanner speaks, refusal of the test signature for good,
/// content checks and limits, encryption at rest, and who besides the patient may open a document (care team, one named doctor).
/// </summary>
public abstract class DocumentScenarios(RecordsHost host)
{
    private const string Ivan = "ivan.kuznetsov@demo.telemed.dev";
    private const string OtherPatient = "mikhail.vasiliev@demo.telemed.dev";
    // In the demo, Ivan is a patient of the cardiologist, not of the dermatologist.
    private const string Cardiologist = "anna.petrova@demo.telemed.dev";
    private const string Dermatologist = "olga.smirnova@demo.telemed.dev";
    private const string FrontDesk = "frontdesk@demo.telemed.dev";
    private const string Admin = "admin@demo.telemed.dev";

    [Fact]
    public async Task Given_an_upload_carrying_the_test_signature_Then_the_real_clamd_rejects_it_and_it_never_becomes_readable_while_a_clean_one_does()
    {
        using var patient = await host.SignedInAsync(Ivan);
        using var doctor = await host.SignedInAsync(Cardiologist);
        var patientId = await RecordsApi.PatientIdAsync(patient);

        var infected = await RecordsApi.UploadedAsync(patient, host.Clamd.InfectedPdf);
        var early = await patient.GetAsync($"/api/v1/me/record/documents/{infected}/content");
        early.StatusCode.ShouldBeOneOf(HttpStatusCode.Conflict, HttpStatusCode.Gone);
        (await early.ProblemCodeAsync()).ShouldBeOneOf("records.document_pending_scan", "records.document_rejected");

        (await RecordsApi.VerdictAsync(patient, infected)).ShouldBe("rejected", host.Clamd.Log());
        var refused = await patient.GetAsync($"/api/v1/me/record/documents/{infected}/content");
        refused.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await refused.ProblemCodeAsync()).ShouldBe("records.document_rejected");
        (await doctor.GetAsync($"/api/v1/patients/{patientId}/record/documents/{infected}/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        host.Clamd.Log().ShouldContain("Telemed.Test.Signature.UNOFFICIAL FOUND");

        var cleanBytes = ClamdServer.PdfWithRandomBody();
        var clean = await RecordsApi.UploadedAsync(patient, cleanBytes, description: "Discharge summary from City Hospital 4");
        (await RecordsApi.VerdictAsync(patient, clean)).ShouldBe("available");
        var file = await patient.GetAsync($"/api/v1/me/record/documents/{clean}/content");
        await file.ShouldHaveStatusAsync(HttpStatusCode.OK);
        file.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await file.Content.ReadAsByteArrayAsync()).ShouldBe(cleanBytes);

        // The doctor with a care relationship sees the clean one before the visit, never the rejected one.
        var shared = await doctor.GetJsonAsync<JsonElement>($"/api/v1/patients/{patientId}/record/documents");
        var ids = shared.EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ToList();
        ids.ShouldContain(clean);
        ids.ShouldNotContain(infected);
        (await (await doctor.GetAsync($"/api/v1/patients/{patientId}/record/documents/{clean}/content")).Content.ReadAsByteArrayAsync()).ShouldBe(cleanBytes);

        // At rest: the file is ciphertext and the description an encrypted column.
        var stored = await File.ReadAllBytesAsync(Path.Combine(host.DataDirectory, "files", "records", clean.ToString("N") + ".bin"));
        stored.AsSpan().IndexOf(cleanBytes.AsSpan(0, 64)).ShouldBe(-1);
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var key = host.Provider == DatabaseProvider.Postgres ? clean.ToString() : clean.ToString().ToUpperInvariant();
        var rows = await RawDatabase.RowsAsync(connection, $"SELECT \"Description\", \"Status\" FROM {raw.Table("records", "documents")} WHERE \"Id\" = '{key}'");
        rows.Single().ShouldEndWith("|available");
        rows.Single().ShouldNotContain("City Hospital");
    }

    [Fact]
    public async Task Given_bad_uploads_Then_each_is_refused_with_its_code_and_nothing_is_kept()
    {
        using var patient = await host.SignedInAsync(Ivan);
        using var doctor = await host.SignedInAsync(Cardiologist);
        var pdf = ClamdServer.PdfWithRandomBody();
        var script = Encoding.UTF8.GetBytes("#!/bin/sh\necho pwned\n");
        var before = (await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/documents")).GetArrayLength();

        async Task ShouldBeRefusedAsync(Task<HttpResponseMessage> upload, HttpStatusCode status, string code)
        {
            var response = await upload;
            response.StatusCode.ShouldBe(status, code);
            (await response.ProblemCodeAsync()).ShouldBe(code);
        }

        await ShouldBeRefusedAsync(RecordsApi.UploadAsync(patient, script, "scan.pdf", "application/pdf"), HttpStatusCode.UnsupportedMediaType, "records.unsupported_type");
        await ShouldBeRefusedAsync(RecordsApi.UploadAsync(patient, [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50], "photo.png", "image/png"),
            HttpStatusCode.UnsupportedMediaType, "records.unsupported_type");
        await ShouldBeRefusedAsync(RecordsApi.UploadAsync(patient, [.. pdf, .. new byte[RecordsHost.MaxDocumentBytes]]), HttpStatusCode.RequestEntityTooLarge, "records.file_too_large");
        await ShouldBeRefusedAsync(RecordsApi.UploadAsync(patient, pdf, type: "horoscope"), HttpStatusCode.BadRequest, "records.invalid_document_type");
        foreach (var date in new[] { "2999-01-01", "1850-01-01", "02.11.2026", "" })
        {
            await ShouldBeRefusedAsync(RecordsApi.UploadAsync(patient, pdf, documentDate: date), HttpStatusCode.BadRequest, "records.invalid_document_date");
        }

        await ShouldBeRefusedAsync(RecordsApi.UploadAsync(patient, pdf, description: new string('x', 501)), HttpStatusCode.BadRequest, "records.description_too_long");
        await ShouldBeRefusedAsync(RecordsApi.UploadAsync(patient, pdf, sharing: "everyone"), HttpStatusCode.BadRequest, "records.invalid_sharing");
        await ShouldBeRefusedAsync(RecordsApi.UploadAsync(patient, pdf, sharing: "doctor"), HttpStatusCode.BadRequest, "records.invalid_sharing");
        // A "doctor" who is a patient is not a doctor to share with.
        await ShouldBeRefusedAsync(RecordsApi.UploadAsync(patient, pdf, sharing: "doctor", doctorUserId: await RecordsApi.UserIdAsync(patient)), HttpStatusCode.BadRequest, "records.invalid_sharing");
        var noFile = new MultipartFormDataContent { { new StringContent("lab_result"), "type" } };
        await ShouldBeRefusedAsync(patient.Http.PostAsync("/api/v1/me/record/documents", noFile), HttpStatusCode.BadRequest, "records.file_missing");

        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/documents")).GetArrayLength().ShouldBe(before);
        (await RecordsApi.UploadAsync(doctor, pdf)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await host.CreateApiClient().Http.GetAsync("/api/v1/me/record/documents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Given_a_document_shared_with_the_care_team_then_one_doctor_then_nobody_Then_only_those_it_is_shared_with_open_it_and_refusals_are_audited()
    {
        using var patient = await host.SignedInAsync(Ivan);
        using var cardiologist = await host.SignedInAsync(Cardiologist);
        using var dermatologist = await host.SignedInAsync(Dermatologist);
        using var otherPatient = await host.SignedInAsync(OtherPatient);
        using var desk = await host.SignedInAsync(FrontDesk);
        using var admin = await host.SignedInAsync(Admin);
        var patientId = await RecordsApi.PatientIdAsync(patient);
        var dermatologistId = await RecordsApi.UserIdAsync(dermatologist);
        var id = await RecordsApi.UploadedAsync(patient, ClamdServer.PdfWithRandomBody());
        (await RecordsApi.VerdictAsync(patient, id)).ShouldBe("available");
        var content = $"/api/v1/patients/{patientId}/record/documents/{id}/content";
        var list = $"/api/v1/patients/{patientId}/record/documents";

        async Task<bool> SeesAsync(ApiClient who) => (await who.GetAsync(content)).StatusCode == HttpStatusCode.OK;

        (await SeesAsync(cardiologist)).ShouldBeTrue("the care team sees a care-team document");
        foreach (var outsider in new[] { dermatologist, otherPatient, desk, admin })
        {
            var refused = await outsider.GetAsync(content);
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await refused.ProblemCodeAsync()).ShouldBe("records.document_not_found");
            (await outsider.GetAsync(list)).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        }

        (await (await otherPatient.GetAsync($"/api/v1/me/record/documents/{id}/content")).ProblemCodeAsync()).ShouldBe("records.document_not_found");
        (await (await otherPatient.PutAsync($"/api/v1/me/record/documents/{id}/sharing", new { sharing = "private" })).ProblemCodeAsync()).ShouldBe("records.document_not_found");

        var toOne = await patient.PutAsync($"/api/v1/me/record/documents/{id}/sharing", new { sharing = "doctor", doctorUserId = dermatologistId });
        await toOne.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await toOne.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedWithDoctorUserId").GetGuid().ShouldBe(dermatologistId);
        (await SeesAsync(dermatologist)).ShouldBeTrue("the named doctor sees it");
        (await dermatologist.GetJsonAsync<JsonElement>(list)).EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ShouldContain(id);
        (await SeesAsync(cardiologist)).ShouldBeFalse("shared with one doctor only");

        await (await patient.PutAsync($"/api/v1/me/record/documents/{id}/sharing", new { sharing = "private" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await SeesAsync(dermatologist)).ShouldBeFalse("withdrawn");
        (await SeesAsync(cardiologist)).ShouldBeFalse("withdrawn");
        (await patient.GetAsync($"/api/v1/me/record/documents/{id}/content")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var denials = await EntriesAsync(admin, $"action=access.denied&recordId={id}", atLeast: 7);
        denials.Count.ShouldBeGreaterThanOrEqualTo(7);
        denials.ShouldAllBe(e => e.GetProperty("recordType").GetString() == "PatientDocument");
        var reads = await EntriesAsync(admin, $"action=phi.read&recordId={id}", atLeast: 2);
        reads.Select(e => e.GetProperty("actorId").GetGuid()).ShouldContain(dermatologistId);
    }

    /// <summary>Audit entries are written as each request ends, so look a few times.</summary>
    private static async Task<List<JsonElement>> EntriesAsync(ApiClient admin, string query, int atLeast)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?{query}&pageSize=100");
            var items = page.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
            if (items.Count >= atLeast || attempt == 20)
            {
                return items;
            }

            await Task.Delay(100);
        }
    }
}

[Collection(nameof(RecordsSqliteCollection))]
public sealed class DocumentScenariosOnSqlite(RecordsSqliteHost host) : DocumentScenarios(host);

[Collection(nameof(RecordsPostgresCollection))]
public sealed class DocumentScenariosOnPostgres(RecordsPostgresHost host) : DocumentScenarios(host);
