using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Notifications.Delivery;
using Telemed.Modules.Notifications.Policy;

namespace Telemed.Modules.Notifications.Sms;

public enum SmsProvider { Outbox, Twilio }

/// <summary>
/// Bound from <c>Notifications:Sms</c> (e.g. <c>Notifications__Sms__Provider=Twilio</c>). The default provider,
/// <c>Outbox</c>, keeps messages for the development outbox instead of sending them; outside
/// Development the host refuses to start with it unless <c>Notifications:AllowOutboxOutsideDevelopment</c> is set.
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

    /// <summary>
    /// Requests to Twilio this host has in flight at once (1–256); a message beyond them waits. Twilio answers 429 above an
    /// account's concurrency limit (retried, but each costs a round trip); at 100 ms per request, 32 carry about 320 SMS/s.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 32;
}

/// <summary>
/// Checks the chosen provider's settings; outside Development also refuses the outbox unless
/// <c>Notifications:AllowOutboxOutsideDevelopment</c> is set (no host environment registered counts as outside Development).
/// </summary>
internal sealed class SmsOptionsValidator(IOptions<NotificationsOptions> notifications, IHostEnvironment? environment = null) : IValidateOptions<SmsOptions>
{
    private const string Prefix = SmsOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, SmsOptions options)
    {
        if (options.Provider == SmsProvider.Outbox)
        {
            var isDevelopment = environment?.IsDevelopment() == true;
            return OutboxPolicy.OutboxMayStandInForChannel(isDevelopment, notifications.Value.AllowOutboxOutsideDevelopment)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(OutboxPolicy.RefusalFor(Prefix + "Provider", environment?.EnvironmentName ?? "unknown", "Notifications:Sms:Provider=Twilio (with Notifications:Sms:AccountSid, Notifications:Sms:AuthToken and Notifications:Sms:From)"));
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

        // The host's outbound rule (docs/security.md, "Addresses the host calls"): the operator's own setting may name this
        // machine (a local relay or fake), but never a link-local or metadata address nor carry credentials.
        if (OutboundUrlRule.Problem(options.BaseUrl, allowLoopback: true) is { } problem)
        {
            failures.Add($"{Prefix}BaseUrl must be an absolute https address (http only to this machine) without credentials: it {problem}.");
        }

        if (options.MaxConcurrentRequests is < 1 or > 256)
        {
            failures.Add($"{Prefix}MaxConcurrentRequests must be between 1 and 256.");
        }

        RetrySettings.Check(failures, options.MaxAttempts, options.BaseDelayMilliseconds, options.MaxDelaySeconds, options.TimeoutSeconds, Prefix);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
