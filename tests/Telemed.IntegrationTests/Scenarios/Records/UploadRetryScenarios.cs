using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Records;

/// <summary>
/// A record document upload sent again with its Idempotency-Key (docs/api-v1.md, "Retrying a create"): stored once per key, also
/// when sent twice at once (and the losing sends leave no file behind); the key with another upload is refused; without a key every
/// upload is stored, as before.
/// </summary>
public abstract class UploadRetryScenarios(RecordsHost host)
{
    private const string Patient = "yulia.mikhailova@demo.telemed.dev";

    private static async Task<Guid> AcceptedIdAsync(HttpResponseMessage response)
    {
        await response.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<int> StoredAsync(ApiClient patient, string description) =>
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/documents")).EnumerateArray().Count(d => d.GetProperty("description").GetString() == description);

    private string[] StoredFiles()
    {
        var directory = Path.Combine(host.DataDirectory, "files", "records");
        return Directory.Exists(directory) ? Directory.GetFiles(directory) : [];
    }

    [Fact]
    public async Task Given_an_upload_sent_again_with_its_Idempotency_Key_Then_the_document_is_stored_once_and_another_upload_with_the_key_is_refused()
    {
        using var patient = await host.SignedInAsync(Patient);
        var pdf = ClamdServer.PdfWithRandomBody();
        var description = $"Discharge summary {Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString();
        var first = await AcceptedIdAsync(await RecordsApi.UploadAsync(patient, pdf, description: description, idempotencyKey: key));
        (await AcceptedIdAsync(await RecordsApi.UploadAsync(patient, pdf, description: description, idempotencyKey: key))).ShouldBe(first);
        (await StoredAsync(patient, description)).ShouldBe(1);

        // The same key with another file, or other fields, is another upload.
        var otherFile = await RecordsApi.UploadAsync(patient, ClamdServer.PdfWithRandomBody(), description: description, idempotencyKey: key);
        otherFile.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await otherFile.ProblemCodeAsync()).ShouldBe("idempotency.key_reused");
        var otherType = await RecordsApi.UploadAsync(patient, pdf, type: "imaging", description: description, idempotencyKey: key);
        otherType.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await otherType.ProblemCodeAsync()).ShouldBe("idempotency.key_reused");
        (await RecordsApi.UploadAsync(patient, pdf, description: description, idempotencyKey: new string('k', 101))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await StoredAsync(patient, description)).ShouldBe(1);

        // Unkeyed uploads are each stored.
        var unkeyed = $"No key {Guid.NewGuid():N}";
        await AcceptedIdAsync(await RecordsApi.UploadAsync(patient, pdf, description: unkeyed));
        await AcceptedIdAsync(await RecordsApi.UploadAsync(patient, pdf, description: unkeyed));
        (await StoredAsync(patient, unkeyed)).ShouldBe(2);
    }

    [Fact]
    public async Task Given_one_upload_sent_four_times_at_once_with_one_key_Then_one_document_and_one_file_are_kept()
    {
        using var patient = await host.SignedInAsync(Patient);
        var pdf = ClamdServer.PdfWithRandomBody();
        var description = $"Raced upload {Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString();
        var before = StoredFiles();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RecordsApi.UploadAsync(patient, pdf, description: description, idempotencyKey: key)));
        var ids = await Task.WhenAll(answers.Select(AcceptedIdAsync));
        ids.Distinct().Count().ShouldBe(1);
        (await StoredAsync(patient, description)).ShouldBe(1);
        // A send that lost the race had written its file before its row was refused: it deleted it again.
        StoredFiles().Except(before).Select(Path.GetFileName).ShouldBe([ids[0].ToString("N") + ".bin"]);
    }
}

[Collection(nameof(RecordsSqliteCollection))]
public sealed class UploadRetryScenariosOnSqlite(RecordsSqliteHost host) : UploadRetryScenarios(host);

[Collection(nameof(RecordsPostgresCollection))]
public sealed class UploadRetryScenariosOnPostgres(RecordsPostgresHost host) : UploadRetryScenarios(host);
