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

/// <summary>Delivers outbox messages of every module to their in-process handlers, at least once.</summary>
public sealed class OutboxDispatcher(IServiceProvider services, IEnumerable<ModuleMigrations> modules, IEnumerable<IntegrationEventTypeRegistration> registrations,
    FieldEncryption encryption, TimeProvider clock, OutboxSignal signal, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    // One registration per handler: an event with several handlers (in one module or several) is listed more than once.
    private readonly Dictionary<string, Type> _types = registrations.DistinctBy(r => r.EventType)
        .ToDictionary(r => r.EventType.FullName!, r => r.EventType, StringComparer.Ordinal);

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
                logger.LogError(ex, "Outbox dispatch failed");
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

    public async Task DispatchPendingAsync(CancellationToken ct)
    {
        foreach (var module in modules)
        {
            await using var scope = services.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            var pending = await db.OutboxMessages.Where(m => m.ProcessedAt == null && m.Attempts < 10)
                .OrderBy(m => m.CreatedAt).Take(50).ToListAsync(ct);
            foreach (var message in pending)
            {
                await DeliverAsync(message, ct);
                await db.SaveChangesAsync(ct);
            }
        }
    }

    private async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        message.Attempts++;
        if (!_types.TryGetValue(message.EventType, out var type))
        {
            message.ProcessedAt = clock.GetUtcNow().UtcDateTime;
            return;
        }

        try
        {
            var integrationEvent = message.Read(type, encryption);
            await using var scope = services.CreateAsyncScope();
            var handlerType = typeof(IIntegrationEventHandler<>).MakeGenericType(type);
            foreach (var handler in scope.ServiceProvider.GetServices(handlerType))
            {
                await (Task)handlerType.GetMethod(nameof(IIntegrationEventHandler<IntegrationEvent>.HandleAsync))!.Invoke(handler, [integrationEvent, ct])!;
            }

            await scope.ServiceProvider.GetRequiredService<AuditScope>().FlushAsync(scope.ServiceProvider.GetRequiredService<IAuditTrail>(), ct: ct);
            message.ProcessedAt = clock.GetUtcNow().UtcDateTime;
            message.LastError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            message.LastError = ex.GetType().Name;
            logger.LogWarning("Delivery of outbox message {MessageId} ({EventType}) failed: {Error}", message.Id, type.Name, ex.GetType().Name);
        }
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
