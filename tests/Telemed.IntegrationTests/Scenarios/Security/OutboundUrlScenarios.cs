using System.Net;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Security;

/// <summary>
/// A URL the host will call on an admin's say-so (a partner lab's FHIR base URL) cannot point the host at itself, at the cloud
/// metadata address or at anything link-local, cannot carry credentials and cannot be plain http: 400 <c>validation.failed</c>
/// naming <c>fhirBaseUrl</c>, and nothing is saved, on create and on edit (docs/security.md, "Addresses the host calls"). This host
/// runs without <c>Outbound:AllowLoopback</c>, so loopback is refused too; the labs hosts, which set it, still refuse the rest
/// (LabsScenarios).
/// </summary>
public abstract class OutboundUrlScenarios(TelemedHost host)
{
    private const string Admin = "admin@demo.telemed.dev";

    public static readonly string[] AlwaysRefused =
    [
        "http://169.254.169.254/latest/meta-data/", "https://169.254.169.254/latest/meta-data/", "https://169.254.10.20/fhir",
        "https://[fe80::1]/fhir", "https://[::ffff:169.254.169.254]/fhir", "https://0.0.0.0/fhir", "https://[::]/fhir",
        "https://user:pass@lab.example/fhir", "https://user@lab.example/fhir", "http://lab.example/fhir", "ftp://lab.example/fhir",
    ];

    public static readonly string[] Loopback =
    [
        "https://127.0.0.1/fhir", "http://127.0.0.1:5000/fhir", "https://127.9.9.9/fhir", "https://localhost/fhir", "http://localhost:8080/fhir",
        "https://[::1]/fhir", "https://2130706433/fhir",
    ];

    /// <summary>400 <c>validation.failed</c> with <c>fhirBaseUrl</c> among the fields.</summary>
    public static async Task ShouldBeRefusedAsync(HttpResponseMessage response, string url)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{url}: {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("validation.failed", url);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain("fhirBaseUrl", url);
    }

    [Fact]
    public async Task Given_a_partner_lab_url_on_loopback_link_local_with_credentials_or_over_http_When_an_admin_saves_it_Then_it_is_400_naming_the_field_and_nothing_is_saved()
    {
        using var admin = await host.SignedInAsync(Admin);
        var tag = Guid.NewGuid().ToString("N")[..8];
        foreach (var url in AlwaysRefused.Concat(Loopback))
        {
            await ShouldBeRefusedAsync(await admin.PostAsync("/api/v1/admin/partner-labs", new { name = $"Lab {tag}", address = "x", fhirBaseUrl = url, enabled = true, clinicId = (Guid?)null }), url);
        }

        (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/partner-labs")).EnumerateArray().ShouldNotContain(l => l.GetProperty("name").GetString()!.Contains(tag));

        var created = await admin.PostAsync("/api/v1/admin/partner-labs", new { name = $"Lab {tag}", address = "x", fhirBaseUrl = "https://lab.example/fhir", enabled = false, clinicId = (Guid?)null });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        foreach (var url in new[] { "https://169.254.169.254/latest/meta-data/", "https://user:pass@lab.example/fhir", "http://127.0.0.1:5000/fhir" })
        {
            await ShouldBeRefusedAsync(await admin.PutAsync($"/api/v1/admin/partner-labs/{id}", new { name = $"Lab {tag}", address = "x", fhirBaseUrl = url, enabled = false, clinicId = (Guid?)null }), url);
        }

        (await admin.GetJsonAsync<JsonElement>("/api/v1/admin/partner-labs")).EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == id)
            .GetProperty("fhirBaseUrl").GetString().ShouldBe("https://lab.example/fhir");
    }
}

[Collection("clinical-sqlite")]
public sealed class OutboundUrlScenariosOnSqlite(Clinical.ClinicalSqliteHost host) : OutboundUrlScenarios(host);

[Collection("clinical-postgres")]
public sealed class OutboundUrlScenariosOnPostgres(Clinical.ClinicalPostgresHost host) : OutboundUrlScenarios(host);
