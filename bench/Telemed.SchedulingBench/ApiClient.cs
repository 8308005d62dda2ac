using Telemed.IntegrationTests.Infrastructure;
using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Telemed.SchedulingBench;

/// <summary>An API client with a bearer token (what an integration would use: no cookies, no antiforgery).</summary>
internal sealed class ApiClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ApiClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static async Task<ApiClient> SignInAsync(string baseUrl, string email, string password)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
            UseCookies = false,
        })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };

        // The staff account needs a TOTP code not used before (the server refuses replays); the demo seeder derives every key from the e-mail.
        var response = await http.PostAsJsonAsync("/api/v1/auth/tokens", new { email, password, mfaCode = await Totp.NextCodeAsync(baseUrl, DemoKeyFor(email)) }, Json);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Token request failed: {(int)response.StatusCode} {body}");
        }

        var token = JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiClient(http);
    }

    /// <summary>Same derivation as <c>Telemed.Host.Demo.DemoClinicSeeder.AuthenticatorKeyFor</c> (base32 of SHA-1 of "telemed-demo:" + e-mail).</summary>
    public static string DemoKeyFor(string email)
    {
        var bytes = SHA1.HashData(Encoding.UTF8.GetBytes("telemed-demo:" + email));
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new StringBuilder();
        for (var bitIndex = 0; bitIndex < bytes.Length * 8; bitIndex += 5)
        {
            var value = 0;
            for (var b = 0; b < 5; b++)
            {
                var bit = bitIndex + b;
                value = (value << 1) | (bit < bytes.Length * 8 ? (bytes[bit / 8] >> (7 - (bit % 8))) & 1 : 0);
            }

            output.Append(alphabet[value]);
        }

        return output.ToString();
    }
}
