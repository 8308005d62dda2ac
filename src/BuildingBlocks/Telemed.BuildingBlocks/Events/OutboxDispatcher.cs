using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Security;

namespace Telemed.BuildingBlocks.Events;

public static class IntegrationEventRegistration
{
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IntegrationEvent where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<IIntegrationEventHandler<TEvent>, THandler>();
        services.AddSingleton(new IntegrationEventTypeRegistration(typeof(TEvent)));
        return services;
    }
}

public sealed record IntegrationEventTypeRegistration(Type EventType);

/// <summary>
/// Delivers outbox messages of every module to their in-process handlers, at least once, in batches: a pass reads up to
/// <see cref="BatchSize"/> pending messages of a module (oldest first), delivers them in that order, and records the
/// outcome of the whole batch in one transaction.
/// </summary>
/// <remarks>
/// Each handler runs in a scope of its own. When some handlers of a message fail and others succeed, the message is
/// marked delivered and a retry row is added for each failing handler only (<c>EventType#Handler</c>, same payload, same
/// creation time, same attempt count), so a retry never repeats a handler that succeeded. A message whose handlers all
/// failed is retried as it is, up to 10 attempts. A crash before the batch's commit delivers the batch again: handlers
/// must be idempotent, as the contract says.
/// </remarks>
public sealed class OutboxDispatcher(IServiceProvider services, IEnumerable<ModuleMigrations> modules, IEnumerable<IntegrationEventTypeRegistration> registrations,
    FieldEncryption encryption, TimeProvider clock, OutboxSignal signal, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>Messages read, delivered and marked per transaction.</summary>
    public const int BatchSize = 100;

    private const int MaxAttempts = 10;
    private const char HandlerSeparator = '#';
    private const int EventTypeMaxLength = 256;

    // One registration per handler: an event with several handlers (in one module or several) is listed more than once.
    private readonly Dictionary<string, Type> _types = registrations.DistinctBy(r => r.EventType)
        .ToDictionary(r => r.EventType.FullName!, r => r.EventType, StringComparer.Ordinal);

    private readonly ConcurrentDictionary<Type, IReadOnlyList<Type>> _handlerTypes = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass (EF model building, SQLite's synchronous I/O) waits until the host listens: it must not hold up start-up.
        try
        {
            await HostStarted.WaitAsync(services, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (encryption.IsReady)
                {
                    await DispatchPendingAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError("Outbox dispatch failed: {Error}", ex.GetType().Name);
            }

            try
            {
                await signal.WaitAsync(TimeSpan.FromMilliseconds(500), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Delivers what is pending in every module; a module with a full batch that all went through is drained at once.</summary>
    public async Task DispatchPendingAsync(CancellationToken ct)
    {
        foreach (var module in modules)
        {
            while (await DispatchBatchAsync(module, ct))
            {
            }
        }
    }

    /// <summary>One batch of one module; true when it was full and every message in it was delivered (more may wait).</summary>
    private async Task<bool> DispatchBatchAsync(ModuleMigrations module, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
        var pending = await db.OutboxMessages.Where(m => m.ProcessedAt == null && m.Attempts < MaxAttempts)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return false;
        }

        var allDelivered = true;
        foreach (var message in pending)
        {
            allDelivered &= await DeliverAsync(db, message, ct);
        }

        await db.SaveChangesAsync(ct);
        return allDelivered && pending.Count == BatchSize;
    }

    /// <summary>Runs the message's handlers; false when one of them failed (and will be retried).</summary>
    private async Task<bool> DeliverAsync(ModuleDbContext db, OutboxMessage message, CancellationToken ct)
    {
        message.Attempts++;
        var (eventTypeName, onlyHandler) = Target(message.EventType);
        if (!_types.TryGetValue(eventTypeName, out var type))
        {
            message.ProcessedAt = clock.GetUtcNow().UtcDateTime;
            return true;
        }

        IntegrationEvent integrationEvent;
        try
        {
            integrationEvent = message.Read(type, encryption);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Failed(message, type, ex);
        }

        var handlers = HandlerTypes(type).Where(h => onlyHandler is null || HandlerKey(eventTypeName, h) == onlyHandler).ToList();
        var failed = new List<(Type Handler, Exception Error)>();
        foreach (var handler in handlers)
        {
            try
            {
                await HandleAsync(type, handler, integrationEvent, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed.Add((handler, ex));
            }
        }

        if (failed.Count == 0)
        {
            message.ProcessedAt = clock.GetUtcNow().UtcDateTime;
            message.LastError = null;
            return true;
        }

        if (failed.Count == handlers.Count)
        {
            return Failed(message, type, failed[0].Error);
        }

        // Some handlers succeeded: only the failing ones are tried again, each from a row of its own.
        message.ProcessedAt = clock.GetUtcNow().UtcDateTime;
        message.LastError = null;
        foreach (var (handler, error) in failed)
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(),
                EventType = $"{eventTypeName}{HandlerSeparator}{HandlerKey(eventTypeName, handler)}",
                Payload = message.Payload,
                CreatedAt = message.CreatedAt,
                Attempts = message.Attempts,
                LastError = error.GetType().Name,
            });
            logger.LogWarning("Delivery of outbox message {MessageId} ({EventType}) to {Handler} failed: {Error}", message.Id, type.Name, handler.Name, error.GetType().Name);
        }

        return false;
    }

    private async Task HandleAsync(Type type, Type handlerType, IntegrationEvent integrationEvent, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var contract = typeof(IIntegrationEventHandler<>).MakeGenericType(type);
        var handler = scope.ServiceProvider.GetServices(contract).First(h => h!.GetType() == handlerType)!;
        await (Task)contract.GetMethod(nameof(IIntegrationEventHandler<IntegrationEvent>.HandleAsync))!.Invoke(handler, [integrationEvent, ct])!;
        await scope.ServiceProvider.GetRequiredService<AuditScope>().FlushAsync(scope.ServiceProvider.GetRequiredService<IAuditTrail>(), ct: ct);
    }

    private bool Failed(OutboxMessage message, Type type, Exception error)
    {
        message.LastError = error.GetType().Name;
        logger.LogWarning("Delivery of outbox message {MessageId} ({EventType}) failed: {Error}", message.Id, type.Name, error.GetType().Name);
        return false;
    }

    /// <summary>The handlers registered for an event type, in registration order (read once per type).</summary>
    private IReadOnlyList<Type> HandlerTypes(Type eventType) => _handlerTypes.GetOrAdd(eventType, t =>
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetServices(typeof(IIntegrationEventHandler<>).MakeGenericType(t)).Select(h => h!.GetType()).Distinct().ToList();
    });

    /// <summary>A retry row names its one handler after the event type: <c>Event.Type.Name#Handler.Type.Name</c>.</summary>
    private static (string EventType, string? Handler) Target(string stored) =>
        stored.IndexOf(HandlerSeparator) is var at and >= 0 ? (stored[..at], stored[(at + 1)..]) : (stored, null);

    /// <summary>The handler's full name, or a hash of it where the pair would not fit the column.</summary>
    private static string HandlerKey(string eventType, Type handler)
    {
        var name = handler.FullName!;
        return eventType.Length + 1 + name.Length <= EventTypeMaxLength
            ? name
            : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..32];
    }
}

/// <summary>Wakes the dispatcher right after a commit that published events, instead of at the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Raise()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already raised: one wake-up is enough.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);
}
