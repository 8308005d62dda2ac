using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// A local stand-in for Twilio's Programmable Messaging API (Kestrel on 127.0.0.1 and a free port). It answers
/// <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c> the way Twilio documents: 401 (error 20003) for wrong
/// Basic credentials, 400 for a missing To/Body/sender (21604/21602/21603), otherwise the next programmed response
/// (<see cref="Enqueue"/>), or by default 201 with a realistic Message resource. Every request is recorded
/// (<see cref="Requests"/>: Authorization header, form fields, the answer given).
/// <para>Use it as a fixture (<c>IClassFixture&lt;FakeTwilioServer&gt;</c>) or start it from your own, and point the host
/// at it with <see cref="HostSettings"/> (the <c>Notifications:Sms:*</c> keys, Provider=Twilio):</para>
/// <code>
/// var twilio = new FakeTwilioServer();
/// await twilio.InitializeAsync();
/// var host = new TelemedHost(DatabaseProvider.Sqlite, twilio.HostSettings());
/// twilio.Enqueue(FakeTwilioResponse.TooManyRequests(retryAfterSeconds: 1), FakeTwilioResponse.ServiceUnavailable());
/// // ... act: the host sends an SMS ...
/// var requests = await twilio.WaitForRequestsAsync(3, TimeSpan.FromSeconds(10));
/// requests[^1].Form["Body"].ShouldContain("10:00");
/// </code>
/// </summary>
public sealed class FakeTwilioServer : IAsyncLifetime
{
    public const string DefaultAccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string DefaultAuthToken = "f00dfeedf00dfeedf00dfeedf00dfeed";
    public const string DefaultFrom = "+15557122661";

    private readonly ConcurrentQueue<FakeTwilioResponse> _responses = new();
    private readonly List<TwilioRequest> _requests = [];
    private WebApplication? _app;

    public string AccountSid { get; init; } = DefaultAccountSid;
    public string AuthToken { get; init; } = DefaultAuthToken;

    /// <summary>E.g. <c>http://127.0.0.1:41234</c>, the value for <c>Notifications:Sms:BaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<TwilioRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public async Task InitializeAsync()
    {
        (_app, BaseUrl) = await LoopbackServer.StartAsync(HandleAsync);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// Settings that make <see cref="TelemedHost"/> send SMS here: <c>Notifications:Sms:Provider=Twilio</c>, <c>AccountSid</c>,
    /// <c>AuthToken</c>, <c>From</c> (or <c>MessagingServiceSid</c>), <c>BaseUrl</c>, and a short <c>BaseDelayMilliseconds</c>.
    /// </summary>
    public Dictionary<string, string?> HostSettings(string? from = DefaultFrom, string? messagingServiceSid = null, int baseDelayMilliseconds = 20) => new()
    {
        ["Notifications:Sms:Provider"] = "Twilio",
        ["Notifications:Sms:AccountSid"] = AccountSid,
        ["Notifications:Sms:AuthToken"] = AuthToken,
        ["Notifications:Sms:From"] = from,
        ["Notifications:Sms:MessagingServiceSid"] = messagingServiceSid,
        ["Notifications:Sms:BaseUrl"] = BaseUrl,
        ["Notifications:Sms:BaseDelayMilliseconds"] = baseDelayMilliseconds.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Answer the next message requests with these, in order; after them, 201 again.</summary>
    public void Enqueue(params FakeTwilioResponse[] responses)
    {
        foreach (var response in responses)
        {
            _responses.Enqueue(response);
        }
    }

    /// <summary>Forget recorded requests and responses not yet given.</summary>
    public void Reset()
    {
        _responses.Clear();
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    /// <summary>The requests, once at least <paramref name="count"/> have arrived.</summary>
    public async Task<IReadOnlyList<TwilioRequest>> WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (Requests.Count < count)
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Expected {count} Twilio requests within {timeout}, got {Requests.Count}.");
            }

            await Task.Delay(25);
        }

        return Requests;
    }

