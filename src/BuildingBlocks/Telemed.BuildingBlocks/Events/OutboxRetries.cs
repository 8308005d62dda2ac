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
    /// <summary>Attempts after which a message is no longer picked (it stays visible to <see cref="OutboxFailures"/>).</summary>
    public const int MaxAttempts = 10;

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
            return [];
        }

        message.ProcessedAt = now;
        message.LastError = null;
        return result.Status == DeliveryStatus.PartlyFailed ? RetryRows(result.FailedHandlers, message.Payload, message.CreatedAt, message.Attempts) : [];
    }

    /// <summary>
    /// Delivery of a message that came through the broker: its row was marked processed when the broker confirmed it,
    /// so whatever must be tried again becomes a new row. All failed: one row like the original (same event type, so
    /// every handler it was meant for runs again); some failed: one row per failing handler; otherwise none.
    /// </summary>
    /// <param name="payload">The payload as stored (still encrypted).</param>
    /// <param name="createdAt">The original row's creation time (UTC), kept so retries keep their place in the order.</param>
    /// <param name="attempts">The original row's attempts, this one included.</param>
    public static IReadOnlyList<OutboxMessage> AfterBrokeredDelivery(DeliveryResult result, string payload, DateTime createdAt, int attempts) => result.Status switch
    {
        DeliveryStatus.Failed =>
        [
            new OutboxMessage
            {
                Id = Guid.NewGuid(), EventType = result.StoredEventType, Payload = payload, CreatedAt = createdAt, Attempts = attempts,
                LastError = result.Error?.GetType().Name,
            },
        ],
        DeliveryStatus.PartlyFailed => RetryRows(result.FailedHandlers, payload, createdAt, attempts),
        _ => [],
    };

    private static List<OutboxMessage> RetryRows(IEnumerable<FailedHandler> failed, string payload, DateTime createdAt, int attempts) =>
        failed.Select(f => new OutboxMessage
        {
            Id = Guid.NewGuid(), EventType = f.RetryEventType, Payload = payload, CreatedAt = createdAt, Attempts = attempts, LastError = f.Error.GetType().Name,
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
