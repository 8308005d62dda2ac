using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Security;

namespace Telemed.BuildingBlocks.Events;

/// <summary>
/// Delivers one stored outbox message (its event type as stored and its encrypted payload) to its in-process handlers.
/// Shared by the two ways a message travels: straight from the outbox (<see cref="OutboxDispatcher"/>) and through the
/// broker (<see cref="RabbitMq.RabbitMqOutboxConsumer"/>); what to do with a failure is the caller's (<see cref="OutboxRetries"/>).
/// </summary>
/// <remarks>
/// Each handler runs in a scope of its own, and its audit records are flushed with it. A stored type of the form
/// <c>Event.Type.Name#Handler.Key</c> is a retry row for that one handler. Exceptions are caught per handler; only
/// cancellation escapes.
/// </remarks>
public sealed class IntegrationEventDelivery(IServiceProvider services, IEnumerable<IntegrationEventTypeRegistration> registrations, FieldEncryption encryption)
{
    // One registration per handler: an event with several handlers (in one module or several) is listed more than once.
    private readonly Dictionary<string, Type> _types = registrations.DistinctBy(r => r.EventType)
        .ToDictionary(r => r.EventType.FullName!, r => r.EventType, StringComparer.Ordinal);

    private readonly ConcurrentDictionary<Type, IReadOnlyList<Type>> _handlerTypes = new();

    /// <summary>Runs the handlers the stored message is meant for (all of its event's, or the one a retry row names).</summary>
    /// <param name="storedEventType">The outbox row's <c>EventType</c> as stored.</param>
    /// <param name="encryptedPayload">The outbox row's payload as stored (encrypted).</param>
    public async Task<DeliveryResult> DeliverAsync(string storedEventType, string encryptedPayload, CancellationToken ct)
    {
        var (eventTypeName, onlyHandler) = OutboxRetries.Target(storedEventType);
        if (!_types.TryGetValue(eventTypeName, out var type))
        {
            return new DeliveryResult(DeliveryStatus.NoHandlers, storedEventType, eventTypeName, null, []);
        }

        IntegrationEvent integrationEvent;
        try
        {
            integrationEvent = OutboxMessage.Read(encryptedPayload, type, encryption);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new DeliveryResult(DeliveryStatus.Failed, storedEventType, type.Name, ex, []);
        }

        var handlers = HandlerTypes(type).Where(h => onlyHandler is null || OutboxRetries.HandlerKey(eventTypeName, h) == onlyHandler).ToList();
        var failed = new List<FailedHandler>();
        foreach (var handler in handlers)
        {
            try
            {
                await HandleAsync(type, handler, integrationEvent, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed.Add(new FailedHandler(OutboxRetries.RetryEventType(eventTypeName, handler), handler.Name, ex));
            }
        }

        var status = failed.Count == 0 ? DeliveryStatus.Delivered : failed.Count == handlers.Count ? DeliveryStatus.Failed : DeliveryStatus.PartlyFailed;
        return new DeliveryResult(status, storedEventType, type.Name, failed.FirstOrDefault()?.Error, failed);
    }

    private async Task HandleAsync(Type type, Type handlerType, IntegrationEvent integrationEvent, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var contract = typeof(IIntegrationEventHandler<>).MakeGenericType(type);
        var handler = scope.ServiceProvider.GetServices(contract).First(h => h!.GetType() == handlerType)!;
        await (Task)contract.GetMethod(nameof(IIntegrationEventHandler<IntegrationEvent>.HandleAsync))!.Invoke(handler, [integrationEvent, ct])!;
        await scope.ServiceProvider.GetRequiredService<AuditScope>().FlushAsync(scope.ServiceProvider.GetRequiredService<IAuditTrail>(), ct: ct);
    }

    /// <summary>The handlers registered for an event type, in registration order (read once per type).</summary>
    private IReadOnlyList<Type> HandlerTypes(Type eventType) => _handlerTypes.GetOrAdd(eventType, t =>
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetServices(typeof(IIntegrationEventHandler<>).MakeGenericType(t)).Select(h => h!.GetType()).Distinct().ToList();
    });
}

/// <summary>How a delivery went.</summary>
public enum DeliveryStatus
{
    /// <summary>Every handler it was meant for succeeded.</summary>
    Delivered,

    /// <summary>No handler is registered for its event type in this host: nothing to do.</summary>
    NoHandlers,

    /// <summary>Nothing succeeded: the payload could not be read, or every handler failed.</summary>
    Failed,

    /// <summary>Some handlers succeeded and some failed (listed in <see cref="DeliveryResult.FailedHandlers"/>).</summary>
    PartlyFailed,
}

/// <summary>A handler that failed, with the event type its retry row is stored under.</summary>
/// <param name="RetryEventType"><c>Event.Type.Name#Handler.Key</c>.</param>
/// <param name="HandlerName">The handler's short type name, for logs.</param>
/// <param name="Error">Only its type is ever logged or stored (messages may carry PHI).</param>
public sealed record FailedHandler(string RetryEventType, string HandlerName, Exception Error);

/// <summary>The outcome of one delivery.</summary>
/// <param name="StoredEventType">The event type as the row stored it (a retry row's includes its handler).</param>
/// <param name="EventName">The event's short type name, for logs.</param>
/// <param name="Error">The first error when <see cref="Status"/> is <see cref="DeliveryStatus.Failed"/> or <see cref="DeliveryStatus.PartlyFailed"/>.</param>
public sealed record DeliveryResult(DeliveryStatus Status, string StoredEventType, string EventName, Exception? Error, IReadOnlyList<FailedHandler> FailedHandlers);