    /// <summary>How long each request takes to be answered, as a real provider's round trip does (none by default).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The most requests that were being answered at the same moment since the start (or <see cref="Reset"/>).</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    private int _inFlight;
    private int _maxInFlight;

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max; max = Volatile.Read(ref _maxInFlight))
        {
        }

        try
        {
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency);
            }

            await AnswerAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var rawBody = await reader.ReadToEndAsync();
        var form = QueryHelpers.ParseQuery(rawBody).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var authorization = context.Request.Headers.Authorization.ToString();
        var messagesPath = $"/2010-04-01/Accounts/{AccountSid}/Messages.json";

        var (status, body, headers, messageSid) = Answer();
        lock (_requests)
        {
            _requests.Add(new TwilioRequest(context.Request.Method, context.Request.Path.Value ?? "", authorization.Length == 0 ? null : authorization,
                context.Request.ContentType, form, rawBody, receivedAt, status, messageSid));
        }

        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        if (body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(body);
        }

        (int, string?, IReadOnlyDictionary<string, string>, string?) Answer()
        {
            var none = new Dictionary<string, string>();
            if (!HttpMethods.IsPost(context.Request.Method) || !string.Equals(context.Request.Path.Value, messagesPath, StringComparison.Ordinal))
            {
                var accountInPath = context.Request.Path.StartsWithSegments($"/2010-04-01/Accounts/{AccountSid}", StringComparison.Ordinal);
                if (!accountInPath || !Authorized(authorization))
                {
                    return (401, FakeTwilioResponse.ErrorJson(20003, "Authenticate", 401), none, null);
                }

                return (404, FakeTwilioResponse.ErrorJson(20404, $"The requested resource {context.Request.Path} was not found", 404), none, null);
            }

            if (!Authorized(authorization))
            {
                return (401, FakeTwilioResponse.ErrorJson(20003, "Authenticate", 401), none, null);
            }

            if (_responses.TryDequeue(out var programmed) && !programmed.IsCreated)
            {
                return (programmed.StatusCode, programmed.Body, programmed.Headers, null);
            }

            if (!form.TryGetValue("To", out var to) || to.Length == 0)
            {
                return (400, FakeTwilioResponse.ErrorJson(21604, "A 'To' phone number is required.", 400), none, null);
            }

            if (!form.TryGetValue("Body", out var text) || text.Length == 0)
            {
                return (400, FakeTwilioResponse.ErrorJson(21602, "Message body is required.", 400), none, null);
            }

            form.TryGetValue("From", out var from);
            form.TryGetValue("MessagingServiceSid", out var service);
            if (string.IsNullOrEmpty(from) && string.IsNullOrEmpty(service))
            {
                return (400, FakeTwilioResponse.ErrorJson(21603, "The 'From' phone number is required.", 400), none, null);
            }

            var sid = "SM" + Guid.NewGuid().ToString("N");
            return (201, MessageJson(sid, to, from, service, text, programmed?.MessageStatus), none, sid);
        }
    }

    private bool Authorized(string authorization)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        return string.Equals(authorization, expected, StringComparison.Ordinal);
    }

    private string MessageJson(string sid, string to, string? from, string? service, string body, string? status)
    {
        var now = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        var uri = $"/2010-04-01/Accounts/{AccountSid}/Messages/{sid}";
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["account_sid"] = AccountSid,
            ["api_version"] = "2010-04-01",
            ["body"] = body,
            ["date_created"] = now,
            ["date_sent"] = null,
            ["date_updated"] = now,
            ["direction"] = "outbound-api",
            ["error_code"] = null,
            ["error_message"] = null,
            ["from"] = string.IsNullOrEmpty(from) ? null : from,
            ["messaging_service_sid"] = string.IsNullOrEmpty(service) ? null : service,
            ["num_media"] = "0",
            ["num_segments"] = "1",
            ["price"] = null,
            ["price_unit"] = "USD",
            ["sid"] = sid,
            ["status"] = status ?? (string.IsNullOrEmpty(service) ? "queued" : "accepted"),
            ["subresource_uris"] = new Dictionary<string, string> { ["media"] = uri + "/Media.json" },
            ["to"] = to,
            ["uri"] = uri + ".json",
        });
    }
}

