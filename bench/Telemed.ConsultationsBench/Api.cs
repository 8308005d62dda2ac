using Telemed.IntegrationTests.Infrastructure;
using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Telemed.ConsultationsBench;

/// <summary>A demo account as GET /api/v1/auth/session lists them in Development.</summary>
internal sealed record DemoAccount(string Role, string Email, string Password, string? AuthenticatorKey);

/// <summary>A signed-in user: a bearer-token client (no cookies, no antiforgery), as an integration or the load driver would use.</summary>
internal sealed class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Api(HttpClient http, string token, DemoAccount account)
    {
        Http = http;
        Token = token;
        Account = account;
    }

    public HttpClient Http { get; }
    public string Token { get; }
    public DemoAccount Account { get; }

    public static HttpClient NewClient(string baseUrl) => new(new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>The demo accounts the host seeded (Development only).</summary>
    public static async Task<IReadOnlyList<DemoAccount>> DemoAccountsAsync(string baseUrl)
    {
        using var http = NewClient(baseUrl);
        var session = await http.GetFromJsonAsync<JsonElement>("/api/v1/auth/session", Json);
        foreach (var property in session.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() > 0 && property.Value[0].TryGetProperty("email", out _))
            {
                return property.Value.Deserialize<List<DemoAccount>>(Json)!;
            }
        }

        throw new InvalidOperationException("The host lists no demo accounts: start it with --environment Development and DemoClinic:Seed=true.");
    }

    public static async Task<Api> SignInAsync(string baseUrl, DemoAccount account)
    {
        var http = NewClient(baseUrl);
        // Each time step's code is accepted once per account: take one this run has not used yet.
        var code = account.AuthenticatorKey is { Length: > 0 } key ? await Totp.NextCodeAsync(baseUrl, key) : null;
        var response = await http.PostAsJsonAsync("/api/v1/auth/tokens", new { email = account.Email, password = account.Password, mfaCode = code }, Json);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Token request for {account.Email} failed: {(int)response.StatusCode} {body}");
        }

        var token = JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Api(http, token, account);
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        var response = await Http.GetAsync(path);
        return await ReadAsync(response, "GET " + path);
    }

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        var response = await Http.SendAsync(request);
        return await ReadAsync(response, $"{method} {path}");
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
