using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.Delivery;

namespace Telemed.Modules.Notifications.Email;

/// <summary>
/// Sends e-mail through an SMTP relay with <see cref="SmtpClient"/> (a new client per attempt: it is not thread-safe).
/// Transient failures (4xx replies, network errors, time-outs) are retried with exponential back-off; permanent
/// 5xx rejections are not. Logs carry the attempt, the SMTP reply code and the Message-ID, never the recipient,
/// subject or body (SMTP error texts often echo the address, so they are not logged or wrapped either).
/// </summary>
internal sealed class SmtpEmailChannel(IOptions<EmailOptions> options, TimeProvider clock, ILogger<SmtpEmailChannel> logger) : IEmailChannel
{
    private const string Provider = "smtp";

    public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken) =>
        SendAsync(to, subject, body, [], cancellationToken);

    public async Task SendAsync(string to, string subject, string body, IReadOnlyList<EmailAttachment> attachments, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!MailAddress.TryCreate(to, out var recipient))
        {
            throw new NotificationDeliveryException(NotificationChannel.Email, Provider, isPermanent: true, "The recipient is not a valid e-mail address.");
        }

        var from = new MailAddress(settings.From!, settings.FromName, Encoding.UTF8);
        var messageId = $"<{Guid.NewGuid():N}@{from.Host}>";
        for (var attempt = 1; ; attempt++)
        {
            Failure failure;
            try
            {
                using var message = Compose(from, recipient, subject, body, messageId, attachments);
                using var client = CreateClient(settings);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
                await client.SendMailAsync(message, timeout.Token);
                logger.LogInformation("E-mail {MessageId} accepted by the SMTP server on attempt {Attempt}", messageId, attempt);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (Classify(e) is { } classified)
            {
                failure = classified;
            }

            if (!failure.Transient || attempt >= settings.MaxAttempts)
            {
                logger.LogError("E-mail {MessageId} not delivered: attempt {Attempt} of {MaxAttempts} failed with {Failure} (SMTP status {SmtpStatus}), {Outcome}",
                    messageId, attempt, settings.MaxAttempts, failure.Kind, failure.StatusCode, failure.Transient ? "no attempts left" : "permanent");
                throw new NotificationDeliveryException(NotificationChannel.Email, Provider, isPermanent: !failure.Transient,
                    failure.Transient
                        ? $"The e-mail could not be delivered after {attempt} attempt(s); last failure: {failure.Kind}{Code(failure.StatusCode)}."
                        : $"The SMTP server rejected the e-mail permanently{Code(failure.StatusCode)}.",
                    errorCode: failure.StatusCode, innerException: failure.SafeInner);
            }

            var delay = Backoff.After(attempt, TimeSpan.FromMilliseconds(settings.BaseDelayMilliseconds), TimeSpan.FromSeconds(settings.MaxDelaySeconds));
            logger.LogWarning("E-mail {MessageId}: attempt {Attempt} of {MaxAttempts} failed with {Failure} (SMTP status {SmtpStatus}); retrying in {DelayMilliseconds} ms",
                messageId, attempt, settings.MaxAttempts, failure.Kind, failure.StatusCode, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, clock, cancellationToken);
        }
    }

    private static string Code(int? statusCode) => statusCode is { } code ? $" (SMTP reply code {code})" : "";

    private static MailMessage Compose(MailAddress from, MailAddress to, string subject, string body, string messageId, IReadOnlyList<EmailAttachment> attachments)
    {
        var message = new MailMessage
        {
            From = from,
            Subject = subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = body,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.Base64,
            IsBodyHtml = false,
        };
        message.To.Add(to);
        message.Headers.Add("Message-ID", messageId);
        foreach (var file in attachments)
        {
            message.Attachments.Add(new Attachment(new MemoryStream(file.Content), file.FileName, file.ContentType));
        }

        return message;
    }

    private static SmtpClient CreateClient(EmailOptions settings)
    {
        var client = new SmtpClient(settings.Host!, settings.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = settings.EnableSsl,
            UseDefaultCredentials = false,
            Timeout = settings.TimeoutSeconds * 1000,
        };
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        return client;
    }

    /// <summary>What went wrong, without the server's reply text (it may echo the recipient).</summary>
    private sealed record Failure(bool Transient, string Kind, int? StatusCode, Exception? SafeInner);

    internal static bool IsTransient(SmtpStatusCode status) => (int)status is >= 400 and < 500;

    private static Failure? Classify(Exception e) => e switch
    {
        SmtpException smtp when (int)smtp.StatusCode > 0 =>
            new Failure(IsTransient(smtp.StatusCode), $"SMTP reply {smtp.StatusCode}", (int)smtp.StatusCode, null),
        SmtpException smtp when Network(smtp) is { } network =>
            new Failure(true, $"network error ({network.GetType().Name})", null, network),
        SmtpException smtp =>
            new Failure(false, $"SMTP failure ({smtp.InnerException?.GetType().Name ?? smtp.StatusCode.ToString()})", null, null),
        IOException or SocketException or TimeoutException => new Failure(true, $"network error ({e.GetType().Name})", null, e),
        OperationCanceledException => new Failure(true, "time-out", null, null),
        _ => null,
    };

    private static Exception? Network(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is IOException or SocketException or TimeoutException)
            {
                return inner;
            }
        }

        return null;
    }
}
