using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>An HTTP client that behaves like the web app: cookies, and the XSRF token echoed on writes.</summary>
public sealed partial class ApiClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly CookieContainer _cookies = new();
    private readonly TelemedHost _host;

    public ApiClient(Uri baseAddress, TelemedHost host)
    {
        _host = host;
        Http = new HttpClient(new XsrfHandler(_cookies, baseAddress) { InnerHandler = new HttpClientHandler { CookieContainer = _cookies, UseCookies = true } })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public HttpClient Http { get; }

    /// <summary>The session cookies as a Cookie header, for clients other than this one (the SignalR JavaScript client).</summary>
    public string CookieHeader => _cookies.GetCookieHeader(Http.BaseAddress!);

    public TelemedHost Host => _host;

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => Http.PostAsJsonAsync(path, body ?? new { }, Json);

    public Task<HttpResponseMessage> PutAsync(string path, object body) => Http.PutAsJsonAsync(path, body, Json);

    /// <summary>POSTs <paramref name="body"/> as JSON with an <c>Idempotency-Key</c> header (none when <paramref name="key"/> is null).</summary>
    public Task<HttpResponseMessage> PostWithKeyAsync(string path, object body, string? key) => SendWithKeyAsync(path, JsonContent.Create(body, options: Json), key);

    /// <summary>POSTs <paramref name="content"/> (JSON, a multipart form) with an <c>Idempotency-Key</c> header (none when <paramref name="key"/> is null).</summary>
    public async Task<HttpResponseMessage> SendWithKeyAsync(string path, HttpContent content, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>
    /// POSTs <paramref name="body"/> as JSON carrying every one of <paramref name="keys"/> as an <c>Idempotency-Key</c> (HttpClient
    /// writes them as one line, "k1, k2", as a proxy folding two header lines does).
    /// </summary>
    public async Task<HttpResponseMessage> PostWithKeysAsync(string path, object body, params string[] keys)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("Idempotency-Key", keys);
        return await Http.SendAsync(request);
    }

    public async Task<T> GetJsonAsync<T>(string path)
    {
        var response = await Http.GetAsync(path);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>A TOTP code this account has not used yet on this host's database (the server refuses a step's code the second time).</summary>
    public Task<string> NextCodeAsync(string authenticatorKey) => Totp.NextCodeAsync(_host.ConnectionString, authenticatorKey);

    /// <summary>Signs in like the web app does, answering the MFA step with a fresh TOTP code when the account has a key (checked against the real clock).</summary>
    public async Task SignInAsync(string email, string password, string? authenticatorKey = null)
    {
        await Http.GetAsync("/api/v1/auth/session");
        var response = await PostAsync("/api/v1/auth/sign-in", new { email, password });
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var status = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("status").GetString();
        if (status == "mfaRequired")
        {
            var mfa = await PostAsync("/api/v1/auth/sign-in/mfa", new { code = await NextCodeAsync(authenticatorKey!) });
            await mfa.ShouldHaveStatusAsync(HttpStatusCode.OK);
        }
        else
        {
            status.ShouldBe("signedIn");
        }
    }

    public Task SignInAsAdminAsync() => SignInAsync("admin@demo.telemed.dev", Demo.Password, Demo.KeyFor("admin@demo.telemed.dev"));

    /// <summary>
    /// Reads the development outbox as an admin and returns the newest link to <paramref name="path"/> sent to <paramref name="to"/>,
    /// waiting up to 10 s for it: the e-mail is sent by its own handler, which may finish after the in-app notification a test
    /// waited for (RefillScenarios failed on that once in a few runs).
    /// </summary>
    public static async Task<string> LatestLinkAsync(TelemedHost host, string to, string path)
    {
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        List<string> links = [];
        for (var attempt = 0; attempt < 100 && links.Count == 0; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(100);
            }

            var page = await admin.GetJsonAsync<JsonElement>("/api/v1/admin/outbox?channel=email&pageSize=100");
            // The newest e-mail to that address that carries such a link (a later notice to the same address does not hide it).
            links = [.. page.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("to").GetString() == to)
                .Select(m => LinkPattern().Match(m.GetProperty("body").GetString()!)).Where(m => m.Success && m.Value.Contains(path, StringComparison.OrdinalIgnoreCase))
                .Select(m => m.Value)];
        }

        links.ShouldNotBeEmpty($"no e-mail to that address carries a link to {path}");
        return links[0];
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();

    public void Dispose() => Http.Dispose();

    private sealed class XsrfHandler(CookieContainer cookies, Uri baseAddress) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Get && cookies.GetCookies(baseAddress)["XSRF-TOKEN"] is { } token)
            {
                request.Headers.Remove("X-XSRF-TOKEN");
                request.Headers.Add("X-XSRF-TOKEN", token.Value);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

public static class Demo
{
    public const string Password = "Telemed-demo-2026";

    public static string KeyFor(string email) => Telemed.Host.Demo.DemoClinicSeeder.AuthenticatorKeyFor(email);
}

public static class ResponseAssertions
{
    public static async Task ShouldHaveStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new ShouldAssertException($"Expected {(int)expected} {expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} but got {(int)response.StatusCode}: {body}");
        }
    }

    public static async Task<string?> ProblemCodeAsync(this HttpResponseMessage response)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
