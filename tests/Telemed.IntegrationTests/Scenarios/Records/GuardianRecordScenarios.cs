using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentReference = Hl7.Fhir.Model.DocumentReference;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Fhir;

namespace Telemed.IntegrationTests.Scenarios.Records;

/// <summary>
/// A guardian's view of a dependant's record. The guardian saw the child's prescriptions, lab results and visits in the <c>/me</c>
/// lists, but <c>/me/record/timeline</c> and <c>/me/record/documents</c> covered only the signed-in account's own record, so a
/// parent could neither read the child's timeline nor keep the child's documents. Each now takes <c>?patientId=</c> naming a
/// patient the caller acts for; anyone else asking with that id gets the 404 an unknown patient gets, and the trail holds both.
/// </summary>
public abstract class GuardianRecordScenarios(RecordsHost host)
{
    // In the demo, Ivan Kuznetsov is the guardian of his daughter Sofia; Mikhail Vasiliev is a patient with no link to her.
    private const string Guardian = "ivan.kuznetsov@demo.telemed.dev";
    private const string Stranger = "mikhail.vasiliev@demo.telemed.dev";

    [Fact]
    public async Task Given_the_demo_guardian_and_his_daughter_When_he_keeps_and_reads_her_record_and_a_stranger_asks_with_her_id_Then_he_reads_it_the_stranger_gets_404_and_both_are_audited()
    {
        using var guardian = await host.SignedInAsync(Guardian);
        using var stranger = await host.SignedInAsync(Stranger);
        using var admin = await host.SignedInAsync("admin@demo.telemed.dev");
        var childId = (await guardian.GetJsonAsync<JsonElement>("/api/v1/me/dependents")).EnumerateArray()
            .Single(d => d.GetProperty("givenName").GetString() == "Sofia").GetProperty("id").GetGuid();
        var forChild = RecordsApi.ForPatient(childId);

        // When the guardian uploads a letter to the child's record, it is the child's document, not his.
        var bytes = ClamdServer.PdfWithRandomBody();
        var uploaded = await RecordsApi.UploadAsync(guardian, bytes, description: "Sofia's vaccination certificate", type: "other", patientId: childId);
        await uploaded.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var documentId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await RecordsApi.VerdictAsync(guardian, documentId, childId)).ShouldBe("available", host.Clamd.Log());
        (await guardian.GetJsonAsync<JsonElement>("/api/v1/me/record/documents")).EnumerateArray().ShouldNotContain(d => d.GetProperty("id").GetGuid() == documentId);

        // Then he reads her timeline and opens the document by naming her; his own timeline and his own record's download hold neither.
        var timeline = await guardian.GetJsonAsync<JsonElement>($"/api/v1/me/record/timeline{forChild}&kind=document&pageSize=100");
        timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ShouldContain(documentId);
        (await guardian.GetJsonAsync<JsonElement>("/api/v1/me/record/timeline?kind=document&pageSize=100")).GetProperty("items").EnumerateArray()
            .ShouldNotContain(e => e.GetProperty("id").GetGuid() == documentId);
        var file = await guardian.GetAsync($"/api/v1/me/record/documents/{documentId}/content{forChild}");
        await file.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await file.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        var unnamed = await guardian.GetAsync($"/api/v1/me/record/documents/{documentId}/content");
        unnamed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unnamed.ProblemCodeAsync()).ShouldBe("records.document_not_found");

        // The FHIR DocumentReference the guardian reads links to a download that names the child, so the link opens her document.
        var reference = (DocumentReference)(await guardian.FhirAsync($"DocumentReference/{documentId}")).Resource;
        var link = new Uri(reference.Content.Single().Attachment.Url!).PathAndQuery;
        link.ShouldEndWith($"/api/v1/me/record/documents/{documentId}/content{forChild}");
        (await (await guardian.GetAsync(link)).Content.ReadAsByteArrayAsync()).ShouldBe(bytes);

        // A stranger asking with the child's id is answered exactly as for a patient that does not exist.
        foreach (var asked in new[] { childId, Guid.NewGuid() })
        {
            var query = RecordsApi.ForPatient(asked);
            foreach (var (response, code) in new[]
                     {
                         (await stranger.GetAsync($"/api/v1/me/record/timeline{query}"), "records.patient_not_found"),
                         (await stranger.GetAsync($"/api/v1/me/record/documents{query}"), "records.patient_not_found"),
                         (await RecordsApi.UploadAsync(stranger, ClamdServer.PdfWithRandomBody(), patientId: asked), "records.patient_not_found"),
                         (await stranger.GetAsync($"/api/v1/me/record/documents/{documentId}/content{query}"), "records.document_not_found"),
                     })
            {
                response.StatusCode.ShouldBe(HttpStatusCode.NotFound, code);
                (await response.ProblemCodeAsync()).ShouldBe(code);
            }
        }

        // The trail: the guardian's reads of the child's record and document, and the stranger's refusals against the child.
        var guardianId = await RecordsApi.UserIdAsync(guardian);
        var strangerId = await RecordsApi.UserIdAsync(stranger);
        (await EntriesAsync(admin, $"action=phi.read&recordType=PatientRecord&recordId={childId}", guardianId)).ShouldNotBeEmpty();
        (await EntriesAsync(admin, $"action=phi.read&recordType=PatientDocument&recordId={documentId}", guardianId)).ShouldNotBeEmpty();
        (await EntriesAsync(admin, $"action=access.denied&recordType=Patient&recordId={childId}", strangerId, atLeast: 4)).Count.ShouldBeGreaterThanOrEqualTo(4);
    }

    /// <summary>
    /// The trail's entries matching <paramref name="query"/> by <paramref name="actorId"/>, once there are <paramref name="atLeast"/>
    /// (waits up to 10 s: the trail is written after the answer).
    /// </summary>
    private static async Task<List<JsonElement>> EntriesAsync(ApiClient admin, string query, Guid actorId, int atLeast = 1)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?{query}&pageSize=100");
            var items = page.GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("actorId").ValueKind == JsonValueKind.String && e.GetProperty("actorId").GetGuid() == actorId).Select(e => e.Clone()).ToList();
            if (items.Count >= atLeast || attempt == 100)
            {
                return items;
            }

            await Task.Delay(100);
        }
    }
}

[Collection(nameof(RecordsSqliteCollection))]
public sealed class GuardianRecordScenariosOnSqlite(RecordsSqliteHost host) : GuardianRecordScenarios(host);

[Collection(nameof(RecordsPostgresCollection))]
public sealed class GuardianRecordScenariosOnPostgres(RecordsPostgresHost host) : GuardianRecordScenarios(host);
