using System.Net.Mail;
using Microsoft.Extensions.Options;
using Telemed.Modules.Notifications.Delivery;

namespace Telemed.Modules.Notifications.Email;

public enum EmailProvider { Outbox, Smtp }

/// <summary>
/// Bound from <c>Notifications:Email</c> (e.g. <c>Notifications__Email__Provider=Smtp</c>). The default provider,
/// <c>Outbox</c>, stores messages for the admins' development outbox instead of sending them.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Notifications:Email";

    public EmailProvider Provider { get; set; } = EmailProvider.Outbox;

    public string? Host { get; set; }
    public int Port { get; set; } = 25;

    /// <summary>STARTTLS on the connection (System.Net.Mail has no implicit TLS: use port 587 or 25, not 465).</summary>
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
}

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    private const string Prefix = EmailOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        if (options.Provider == EmailProvider.Outbox)
        {
            return ValidateOptionsResult.Success;
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
        else if (!MailAddress.TryCreate(options.From, out _))
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

        RetrySettings.Check(failures, options.MaxAttempts, options.BaseDelayMilliseconds, options.MaxDelaySeconds, options.TimeoutSeconds, Prefix);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
