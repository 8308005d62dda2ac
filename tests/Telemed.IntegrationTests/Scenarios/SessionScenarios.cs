using System.Net;
using System.Text.Json;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>These move the server's clock and tighten the rate limit, so they get hosts of their own.</summary>
public abstract class SessionScenarios(TelemedHost host)
{
    [Fact]
    public async Task Given_a_signed_in_patient_When_active_every_ten_minutes_Then_the_session_lives_and_after_fifteen_idle_minutes_it_ends()
    {
        using var patient = host.CreateApiClient();
        await patient.SignInAsync("ivan.kuznetsov@demo.telemed.dev", Demo.Password);

        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await (await patient.GetAsync("/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await (await patient.GetAsync("/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // Polling the session state is not activity.
        host.Clock.Advance(TimeSpan.FromMinutes(14));
        var state = await patient.GetJsonAsync<JsonElement>("/api/v1/auth/session");
        state.GetProperty("authenticated").GetBoolean().ShouldBeTrue();
        host.Clock.Advance(TimeSpan.FromMinutes(2));

        var expired = await patient.GetAsync("/api/v1/me/patient-profile");
        await expired.ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        (await patient.GetJsonAsync<JsonElement>("/api/v1/auth/session")).GetProperty("authenticated").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Given_a_signed_in_patient_When_only_background_requests_come_Then_they_are_answered_but_the_session_still_ends_fifteen_minutes_after_the_last_action()
    {
        using var patient = host.CreateApiClient();
        await patient.SignInAsync("elena.popova@demo.telemed.dev", Demo.Password);

        // Background refreshes every five minutes: each is answered, none extends the session.
        for (var i = 0; i < 2; i++)
        {
            host.Clock.Advance(TimeSpan.FromMinutes(5));
            await (await BackgroundGetAsync(patient, "/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        // A person's action (the app's touch) slides it: fifteen minutes from now, not from sign-in.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await patient.PostAsync("/api/v1/auth/touch")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        host.Clock.Advance(TimeSpan.FromMinutes(14));
        await (await BackgroundGetAsync(patient, "/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        host.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await (await BackgroundGetAsync(patient, "/api/v1/me/patient-profile")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
    }

    private static Task<HttpResponseMessage> BackgroundGetAsync(ApiClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Telemed-Background", "1");
        return client.Http.SendAsync(request);
    }
}

public sealed class StrictSqliteHost() : TelemedHost(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RateLimiting:AuthPermitsPerMinute"] = "6" });

public sealed class SessionScenariosOnSqlite(SqliteHost host) : SessionScenarios(host), IClassFixture<SqliteHost>;

public sealed class SessionScenariosOnPostgres(PostgresHost host) : SessionScenarios(host), IClassFixture<PostgresHost>;

/// <summary>The limiter keeps no state in the database, so one provider is enough.</summary>
public sealed class RateLimitScenarios(StrictSqliteHost host) : IClassFixture<StrictSqliteHost>
{
    [Fact]
    public async Task Given_a_flood_of_sign_in_attempts_from_one_address_Then_the_excess_is_refused_with_429()
    {
        using var client = host.CreateApiClient();
        await client.GetAsync("/api/v1/auth/session");
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            codes.Add((await client.PostAsync("/api/v1/auth/sign-in", new { email = "nobody@example.test", password = "whatever it is" })).StatusCode);
        }

        codes.Count(c => c == HttpStatusCode.TooManyRequests).ShouldBeGreaterThan(0);
        codes.TakeWhile(c => c != HttpStatusCode.TooManyRequests).ShouldAllBe(c => c == HttpStatusCode.Unauthorized);
        var last = await client.PostAsync("/api/v1/auth/sign-in", new { email = "nobody@example.test", password = "whatever it is" });
        (await last.ProblemCodeAsync()).ShouldBe("rate_limited");
    }
}

