using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.IntegrationTests.Scenarios.Security;

/// <summary>
/// An upload carries one file. A form with two <c>file</c> parts, or a file beside extra file parts, was answered with the first file
/// stored and the rest dropped silently; every upload endpoint (a consultation attachment, a record document) now answers 400
/// <c>request.invalid</c> and stores nothing (<c>MultipartForms.SingleFile</c>).
/// </summary>
public abstract class MultipartFileScenarios(TelemedHost host)
{
    private static readonly byte[] Pdf = "%PDF-1.4 one of two"u8.ToArray();
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    private static ByteArrayContent Part(byte[] content, string type)
    {
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue(type);
        return part;
    }

    /// <summary>A form with a <c>file</c> part and a second file part named <paramref name="secondName"/>, plus <paramref name="fields"/>.</summary>
    private static MultipartFormDataContent TwoFiles(string secondName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent
        {
            { Part(Pdf, "application/pdf"), "file", "first.pdf" },
            { Part(Png, "image/png"), secondName, "second.png" },
        };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{what}: {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("request.invalid", what);
        problem.GetProperty("detail").GetString()!.ShouldContain("more than one file part", Case.Sensitive, what);
    }

    [Fact]
    public async Task Given_an_upload_with_two_file_parts_or_an_extra_file_part_When_sent_to_each_upload_endpoint_Then_it_is_400_request_invalid_and_nothing_is_stored()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"multipart-{tag}@example.test";
        using (var scope = host.Services.CreateScope())
        {
            var userId = await scope.ServiceProvider.GetRequiredService<IIdentityModule>().EnsureUserAsync(new NewUser(email, Demo.Password, $"Multipart Patient {tag}", ["Patient"]));
            await scope.ServiceProvider.GetRequiredService<IDirectoryModule>().EnsurePatientProfileAsync(new NewPatientProfile(userId, "Multipart", $"Patient{tag}",
                new DateOnly(1985, 5, 5), "female", email, "+7 900 222 3345", "Arbat 2, Moscow", "en", "Acme", "P-2", [], []));
        }

        using var patient = await host.SignedInAsync(email);
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var attachmentsBefore = await RawDatabase.RowsAsync(connection, $"SELECT COUNT(*) FROM {raw.Table("consultations", "attachments")}");

        foreach (var second in new[] { "file", "extra" })
        {
            await ShouldBeRefusedAsync(await patient.Http.PostAsync("/api/v1/consultations/attachments", TwoFiles(second)), $"attachment with a second part named {second}");
            await ShouldBeRefusedAsync(await patient.SendWithKeyAsync("/api/v1/me/record/documents",
                TwoFiles(second, ("type", "lab_result"), ("documentDate", "2026-11-02"), ("description", "Two files")), null), $"record document with a second part named {second}");
        }

        (await RawDatabase.RowsAsync(connection, $"SELECT COUNT(*) FROM {raw.Table("consultations", "attachments")}")).ShouldBe(attachmentsBefore);
        (await patient.GetJsonAsync<JsonElement>("/api/v1/me/record/documents")).ToString().ShouldNotContain("Two files");

        // One file is still taken by both.
        await (await ConsultationsApi.UploadRawAsync(patient, Png, "one.png", "image/png")).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await Records.RecordsApi.UploadAsync(patient, Pdf)).ShouldHaveStatusAsync(HttpStatusCode.Accepted);
    }
}

[Collection("clinical-sqlite")]
public sealed class MultipartFileScenariosOnSqlite(Clinical.ClinicalSqliteHost host) : MultipartFileScenarios(host);

[Collection("clinical-postgres")]
public sealed class MultipartFileScenariosOnPostgres(Clinical.ClinicalPostgresHost host) : MultipartFileScenarios(host);
