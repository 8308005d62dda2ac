using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.CrashBench;

/// <summary>A demo account and its bearer token (what an integration uses: no cookies, no antiforgery).</summary>
internal sealed class Account(string email, bool staff)
{
    public const string DemoPassword = "Telemed-demo-2026";

    public string Email { get; } = email;
    public bool Staff { get; } = staff;
    public string? Token { get; private set; }

    /// <summary>Signs in (staff with a TOTP code derived from the demo key, patients with the password alone) and keeps the token.</summary>
    public async Task SignInAsync(string baseUrl)
    {
        using var http = Api.NewClient(baseUrl);
        var code = Staff ? await Totp.NextCodeAsync(baseUrl, DemoKeyFor(Email)) : null;
        using var response = await http.PostAsJsonAsync("/api/v1/auth/tokens", new { email = Email, password = DemoPassword, mfaCode = code }, Api.Json);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Token request for {Email} failed: {(int)response.StatusCode} {body}");
        }

        Token = JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString();
    }

    /// <summary>Same derivation as <c>Telemed.Host.Demo.DemoClinicSeeder.AuthenticatorKeyFor</c> (base32 of SHA-1 of "telemed-demo:" + e-mail).</summary>
    private static string DemoKeyFor(string email)
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

/// <summary>HTTP helpers: one client per simulated user, fresh after every restart (pooled connections to a killed host are dead).</summary>
internal static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HttpClient NewClient(string baseUrl, string? token = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>Sends and reads the whole answer; throws with the status and body unless it is a success.</summary>
    public static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; false after <paramref name="timeout"/> or when <paramref name="alive"/> says the process died.</summary>
    public static async Task<bool> WaitReadyAsync(string baseUrl, TimeSpan timeout, Func<bool> alive)
    {
        using var http = NewClient(baseUrl);
        http.Timeout = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!alive())
            {
                return false;
            }

            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        return false;
    }
}
