using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        // Delivery resolves the one handler it runs by its own type (a handler of several events is registered once).
        services.TryAddScoped<THandler>();
        services.AddSingleton(new IntegrationEventTypeRegistration(typeof(TEvent)));
        return services;
    }
}

public sealed record IntegrationEventTypeRegistration(Type EventType);

/// <summary>
/// Moves outbox messages of every module on, at least once, in batches: a pass claims up to <see cref="BatchSize"/>
/// pending messages of a module (oldest first) and either delivers them to their in-process handlers in that order
/// (the default; each handler sees them in order, different handlers run side by side,
/// <see cref="IntegrationEventDelivery.DeliverBatchAsync"/>), or, when a broker is configured (<see cref="IOutboxTransport"/>), publishes them to it and marks each
/// one processed once the broker confirmed it; the outcome of the whole batch is saved in one transaction.
/// </summary>
/// <remarks>
/// <para>
/// Several hosts on one PostgreSQL database: the batch is claimed with <c>SELECT … FOR UPDATE SKIP LOCKED</c> inside the
/// batch's transaction, so a row another host is working on is skipped rather than delivered twice. Row locks rather than
/// a claim column with a lease because a lock ends with its transaction: a host that dies mid-batch frees its rows the
/// moment its connection drops, with no lease length to tune (too short: a slow batch is delivered twice; too long: a
/// dead host's rows wait), no clock to trust across machines, and no schema change. The cost is one connection held
/// per batch while its handlers run. SQLite is one host by design and reads the batch as before.
/// </para>
/// <para>
/// In-process failures follow <see cref="OutboxRetries"/>: a message whose handlers all failed is retried as it is,
/// up to <see cref="OutboxRetries.MaxAttempts"/> attempts; when only some failed, each failing handler gets a retry row.
/// With a broker, a publish that fails leaves the row (and the rest of the batch) pending without counting an attempt;
/// nothing is delivered in process instead: events wait in the outbox until the broker is back. A crash before the
/// batch's commit delivers (or publishes) the batch again: handlers must be idempotent, as the contract says.
/// </para>
/// </remarks>
public sealed class OutboxDispatcher(IServiceProvider services, IEnumerable<ModuleMigrations> modules, IntegrationEventDelivery delivery,
    FieldEncryption encryption, TimeProvider clock, OutboxSignal signal, ILogger<OutboxDispatcher> logger, IOutboxTransport? transport = null) : BackgroundService
{
    /// <summary>Messages claimed, delivered (or published) and marked per transaction.</summary>
    public const int BatchSize = 100;

    // Logged once per outage rather than every pass.
    private bool _brokerFailing;

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
            catch (Exception ex) when (stoppingToken.IsCancellationRequested)
            {
                // Cut short by the stop (cancelled, or its services disposed under it): what is left waits in the outbox.
                logger.LogDebug("Outbox dispatch stopped with the host: {Error}", ex.GetType().Name);
            }
            catch (Exception ex)
            {
                // A cancellation here is a transport's own timeout, not a stop: let through, it would end the dispatcher.
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

    /// <summary>
    /// Moves on what is pending in every module, one batch of each module in turn, round after round while some module's batch
    /// was full and went through. Turns rather than each module drained before the next: under a booking peak the scheduling
    /// module's backlog was worked off whole while another module's events (a consultation's end and its payment capture, a
    /// clinic message's notice) waited behind it.
    /// </summary>
    public async Task DispatchPendingAsync(CancellationToken ct)
    {
        var busy = modules.ToList();
        while (busy.Count > 0 && !ct.IsCancellationRequested)
        {
            var stillBusy = new List<ModuleMigrations>(busy.Count);
            foreach (var module in busy)
            {
                if (await DispatchBatchAsync(module, ct))
                {
                    stillBusy.Add(module);
                }
            }

            busy = stillBusy;
        }
    }

    /// <summary>One batch of one module; true when it was full and every message in it went through (more may wait).</summary>
    private async Task<bool> DispatchBatchAsync(ModuleMigrations module, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
        // The claim's row locks last as long as this transaction: until the batch's outcome is committed.
        await using var transaction = db.Database.IsPostgres() ? await db.Database.BeginTransactionAsync(ct) : null;
        var pending = await OutboxClaim.NextBatchAsync(db, BatchSize, clock.GetUtcNow().UtcDateTime, ct);
        if (pending.Count == 0)
        {
            return false;
        }

        var through = new List<OutboxMessage>(pending.Count);
        var allThrough = transport is null ? await DeliverInProcessAsync(db, pending, through, ct) : await PublishAsync(transport, module, pending, through, ct);
        // Delivered is done: the marks are written whatever the host's stopping token does now, or a shutdown between delivery
        // and marking would deliver the whole batch again (ADR 0015; handlers are idempotent, but e-mails are not unsent).
        await MarkThroughAsync(db, through, CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        if (transaction is not null)
        {
            await transaction.CommitAsync(CancellationToken.None);
        }

        return allThrough && pending.Count == BatchSize;
    }

    /// <summary>Runs each message's handlers here; false when one of them failed (and will be retried).</summary>
    private async Task<bool> DeliverInProcessAsync(ModuleDbContext db, IReadOnlyList<OutboxMessage> pending, List<OutboxMessage> through, CancellationToken ct)
    {
        var allDelivered = true;
        var results = await delivery.DeliverBatchAsync([.. pending.Select(m => (m.EventType, m.Payload))], ct);
        foreach (var (message, result) in pending.Zip(results))
        {
            var retries = OutboxRetries.AfterInProcessDelivery(message, result, clock.GetUtcNow().UtcDateTime);
            db.OutboxMessages.AddRange(retries);
            if (result.Status is DeliveryStatus.Delivered or DeliveryStatus.NoHandlers)
            {
                through.Add(message);
            }
            else
            {
                allDelivered = false;
            }

            LogFailures(message, result);
        }

        return allDelivered;
    }

    /// <summary>Publishes the batch in order, each message confirmed before the next; stops at the first failure (the rest stay pending).</summary>
    private async Task<bool> PublishAsync(IOutboxTransport broker, ModuleMigrations module, IReadOnlyList<OutboxMessage> pending, List<OutboxMessage> through, CancellationToken ct)
    {
        foreach (var message in pending)
        {
            try
            {
                await broker.PublishAsync(module.ModuleName, message, message.Attempts + 1, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                if (!_brokerFailing)
                {
                    logger.LogWarning("Publishing outbox messages to the broker failed; they wait in the outbox: {Error}", ex.GetType().Name);
                }

                _brokerFailing = true;
                return false;
            }

            message.Attempts++;
            message.ProcessedAt = clock.GetUtcNow().UtcDateTime;
            message.LastError = null;
            through.Add(message);
            if (_brokerFailing)
            {
                _brokerFailing = false;
                logger.LogInformation("Publishing outbox messages to the broker works again");
            }
        }

        return true;
    }

    /// <summary>
    /// Marks the messages that went through entirely (<paramref name="through"/>, already marked in memory) in one statement,
    /// <c>UPDATE … WHERE "Id" = ANY(…)</c>, instead of one UPDATE per row: the common case of a batch. A message that failed or
    /// left retry rows behind is saved by EF Core with its retries, so its mark and its retries still commit together (on
    /// SQLite, which has no batch transaction, too).
    /// </summary>
    private static async Task MarkThroughAsync(ModuleDbContext db, List<OutboxMessage> through, CancellationToken ct)
    {
        if (through.Count < 2)
        {
            return;
        }

        var ids = through.Select(m => m.Id).ToList();
        var processedAt = through[^1].ProcessedAt!.Value;
        await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.ProcessedAt, processedAt)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, (string?)null), ct);
        foreach (var message in through)
        {
            // Written above: EF Core takes these values as saved and leaves the rows out of SaveChanges.
            message.ProcessedAt = processedAt;
            db.Entry(message).State = EntityState.Unchanged;
        }
    }

    private void LogFailures(OutboxMessage message, DeliveryResult result)
    {
        if (result.Status == DeliveryStatus.Failed)
        {
            logger.LogWarning("Delivery of outbox message {MessageId} ({EventType}) failed: {Error}", message.Id, result.EventName, result.Error?.GetType().Name);
        }

        foreach (var failed in result.Status == DeliveryStatus.PartlyFailed ? result.FailedHandlers : [])
        {
            logger.LogWarning("Delivery of outbox message {MessageId} ({EventType}) to {Handler} failed: {Error}", message.Id, result.EventName, failed.HandlerName, failed.Error.GetType().Name);
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
