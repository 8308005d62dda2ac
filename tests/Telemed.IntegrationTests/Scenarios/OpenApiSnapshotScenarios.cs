using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// The web app's types are checked against <c>web/openapi/v1.json</c> (see web/src/shared/api/contract.ts); this keeps that
/// file equal to what the host serves, so a field the server stops sending (or never sent) fails the web app's type check.
/// </summary>
public sealed class OpenApiSnapshotScenarios(SqliteHost host) : IClassFixture<SqliteHost>
{
    private const string UpdateVariable = "TELEMED_UPDATE_OPENAPI";

    [Fact]
    public async Task Given_the_host_Then_its_OpenAPI_document_equals_the_checked_in_copy_the_web_app_is_typed_against()
    {
        using var client = host.CreateApiClient();
        var live = Normalise(await client.Http.GetStringAsync("/openapi/v1.json"));
        var path = Path.Combine(RepositoryRoot(), "web", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, live);
        }

        var checkedIn = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        live.ShouldBe(checkedIn.ReplaceLineEndings("\n"),
            $"web/openapi/v1.json is not what the host serves. Regenerate it and the web app's types: " +
            $"`{UpdateVariable}=1 dotnet test tests/Telemed.IntegrationTests --filter FullyQualifiedName~OpenApiSnapshot` then " +
            "`cd web && npm run openapi:types`, and fix what `npm run typecheck` reports.");

        // Every operation the web app reads describes its successful answer's body (TypedResults), or says it has none.
        var document = JsonNode.Parse(live)!;
        var undescribed = new List<string>();
        foreach (var (route, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var responses = operation?["responses"]?.AsObject();
                if (responses is null || !responses.Any(r => r.Key.StartsWith('2')))
                {
                    undescribed.Add($"{method.ToUpperInvariant()} {route}");
                }
            }
        }

        undescribed.ShouldBeEmpty("every operation documents its success response");
    }

    [Fact]
    public async Task Given_two_request_types_of_one_name_in_two_modules_Then_each_endpoint_documents_its_own()
    {
        // The pharmacist's dispense was documented with the clinical module's DispenseRequest (quantity, numberOfRepeatsAllowed):
        // ASP.NET Core names a schema by the type's simple name, so the two shared one schema.
        using var client = host.CreateApiClient();
        var document = JsonNode.Parse(await client.Http.GetStringAsync("/openapi/v1.json"))!;
        var reference = document["paths"]!["/api/v1/pharmacist/prescriptions/{id}/dispense"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!
            .GetValue<string>();
        var schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!;
        schema["properties"]!.AsObject().Select(p => p.Key).Order().ShouldBe(["quantity", "verificationCode"]);
        // Types of one name and one shape (the directory's and billing's Money) stay one schema under their own name.
        document["components"]!["schemas"]!["Money"].ShouldNotBeNull();
    }

    /// <summary>Indented, without the per-run <c>servers</c> (the test host's random port), ending in a newline.</summary>
    public static string Normalise(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telemed.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Telemed.slnx not found above the test binaries.");
    }
}
