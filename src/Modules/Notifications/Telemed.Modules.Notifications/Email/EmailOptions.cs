using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;
using Telemed.Modules.Notifications.Delivery;
using Telemed.Modules.Notifications.Policy;

namespace Telemed.Modules.Notifications.Email;

public enum EmailProvider { Outbox, Smtp }

/// <summary>
/// Bound from <c>Notifications:Email</c> (e.g. <c>Notifications__Email__Provider=Smtp</c>). The default provider,
/// <c>Outbox</c>, keeps messages for the development outbox instead of sending them; outside
/// Development the host refuses to start with it unless <c>Notifications:AllowOutboxOutsideDevelopment</c> is set.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Notifications:Email";

    public EmailProvider Provider { get; set; } = EmailProvider.Outbox;

    public string? Host { get; set; }
    public int Port { get; set; } = 25;

    /// <summary>TLS required: implicit TLS when <see cref="Port"/> is 465, STARTTLS on any other port (587, 25).</summary>
    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender address, e.g. <c>no-reply@clinic.example</c>.</summary>
    public string? From { get; set; }

    /// <summary>The sender's display name, e.g. <c>Telemed clinic</c>.</summary>
    public string? FromName { get; set; }

    /// <summary>Attempts per message, the first one included; transient failures (4xx replies, network errors) are retried.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first back-off; it doubles with each further attempt (with jitter).</summary>
    public int BaseDelayMilliseconds { get; set; } = 500;

    /// <summary>Upper bound of one back-off.</summary>
    public int MaxDelaySeconds { get; set; } = 30;

    /// <summary>Time allowed for one attempt (connect, dialogue and transfer).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// SMTP connections this host holds at once (1–256); a message beyond them waits for one, and as many are kept open between
    /// messages. Relays limit connections per client (Postfix: 50 by default); at 50 ms per message, 32 connections carry about
    /// 600 e-mails/s.
    /// </summary>
    public int MaxConnections { get; set; } = 32;
}

/// <summary>
/// Checks the chosen provider's settings; outside Development also refuses the outbox unless
/// <c>Notifications:AllowOutboxOutsideDevelopment</c> is set (no host environment registered counts as outside Development).
/// </summary>
internal sealed class EmailOptionsValidator(IOptions<NotificationsOptions> notifications, IHostEnvironment? environment = null) : IValidateOptions<EmailOptions>
{
    private const string Prefix = EmailOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        if (options.Provider == EmailProvider.Outbox)
        {
            var isDevelopment = environment?.IsDevelopment() == true;
            return OutboxPolicy.OutboxMayStandInForChannel(isDevelopment, notifications.Value.AllowOutboxOutsideDevelopment)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(OutboxPolicy.RefusalFor(Prefix + "Provider", environment?.EnvironmentName ?? "unknown", "Notifications:Email:Provider=Smtp (with Notifications:Email:Host and Notifications:Email:From)"));
        }

        var failures = new List<string>();
        var when = $" when {Prefix}Provider is {options.Provider}.";
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add($"{Prefix}Host is required{when}");
        }

        if (string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add($"{Prefix}From (the sender address) is required{when}");
        }
        else if (!MailboxAddress.TryParse(options.From, out var sender) || string.IsNullOrEmpty(sender.Domain))
        {
            failures.Add($"{Prefix}From must be an e-mail address.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{Prefix}Port must be between 1 and 65535.");
        }

        if (string.IsNullOrEmpty(options.UserName) != string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"{Prefix}UserName and {Prefix}Password go together: set both or neither.");
        }

        if (options.MaxConnections is < 1 or > 256)
        {
            failures.Add($"{Prefix}MaxConnections must be between 1 and 256.");
        }

        RetrySettings.Check(failures, options.MaxAttempts, options.BaseDelayMilliseconds, options.MaxDelaySeconds, options.TimeoutSeconds, Prefix);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