/// <summary>A request the <see cref="FakeTwilioServer"/> received, and what it answered.</summary>
public sealed record TwilioRequest(string Method, string Path, string? Authorization, string? ContentType, IReadOnlyDictionary<string, string> Form,
    string RawBody, DateTimeOffset ReceivedAt, int ResponseStatus, string? MessageSid)
{
    /// <summary>The user and password of a Basic Authorization header (for Twilio: AccountSid and AuthToken).</summary>
    public (string User, string Password)? BasicCredentials
    {
        get
        {
            if (Authorization is null || !Authorization.StartsWith("Basic ", StringComparison.Ordinal))
            {
                return null;
            }

            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(Authorization["Basic ".Length..]));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
        }
    }
}

/// <summary>A programmed answer of the <see cref="FakeTwilioServer"/>, shaped like Twilio's documented ones.</summary>
public sealed class FakeTwilioResponse
{
    private FakeTwilioResponse(int statusCode, string? body, IReadOnlyDictionary<string, string>? headers = null, bool isCreated = false, string? messageStatus = null)
    {
        StatusCode = statusCode;
        Body = body;
        Headers = headers ?? new Dictionary<string, string>();
        IsCreated = isCreated;
        MessageStatus = messageStatus;
    }

    public int StatusCode { get; }
    public string? Body { get; }
    public IReadOnlyDictionary<string, string> Headers { get; }
    internal bool IsCreated { get; }
    internal string? MessageStatus { get; }

    /// <summary>201 with a Message resource built from the request (status <c>queued</c>, or <c>accepted</c> with a Messaging Service).</summary>
    public static FakeTwilioResponse Created(string? messageStatus = null) => new(201, null, isCreated: true, messageStatus: messageStatus);

    /// <summary>429 with Twilio's error 20429, and a Retry-After header (seconds) when given.</summary>
    public static FakeTwilioResponse TooManyRequests(int? retryAfterSeconds = null) => new(429, ErrorJson(20429, "Too Many Requests", 429),
        retryAfterSeconds is { } seconds ? new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) } : null);

    public static FakeTwilioResponse InternalServerError() => new(500, ErrorJson(20500, "An internal server error has occurred", 500));

    public static FakeTwilioResponse BadGateway() => new(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");

    public static FakeTwilioResponse ServiceUnavailable() => new(503, ErrorJson(20503, "Service unavailable", 503));

    public static FakeTwilioResponse GatewayTimeout() => new(504, "<html><body><h1>504 Gateway Time-out</h1></body></html>");

    /// <summary>400, error 21211, as Twilio answers an invalid To number.</summary>
    public static FakeTwilioResponse InvalidToNumber(string? to = null) =>
        Error(400, 21211, to is null ? "The 'To' number is not a valid phone number." : $"The 'To' number {to} is not a valid phone number.");

    /// <summary>400, error 21610, as Twilio answers a recipient who replied STOP.</summary>
    public static FakeTwilioResponse Unsubscribed() => Error(400, 21610, "Attempt to send to unsubscribed recipient");

    /// <summary>Any Twilio error document: <c>{"code":..,"message":..,"more_info":"https://www.twilio.com/docs/errors/CODE","status":..}</c>.</summary>
    public static FakeTwilioResponse Error(int httpStatus, int code, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new(httpStatus, ErrorJson(code, message, httpStatus), headers);

    /// <summary>Anything else, verbatim.</summary>
    public static FakeTwilioResponse Raw(int statusCode, string? body, IReadOnlyDictionary<string, string>? headers = null) => new(statusCode, body, headers);

    internal static string ErrorJson(int code, string message, int status) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["code"] = code,
        ["message"] = message,
        ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
        ["status"] = status,
    });
}
