using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.Delivery;

namespace Telemed.Modules.Notifications.Sms;

/// <summary>
/// Sends SMS through Twilio's Programmable Messaging REST API
/// (<c>POST {BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>, form-encoded, HTTP Basic AccountSid:AuthToken).
/// 429 (honouring Retry-After), 500, 502, 503, 504 and network errors are retried with exponential back-off and jitter;
/// other refusals are permanent. At most <see cref="SmsOptions.MaxConcurrentRequests"/> requests are in flight at once per host. Twilio's error <c>message</c> often quotes the phone number, so only its
/// <c>code</c>, HTTP status and <c>more_info</c> link reach logs and exceptions.
/// </summary>
internal sealed class TwilioSmsChannel(IHttpClientFactory httpClients, IOptions<SmsOptions> options, TimeProvider clock, ILogger<TwilioSmsChannel> logger) : ISmsChannel
{
    // A singleton: the limit holds for the whole host (SmsOptions.MaxConcurrentRequests).
    private readonly SemaphoreSlim _inFlight = new(Math.Clamp(options.Value.MaxConcurrentRequests, 1, 256));

    public const string HttpClientName = "Telemed.Notifications.Twilio";
    private const string Provider = "twilio";

    public async Task SendAsync(string to, string body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var endpoint = new Uri($"{settings.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid!)}/Messages.json");
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}"));
        var fields = new List<KeyValuePair<string, string>> { new("To", to) };
        if (!string.IsNullOrWhiteSpace(settings.From))
        {
            fields.Add(new("From", settings.From));
        }

        if (!string.IsNullOrWhiteSpace(settings.MessagingServiceSid))
        {
            fields.Add(new("MessagingServiceSid", settings.MessagingServiceSid));
        }

        fields.Add(new("Body", body));
        var client = httpClients.CreateClient(HttpClientName);

        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

            HttpResponseMessage? response = null;
            Exception? failure = null;
            // One of the host's request slots for this attempt (not for the back-off after it), outside the attempt's time-out.
            await _inFlight.WaitAsync(cancellationToken);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
                response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                failure = e;
            }
            finally
            {
                _inFlight.Release();
            }

            if (response is null)
            {
                var kind = failure is OperationCanceledException ? "time-out" : $"network error ({failure!.GetType().Name})";
                if (attempt >= settings.MaxAttempts)
                {
                    logger.LogError("SMS not delivered: attempt {Attempt} of {MaxAttempts} to Twilio failed with {Failure}, no attempts left", attempt, settings.MaxAttempts, kind);
                    throw new NotificationDeliveryException(NotificationChannel.Sms, Provider, isPermanent: false,
                        $"The SMS could not be delivered after {attempt} attempt(s); last failure: {kind}.",
                        innerException: failure is HttpRequestException ? failure : null);
                }

                await WaitAsync(attempt, settings, kind, statusCode: null, retryAfter: null, cancellationToken);
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    var (sid, state) = await ReadMessageAsync(response, cancellationToken);
                    logger.LogInformation("SMS accepted by Twilio as {MessageSid} with status {MessageStatus} on attempt {Attempt}", sid, state, attempt);
                    return;
                }

                var error = await ReadErrorAsync(response, cancellationToken);
                var transient = status is 429 or 500 or 502 or 503 or 504;
                if (!transient || attempt >= settings.MaxAttempts)
                {
                    logger.LogError("SMS not delivered: attempt {Attempt} of {MaxAttempts}: Twilio answered HTTP {StatusCode} with error {TwilioErrorCode} ({MoreInfo}), {Outcome}",
                        attempt, settings.MaxAttempts, status, error.Code, error.MoreInfo, transient ? "no attempts left" : "permanent");
                    var what = error.Code is { } code ? $"HTTP {status}, Twilio error {code}" : $"HTTP {status}";
                    var link = error.MoreInfo is { } more ? $" See {more}" : "";
                    throw new NotificationDeliveryException(NotificationChannel.Sms, Provider, isPermanent: !transient,
                        transient
                            ? $"The SMS could not be delivered after {attempt} attempt(s); Twilio answered {what}.{link}"
                            : $"Twilio refused the SMS ({what}).{link}",
                        errorCode: error.Code, statusCode: status, moreInfo: error.MoreInfo);
                }

                var retryAfter = status == 429 ? RetryAfter(response) : null;
                await WaitAsync(attempt, settings, $"HTTP {status}", status, retryAfter, cancellationToken);
            }
        }
    }

    private async Task WaitAsync(int attempt, SmsOptions settings, string failure, int? statusCode, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var max = TimeSpan.FromSeconds(settings.MaxDelaySeconds);
        var delay = retryAfter is { } asked
            ? (asked < max ? asked : max)
            : Backoff.After(attempt, TimeSpan.FromMilliseconds(settings.BaseDelayMilliseconds), max);
        logger.LogWarning("SMS: attempt {Attempt} of {MaxAttempts} to Twilio failed with {Failure} (HTTP status {StatusCode}); retrying in {DelayMilliseconds} ms",
            attempt, settings.MaxAttempts, failure, statusCode, (int)delay.TotalMilliseconds);
        await Task.Delay(delay, clock, cancellationToken);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static async Task<(string? Sid, string? Status)> ReadMessageAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return (Text(json.RootElement, "sid"), Text(json.RootElement, "status"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>Twilio's error document: <c>{"code":21211,"message":"...","more_info":"https://...","status":400}</c>.</summary>
    internal sealed record TwilioError(int? Code, string? MoreInfo);

    private static async Task<TwilioError> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new TwilioError(null, null);
            }

            int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null;
            return new TwilioError(code, Text(root, "more_info"));
        }
        catch (JsonException)
        {
            return new TwilioError(null, null);
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
