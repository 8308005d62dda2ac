using System.Security.Cryptography;
using System.Text;

namespace Telemed.BuildingBlocks.Events;

/// <summary>
/// What a delivery's outcome does to the outbox, the same whichever way the message travelled: a message whose handlers
/// all failed is tried again as it is; when some failed and others succeeded, each failing handler gets a retry row of
/// its own (<c>EventType#Handler</c>, same payload, same creation time, same attempt count), so a retry never repeats a
/// handler that succeeded. Pure: no I/O.
/// </summary>
public static class OutboxRetries
{
    /// <summary>
    /// Attempts after which a message is no longer picked (it stays visible to <see cref="OutboxFailures"/>). With
    /// <see cref="Backoff"/> between them, the last comes about two hours after the first.
    /// </summary>
    public const int MaxAttempts = 15;

    /// <summary>The wait after the first failed attempt; it doubles with each further one, up to <see cref="LongestWait"/>.</summary>
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts: 30 minutes.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a message waits after its <paramref name="attempts"/>-th failed attempt: 1 s, 2 s, 4 s … doubling, at most 30
    /// minutes; 14 waits add up to about 2 h 4 min. Retried at once (as before), ten attempts were used up within about five
    /// seconds, so a gateway, SMTP or database outage of a few seconds lost the capture, the e-mail or the profile for good.
    /// </summary>
    public static TimeSpan Backoff(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var wait = FirstWait * Math.Pow(2, doublings);
        return wait < LongestWait ? wait : LongestWait;
    }

    private const char HandlerSeparator = '#';
    private const int EventTypeMaxLength = 256;

    /// <summary>
    /// In-process delivery: counts the attempt on <paramref name="message"/>, marks it processed unless nothing succeeded,
    /// and returns the retry rows to add (none unless some handlers failed and others succeeded).
    /// </summary>
    /// <returns>The retry rows to add to the same module's outbox.</returns>
    public static IReadOnlyList<OutboxMessage> AfterInProcessDelivery(OutboxMessage message, DeliveryResult result, DateTime now)
    {
        message.Attempts++;
        if (result.Status == DeliveryStatus.Failed)
        {
            message.LastError = result.Error?.GetType().Name;
            message.NextAttemptAt = now + Backoff(message.Attempts);
            return [];
        }

        message.ProcessedAt = now;
        message.LastError = null;
        message.NextAttemptAt = null;
        return result.Status == DeliveryStatus.PartlyFailed ? RetryRows(result.FailedHandlers, message.Payload, message.CreatedAt, message.Attempts, now) : [];
    }

    /// <summary>
    /// Delivery of a message that came through the broker: its row was marked processed when the broker confirmed it,
    /// so whatever must be tried again becomes a new row. All failed: one row like the original (same event type, so
    /// every handler it was meant for runs again); some failed: one row per failing handler; otherwise none.
    /// </summary>
    /// <param name="payload">The payload as stored (still encrypted).</param>
    /// <param name="createdAt">The original row's creation time (UTC), kept so retries keep their place in the order.</param>
    /// <param name="attempts">The original row's attempts, this one included.</param>
    /// <param name="now">The delivery's time (UTC): the retry rows are due <see cref="Backoff"/> after it.</param>
    public static IReadOnlyList<OutboxMessage> AfterBrokeredDelivery(DeliveryResult result, string payload, DateTime createdAt, int attempts, DateTime now) =>
        result.Status switch
        {
            DeliveryStatus.Failed =>
            [
                new OutboxMessage
                {
                    Id = Guid.NewGuid(), EventType = result.StoredEventType, Payload = payload, CreatedAt = createdAt, Attempts = attempts,
                    LastError = result.Error?.GetType().Name, NextAttemptAt = now + Backoff(attempts),
                },
            ],
            DeliveryStatus.PartlyFailed => RetryRows(result.FailedHandlers, payload, createdAt, attempts, now),
            _ => [],
        };

    private static List<OutboxMessage> RetryRows(IEnumerable<FailedHandler> failed, string payload, DateTime createdAt, int attempts, DateTime now) =>
        failed.Select(f => new OutboxMessage
        {
            Id = Guid.NewGuid(), EventType = f.RetryEventType, Payload = payload, CreatedAt = createdAt, Attempts = attempts, LastError = f.Error.GetType().Name,
            NextAttemptAt = now + Backoff(attempts),
        }).ToList();

    /// <summary>A retry row names its one handler after the event type: <c>Event.Type.Name#Handler.Key</c>.</summary>
    public static (string EventType, string? Handler) Target(string stored) =>
        stored.IndexOf(HandlerSeparator) is var at and >= 0 ? (stored[..at], stored[(at + 1)..]) : (stored, null);

    /// <summary>The event type a retry row for <paramref name="handler"/> is stored under.</summary>
    public static string RetryEventType(string eventType, Type handler) => $"{eventType}{HandlerSeparator}{HandlerKey(eventType, handler)}";

    /// <summary>The handler's full name, or a hash of it where the pair would not fit the column (256).</summary>
    public static string HandlerKey(string eventType, Type handler)
    {
        var name = handler.FullName!;
        return eventType.Length + 1 + name.Length <= EventTypeMaxLength
            ? name
            : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32];
    }
}
