using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
public sealed class IntegrationEventDelivery(IServiceProvider services, IEnumerable<IntegrationEventTypeRegistration> registrations, FieldEncryption encryption,
    ILogger<IntegrationEventDelivery>? logger = null)
{
    // One registration per handler: an event with several handlers (in one module or several) is listed more than once.
    private readonly Dictionary<string, Type> _types = registrations.DistinctBy(r => r.EventType)
        .ToDictionary(r => r.EventType.FullName!, r => r.EventType, StringComparer.Ordinal);

    private readonly ConcurrentDictionary<Type, IReadOnlyList<Type>> _handlerTypes = new();

    /// <summary>Runs the handlers the stored message is meant for (all of its event's, or the one a retry row names), one after another.</summary>
    /// <param name="storedEventType">The outbox row's <c>EventType</c> as stored.</param>
    /// <param name="encryptedPayload">The outbox row's payload as stored (encrypted).</param>
    public async Task<DeliveryResult> DeliverAsync(string storedEventType, string encryptedPayload, CancellationToken ct)
    {
        var plan = Plan(storedEventType, encryptedPayload);
        if (plan.Result is { } settled)
        {
            return settled;
        }

        foreach (var handler in plan.Handlers)
        {
            await RunAsync(plan, handler, ct);
        }

        return plan.Outcome();
    }

    /// <summary>
    /// Delivers a batch of stored messages (oldest first) and returns one result per message, in the same order. Every handler
    /// sees the batch's events in their order, exactly as one-by-one delivery would show them, except that events with different
    /// <see cref="IntegrationEvent.OrderingKey"/>s may be handled side by side (up to <see cref="LanesPerHandler"/> at once);
    /// different handlers (each in its own scope, most in other modules) run side by side too. So an event's four handlers cost
    /// the time of the slowest rather than of all four, and a slow or failing handler holds up only its own lanes.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryResult>> DeliverBatchAsync(IReadOnlyList<(string StoredEventType, string EncryptedPayload)> messages,
        CancellationToken ct)
    {
        var plans = messages.Select(m => Plan(m.StoredEventType, m.EncryptedPayload)).ToList();
        var queues = new Dictionary<Type, List<Delivery>>();
        foreach (var plan in plans.Where(p => p.Result is null))
        {
            foreach (var handler in plan.Handlers)
            {
                if (!queues.TryGetValue(handler, out var queue))
                {
                    queues[handler] = queue = [];
                }

                queue.Add(plan);
            }
        }

        await Task.WhenAll(queues.SelectMany(q => Lanes(q.Key, q.Value).Select(lane => Task.Run(async () =>
        {
            foreach (var run in Runs(lane))
            {
                if (run.Count > 1 && BatchContract(run[0].Type!, q.Key) is { } contract)
                {
                    await RunBatchAsync(run, q.Key, contract, ct);
                    continue;
                }

                foreach (var plan in run)
                {
                    await RunAsync(plan, q.Key, ct);
                }
            }
        }, ct))));
        return [.. plans.Select(p => p.Result ?? p.Outcome())];
    }

    /// <summary>At most this many events of one batch are in one handler at once.</summary>
    public const int LanesPerHandler = 8;

    /// <summary>
    /// One handler's events split into lanes that may run side by side: events with the same <see cref="IntegrationEvent.OrderingKey"/>
    /// share a lane (in their order), keys are spread over at most <see cref="LanesPerHandler"/> lanes; a queue with any event
    /// that has no key, or for a handler that takes some of them as a batch (<see cref="IIntegrationEventBatchHandler{TEvent}"/>),
    /// stays one lane, in order.
    /// </summary>
    private IEnumerable<List<Delivery>> Lanes(Type handler, List<Delivery> queue)
    {
        if (queue.Any(d => d.Event!.OrderingKey is null || BatchContract(d.Type!, handler) is not null))
        {
            return [queue];
        }

        var lanes = new Dictionary<int, List<Delivery>>();
        foreach (var delivery in queue)
        {
            var lane = (int)((uint)delivery.Event!.OrderingKey!.Value.GetHashCode() % LanesPerHandler);
            if (!lanes.TryGetValue(lane, out var list))
            {
                lanes[lane] = list = [];
            }

            list.Add(delivery);
        }

        return lanes.Values;
    }

    /// <summary>A lane cut into runs of consecutive events of one type, in order.</summary>
    private static IEnumerable<List<Delivery>> Runs(List<Delivery> lane)
    {
        var run = new List<Delivery>();
        foreach (var delivery in lane)
        {
            if (run.Count > 0 && run[0].Type != delivery.Type)
            {
                yield return run;
                run = [];
            }

            run.Add(delivery);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary><c>IIntegrationEventBatchHandler&lt;eventType&gt;</c> when <paramref name="handler"/> implements it; otherwise null.</summary>
    private Type? BatchContract(Type eventType, Type handler) => _batchContracts.GetOrAdd((eventType, handler), k =>
    {
        var contract = typeof(IIntegrationEventBatchHandler<>).MakeGenericType(k.Event);
        return contract.IsAssignableFrom(k.Handler) ? contract : null;
    });

    private readonly ConcurrentDictionary<(Type Event, Type Handler), Type?> _batchContracts = new();

    /// <summary>
    /// Hands a run of events to the handler's batch method in one scope; when that throws, each event is run alone, so only the
    /// events that fail on their own are reported.
    /// </summary>
    private async Task RunBatchAsync(List<Delivery> run, Type handlerType, Type contract, CancellationToken ct)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetService(handlerType) ?? scope.ServiceProvider.GetServices(contract).First(h => h!.GetType() == handlerType)!;
            var events = Array.CreateInstance(run[0].Type!, run.Count);
            for (var i = 0; i < run.Count; i++)
            {
                events.SetValue(run[i].Event, i);
            }

            var handle = _handleMethods.GetOrAdd(contract, c => c.GetMethod(nameof(IIntegrationEventBatchHandler<IntegrationEvent>.HandleAsync))!);
            await (Task)handle.Invoke(handler, [events, ct])!;
            await scope.ServiceProvider.GetRequiredService<AuditScope>().FlushAsync(scope.ServiceProvider.GetRequiredService<IAuditTrail>(), ct: ct);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One by one below: the events that fail alone are the ones reported and retried.
            logger?.LogWarning("Batch delivery of {Count} {EventType} events to {Handler} failed ({Error}); delivering them one by one",
                run.Count, run[0].Type!.Name, handlerType.Name, ex.GetType().Name);
        }

        foreach (var plan in run)
        {
            await RunAsync(plan, handlerType, ct);
        }
    }

    private Delivery Plan(string storedEventType, string encryptedPayload)
    {
        var (eventTypeName, onlyHandler) = OutboxRetries.Target(storedEventType);
        if (!_types.TryGetValue(eventTypeName, out var type))
        {
            return Delivery.Settled(new DeliveryResult(DeliveryStatus.NoHandlers, storedEventType, eventTypeName, null, []));
        }

        try
        {
            var integrationEvent = OutboxMessage.Read(encryptedPayload, type, encryption);
            var handlers = HandlerTypes(type).Where(h => onlyHandler is null || OutboxRetries.HandlerKey(eventTypeName, h) == onlyHandler).ToList();
            return new Delivery(storedEventType, eventTypeName, type, integrationEvent, handlers);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Delivery.Settled(new DeliveryResult(DeliveryStatus.Failed, storedEventType, type.Name, ex, []));
        }
    }

    private async Task RunAsync(Delivery plan, Type handler, CancellationToken ct)
    {
        try
        {
            await HandleAsync(plan.Type!, handler, plan.Event!, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            plan.Fail(handler, ex);
        }
    }

    private async Task HandleAsync(Type type, Type handlerType, IntegrationEvent integrationEvent, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var contract = typeof(IIntegrationEventHandler<>).MakeGenericType(type);
        // The handler's own registration (AddIntegrationEventHandler) builds only this handler; resolving the contract would
        // build every handler of the event, with their database contexts, to keep one.
        var handler = scope.ServiceProvider.GetService(handlerType) ?? scope.ServiceProvider.GetServices(contract).First(h => h!.GetType() == handlerType)!;
        var handle = _handleMethods.GetOrAdd(contract, c => c.GetMethod(nameof(IIntegrationEventHandler<IntegrationEvent>.HandleAsync))!);
        await (Task)handle.Invoke(handler, [integrationEvent, ct])!;
        await scope.ServiceProvider.GetRequiredService<AuditScope>().FlushAsync(scope.ServiceProvider.GetRequiredService<IAuditTrail>(), ct: ct);
    }

    private readonly ConcurrentDictionary<Type, System.Reflection.MethodInfo> _handleMethods = new();

    /// <summary>One message's delivery: its event, the handlers it is meant for and, as they finish, the ones that failed.</summary>
    private sealed class Delivery(string storedEventType, string eventTypeName, Type? type, IntegrationEvent? integrationEvent, IReadOnlyList<Type> handlers)
    {
        private readonly List<(Type Handler, Exception Error)> _failed = [];

        public Type? Type => type;

        public IntegrationEvent? Event => integrationEvent;

        public IReadOnlyList<Type> Handlers => handlers;

        /// <summary>Set when the message needs no handler run (none registered, or its payload could not be read).</summary>
        public DeliveryResult? Result { get; private init; }

        public static Delivery Settled(DeliveryResult result) => new(result.StoredEventType, result.EventName, null, null, []) { Result = result };

        public void Fail(Type handler, Exception error)
        {
            lock (_failed)
            {
                _failed.Add((handler, error));
            }
        }

        /// <summary>The outcome once every handler has run; failed handlers listed in registration order.</summary>
        public DeliveryResult Outcome()
        {
            var failed = handlers.SelectMany(h => _failed.Where(f => f.Handler == h))
                .Select(f => new FailedHandler(OutboxRetries.RetryEventType(eventTypeName, f.Handler), f.Handler.Name, f.Error)).ToList();
            var status = failed.Count == 0 ? DeliveryStatus.Delivered : failed.Count == handlers.Count ? DeliveryStatus.Failed : DeliveryStatus.PartlyFailed;
            return new DeliveryResult(status, storedEventType, type!.Name, failed.FirstOrDefault()?.Error, failed);
        }
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
