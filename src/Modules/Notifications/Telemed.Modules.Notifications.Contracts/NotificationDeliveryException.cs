namespace Telemed.Modules.Notifications.Contracts;

/// <summary>
/// A message the configured provider did not accept. The message text names the channel, the provider and its
/// error code, never the recipient or the content, so it is safe to log.
/// </summary>
public sealed class NotificationDeliveryException : Exception
{
    public NotificationDeliveryException(NotificationChannel channel, string provider, bool isPermanent, string message,
        int? errorCode = null, int? statusCode = null, string? moreInfo = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Channel = channel;
        Provider = provider;
        IsPermanent = isPermanent;
        ErrorCode = errorCode;
        StatusCode = statusCode;
        MoreInfo = moreInfo;
    }

    public NotificationChannel Channel { get; }

    /// <summary><c>smtp</c> or <c>twilio</c>.</summary>
    public string Provider { get; }

    /// <summary>True when retrying the same message cannot help (a rejected address, bad credentials, ...).</summary>
    public bool IsPermanent { get; }

    /// <summary>The provider's error code: Twilio's error code (e.g. 21211), or the SMTP reply code (e.g. 550).</summary>
    public int? ErrorCode { get; }

    /// <summary>The HTTP status of the provider's last answer (Twilio), when there was one.</summary>
    public int? StatusCode { get; }

    /// <summary>The provider's documentation link for the error (Twilio's <c>more_info</c>).</summary>
    public string? MoreInfo { get; }
}
