using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.Delivery;

namespace Telemed.Modules.Notifications.Email;

/// <summary>
/// Sends e-mail through an SMTP relay with MailKit, on at most <see cref="EmailOptions.MaxConnections"/> connections at once. Connections are kept and reused (<see cref="SmtpConnections"/>: as many
/// idle, each for at most <see cref="SmtpConnections.IdleLimit"/>; a client serves one message at a time, as it is not thread-safe): a new
/// connection per message costs the TCP handshake, the greeting, EHLO and QUIT for every message, and relays limit how
/// many connections a client opens. A kept connection the relay closed meanwhile is replaced by a fresh one at once, not
/// counted as a failed attempt. Transient failures (4xx replies, network errors, time-outs) are retried with exponential back-off;
/// permanent 5xx rejections and refused credentials are not. Logs carry the attempt, the SMTP reply code and the Message-ID,
/// never the recipient, subject or body (SMTP error texts often echo the address, so they are not logged or wrapped either).
/// </summary>
internal sealed class SmtpEmailChannel(IOptions<EmailOptions> options, SmtpConnections connections, TimeProvider clock, ILogger<SmtpEmailChannel> logger)
    : IEmailChannel
{
    private const string Provider = "smtp";

    public async Task SendAsync(EmailMessage email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!MailboxAddress.TryParse(email.To, out var recipient) || string.IsNullOrEmpty(recipient.Domain))
        {
            throw new NotificationDeliveryException(NotificationChannel.Email, Provider, isPermanent: true, "The recipient is not a valid e-mail address.");
        }

        var from = new MailboxAddress(settings.FromName, settings.From!);
        var messageId = $"{Guid.NewGuid():N}@{from.Domain}";
        for (var attempt = 1; ; attempt++)
        {
            Failure failure;
            try
            {
                using var message = SmtpMessage.Compose(from, recipient, email, messageId);
                // One of the host's connection slots for this attempt (not for the back-off after it); waiting for it is not
                // part of the attempt's time-out.
                using var slot = await connections.EnterAsync(cancellationToken);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
                await DeliverAsync(settings, message, timeout.Token);
                logger.LogInformation("E-mail {MessageId} accepted by the SMTP server on attempt {Attempt}", $"<{messageId}>", attempt);
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
                    $"<{messageId}>", attempt, settings.MaxAttempts, failure.Kind, failure.StatusCode, failure.Transient ? "no attempts left" : "permanent");
                throw new NotificationDeliveryException(NotificationChannel.Email, Provider, isPermanent: !failure.Transient,
                    failure.Transient
                        ? $"The e-mail could not be delivered after {attempt} attempt(s); last failure: {failure.Kind}{Code(failure.StatusCode)}."
                        : $"The SMTP server rejected the e-mail permanently{Code(failure.StatusCode)}.",
                    errorCode: failure.StatusCode, innerException: failure.SafeInner);
            }

            var delay = Backoff.After(attempt, TimeSpan.FromMilliseconds(settings.BaseDelayMilliseconds), TimeSpan.FromSeconds(settings.MaxDelaySeconds));
            logger.LogWarning("E-mail {MessageId}: attempt {Attempt} of {MaxAttempts} failed with {Failure} (SMTP status {SmtpStatus}); retrying in {DelayMilliseconds} ms",
                $"<{messageId}>", attempt, settings.MaxAttempts, failure.Kind, failure.StatusCode, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, clock, cancellationToken);
        }
    }

    private async Task DeliverAsync(EmailOptions settings, MimeMessage message, CancellationToken ct)
    {
        if (connections.TakeIdle() is { } kept)
        {
            try
            {
                await kept.SendAsync(message, ct);
                connections.GiveBack(kept);
                return;
            }
            catch (Exception e) when (ClosedWhileIdle(e) && !ct.IsCancellationRequested)
            {
                // The relay dropped the kept connection before taking the message: send it on a fresh one.
                kept.Dispose();
            }
            catch
            {
                kept.Dispose();
                throw;
            }
        }

        var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, Security(settings), ct);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
            }

            await client.SendAsync(message, ct);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        connections.GiveBack(client);
    }

    /// <summary>A kept connection that the relay closed (idle time-out, restart) fails on its first command this way.</summary>
    private static bool ClosedWhileIdle(Exception e) =>
        e is ServiceNotConnectedException or IOException or SocketException or SmtpProtocolException
        || e is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    /// <summary>
    /// <c>EnableSsl</c> means TLS required: implicit TLS on port 465, STARTTLS elsewhere. Without it the dialogue stays
    /// plain (as before: no opportunistic STARTTLS that a relay without a valid certificate would fail).
    /// </summary>
    internal static SecureSocketOptions Security(EmailOptions settings) => !settings.EnableSsl
        ? SecureSocketOptions.None
        : settings.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;

    private static string Code(int? statusCode) => statusCode is { } code ? $" (SMTP reply code {code})" : "";

    /// <summary>What went wrong, without the server's reply text (it may echo the recipient).</summary>
    private sealed record Failure(bool Transient, string Kind, int? StatusCode, Exception? SafeInner);

    /// <summary>4xx replies are transient (try again later), 5xx permanent (RFC 5321 4.2.1).</summary>
    internal static bool IsTransient(int replyCode) => replyCode is >= 400 and < 500;

    private static Failure? Classify(Exception e) => e switch
    {
        SmtpCommandException command =>
            new Failure(IsTransient((int)command.StatusCode), $"SMTP reply {command.StatusCode}", (int)command.StatusCode, null),
        AuthenticationException => new Failure(false, "SMTP authentication refused", null, null),
        SslHandshakeException => new Failure(false, "TLS handshake failed", null, null),
        SmtpProtocolException => new Failure(true, "SMTP protocol error", null, null),
        ServiceNotConnectedException or IOException or SocketException or TimeoutException => new Failure(true, $"network error ({e.GetType().Name})", null, Network(e)),
        OperationCanceledException => new Failure(true, "time-out", null, null),
        _ => null,
    };

    /// <summary>The network exception itself, safe to wrap: socket and I/O messages name the server, not the recipient.</summary>
    private static Exception? Network(Exception e) => e is IOException or SocketException or TimeoutException ? e : null;
}
