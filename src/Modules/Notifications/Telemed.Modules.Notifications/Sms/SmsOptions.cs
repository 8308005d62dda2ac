using Microsoft.Extensions.Options;
using Telemed.Modules.Notifications.Delivery;

namespace Telemed.Modules.Notifications.Sms;

public enum SmsProvider { Outbox, Twilio }

/// <summary>
/// Bound from <c>Notifications:Sms</c> (e.g. <c>Notifications__Sms__Provider=Twilio</c>). The default provider,
/// <c>Outbox</c>, stores messages for the admins' development outbox instead of sending them.
/// </summary>
public sealed class SmsOptions
{
    public const string Section = "Notifications:Sms";

    public SmsProvider Provider { get; set; } = SmsProvider.Outbox;

    /// <summary>Twilio account SID (<c>AC...</c>); with <see cref="AuthToken"/> the HTTP Basic credentials.</summary>
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }

    /// <summary>The sending number (E.164, e.g. <c>+15557122661</c>); or give <see cref="MessagingServiceSid"/>.</summary>
    public string? From { get; set; }

    /// <summary>A Twilio Messaging Service (<c>MG...</c>) that picks the sender.</summary>
    public string? MessagingServiceSid { get; set; }

    public string BaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>Attempts per message, the first one included; 429, 500, 502, 503, 504 and network errors are retried.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first back-off; it doubles with each further attempt (with jitter).</summary>
    public int BaseDelayMilliseconds { get; set; } = 500;

    /// <summary>Upper bound of one back-off, and of a 429 answer's Retry-After.</summary>
    public int MaxDelaySeconds { get; set; } = 30;

    /// <summary>Time allowed for one HTTP request.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

internal sealed class SmsOptionsValidator : IValidateOptions<SmsOptions>
{
    private const string Prefix = SmsOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, SmsOptions options)
    {
        if (options.Provider == SmsProvider.Outbox)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        var when = $" when {Prefix}Provider is {options.Provider}.";
        if (string.IsNullOrWhiteSpace(options.AccountSid))
        {
            failures.Add($"{Prefix}AccountSid is required{when}");
        }

        if (string.IsNullOrWhiteSpace(options.AuthToken))
        {
            failures.Add($"{Prefix}AuthToken is required{when}");
        }

        if (string.IsNullOrWhiteSpace(options.From) && string.IsNullOrWhiteSpace(options.MessagingServiceSid))
        {
            failures.Add($"{Prefix}From or {Prefix}MessagingServiceSid is required{when}");
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Prefix}BaseUrl must be an absolute http(s) address.");
        }

        RetrySettings.Check(failures, options.MaxAttempts, options.BaseDelayMilliseconds, options.MaxDelaySeconds, options.TimeoutSeconds, Prefix);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
