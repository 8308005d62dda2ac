using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Telemed.BrowserTests;

/// <summary>
/// "My record" for a guardian: the demo patient Ivan Kuznetsov has his daughter Sofia on his account; choosing her in "Whose record"
/// reloads the documents and the timeline with hers, and choosing himself again brings his back. Asserted on ids and the documents'
/// own descriptions, not on headings (their wording for a child's record is the record feature's to choose).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GuardianRecordJourney(BrowserFixture fixture)
{
    private const string Guardian = "ivan.kuznetsov@demo.telemed.dev";

    private TelemedHost Host => fixture.Host;

    [Fact]
    public async Task The_demo_guardian_chooses_his_daughter_in_whose_record_and_reads_her_documents_and_timeline_then_his_own_again()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var own = $"Ivan's ECG {tag}";
        var hers = $"Sofia's vaccination certificate {tag}";
        Guid sofiaId, ownId, hersId;
        using (var ivan = await Host.SignedInAsync(Guardian))
        {
            sofiaId = (await ivan.GetJsonAsync<JsonElement>("/api/v1/me/dependents")).EnumerateArray()
                .Single(d => d.GetProperty("givenName").GetString() == "Sofia").GetProperty("id").GetGuid();
            // Dated today: the newest entries, so on the timeline's first page however much the shared host's Ivan has.
            var today = SchedulingApi.Today(Host);
            ownId = await UploadAsync(ivan, own, today, patientId: null);
            hersId = await UploadAsync(ivan, hers, today, sofiaId);
        }

        var page = await fixture.NewPageAsync();
        await BrowserSignIn.SignInAsync(page, Guardian);
        await page.GotoAsync("/patient/record");
        var whose = page.GetByTestId("record-whose");
        var documents = page.GetByTestId("my-documents");
        var timeline = page.GetByTestId("timeline-items");

        // His own record first: his document, not hers.
        await Expect(whose).ToHaveValueAsync("");
        await Expect(documents.Locator($"[data-document-id='{ownId}']")).ToBeVisibleAsync();
        await Expect(documents.Locator($"[data-document-id='{hersId}']")).ToHaveCountAsync(0);
        await Expect(timeline).ToContainTextAsync(own);
        await Expect(timeline).Not.ToContainTextAsync(hers);

        // Sofia: the documents and the timeline are hers, his are gone.
        await whose.SelectOptionAsync(sofiaId.ToString());
        await Expect(documents.Locator($"[data-document-id='{hersId}']")).ToBeVisibleAsync();
        await Expect(documents.Locator($"[data-document-id='{ownId}']")).ToHaveCountAsync(0);
        await Expect(timeline).ToContainTextAsync(hers);
        await Expect(timeline).Not.ToContainTextAsync(own);

        // And back to his own.
        await whose.SelectOptionAsync("");
        await Expect(documents.Locator($"[data-document-id='{ownId}']")).ToBeVisibleAsync();
        await Expect(documents.Locator($"[data-document-id='{hersId}']")).ToHaveCountAsync(0);
        await Expect(timeline).ToContainTextAsync(own);
        await Expect(timeline).Not.ToContainTextAsync(hers);
    }

    /// <summary>Uploads a small PDF to the guardian's own record or, with <paramref name="patientId"/>, to the dependant's; waits for the scan.</summary>
    private static async Task<Guid> UploadAsync(ApiClient guardian, string description, DateOnly date, Guid? patientId)
    {
        var query = patientId is { } id ? $"?patientId={id}" : "";
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.ASCII.GetBytes($"%PDF-1.4\n{description}\n%%EOF\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "document.pdf");
        form.Add(new StringContent("other"), "type");
        form.Add(new StringContent(date.ToString("yyyy-MM-dd")), "documentDate");
        form.Add(new StringContent(description), "description");
        var response = await guardian.SendWithKeyAsync($"/api/v1/me/record/documents{query}", form, key: null);
        await response.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var documentId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var listed = await guardian.GetJsonAsync<JsonElement>($"/api/v1/me/record/documents{query}");
            if (listed.EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == documentId).GetProperty("status").GetString() == "available")
            {
                return documentId;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Document {documentId} was not scanned within 30 s.");
    }
}
