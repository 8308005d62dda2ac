using System.Net;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

public abstract class PlatformScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_the_platform_Then_health_OpenAPI_and_its_browsable_UI_are_served()
    {
        using var client = host.CreateApiClient();
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        await ready.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");

        var openApi = await client.GetJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/doctors");
        paths.ShouldContain("/api/v1/admin/audit/verify");
        paths.ShouldContain("/api/v1/auth/sign-in");
        (await client.GetAsync("/api/docs/index.html")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Given_any_response_Then_it_carries_the_security_headers_and_the_portal_is_served_for_client_routes()
    {
        using var client = host.CreateApiClient();
        var page = await client.GetAsync("/patient/doctors");
        await page.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("<div id=\"root\"");
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("script-src 'self';");
        csp.ShouldContain("connect-src 'self';");
        csp.ShouldNotContain("stripe", Case.Insensitive); // the sandbox default: no gateway origins at all
        page.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");

        var unknownApi = await client.GetAsync("/api/v1/no-such-thing");
        await unknownApi.ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        (await unknownApi.ProblemCodeAsync()).ShouldBe("not_found");
    }
}

public sealed class PlatformScenariosOnSqlite(SqliteHost host) : PlatformScenarios(host), IClassFixture<SqliteHost>;

public sealed class PlatformScenariosOnPostgres(PostgresHost host) : PlatformScenarios(host), IClassFixture<PostgresHost>;
