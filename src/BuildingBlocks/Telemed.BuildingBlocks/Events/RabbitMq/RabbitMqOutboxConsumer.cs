using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Security;

namespace Telemed.BuildingBlocks.Events.RabbitMq;

/// <summary>
/// Every host consumes the queue (competing consumers, manual acknowledgement, bounded prefetch): a message is decrypted
/// and delivered to this host's handlers by <see cref="IntegrationEventDelivery"/>, as the in-process path does, and
/// acknowledged after. A failed handler becomes a retry row in the message's module outbox (<see cref="OutboxRetries"/>),
/// which the dispatcher publishes again, and the message is acknowledged; only a failure to record that (the database
/// is unreachable) returns the message to the queue. Reconnects by itself when the broker goes away.
/// </summary>
public sealed class RabbitMqOutboxConsumer(IServiceProvider services, IOptions<RabbitMqOptions> options, IEnumerable<ModuleMigrations> modules,
    IntegrationEventDelivery delivery, FieldEncryption encryption, TimeProvider clock, ILogger<RabbitMqOutboxConsumer> logger) : BackgroundService
{
    private readonly RabbitMqOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await HostStarted.WaitAsync(services, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (encryption.IsReady)
                {
                    await ConsumeUntilLostAsync(() => failing = false, stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Logged once per outage, by type only.
                if (!failing)
                {
                    logger.LogWarning("Consuming integration events from the broker failed; retrying: {Error}", ex.GetType().Name);
                }

                failing = true;
            }
            catch (Exception)
            {
                // The host is stopping: whatever the lost consumer threw (a cancellation, a channel disposed under it) is no failure.
                return;
            }

            try
            {
                await Task.Delay(_options.ReconnectDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Connects, consumes, and returns when the connection or channel is lost.</summary>
    private async Task ConsumeUntilLostAsync(Action connected, CancellationToken ct)
    {
        await using var connection = await RabbitMqConnections.OpenAsync(_options, "consumer", ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.ChannelShutdownAsync += (_, _) =>
        {
            lost.TrySetResult();
            return Task.CompletedTask;
        };
        await RabbitMqConnections.DeclareQueueAsync(channel, _options, ct);
        await channel.BasicQosAsync(0, (ushort)Math.Clamp(_options.Prefetch, 1, ushort.MaxValue), global: false, ct);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivered) => OnReceivedAsync(channel, delivered, ct);
        await channel.BasicConsumeAsync(_options.Queue, autoAck: false, consumer, ct);
        connected();
        logger.LogInformation("Consuming integration events from the broker");
        await lost.Task.WaitAsync(ct);
        throw new BrokerConnectionLostException();
    }

    private async Task OnReceivedAsync(IChannel channel, BasicDeliverEventArgs delivered, CancellationToken ct)
    {
        // The body is only valid during this call: the envelope copies it.
        var envelope = OutboxEnvelope.From(delivered.BasicProperties, delivered.Body.Span);
        if (envelope is null)
        {
            logger.LogWarning("Dropped a broker message that is not an outbox message");
            await channel.BasicAckAsync(delivered.DeliveryTag, multiple: false, ct);
            return;
        }

        try
        {
            var result = await delivery.DeliverAsync(envelope.EventType, envelope.Payload, ct);
            var retries = OutboxRetries.AfterBrokeredDelivery(result, envelope.Payload, envelope.CreatedAt, envelope.Attempt, clock.GetUtcNow().UtcDateTime);
            if (retries.Count > 0)
            {
                await SaveRetriesAsync(envelope.ModuleName, retries, ct);
                foreach (var retry in retries)
                {
                    logger.LogWarning("Delivery of outbox message {MessageId} ({EventType}) failed, to be retried as {RetryId}: {Error}",
                        envelope.MessageId, result.EventName, retry.Id, retry.LastError);
                }
            }

            await channel.BasicAckAsync(delivered.DeliveryTag, multiple: false, ct);
        }
        catch (Exception) when (!channel.IsOpen)
        {
            // The connection went while handling: the broker redelivers the message (at least once; handlers are idempotent).
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: unacknowledged, the broker gives the message to another host (or to this one after its restart).
        }
        catch (Exception ex)
        {
            logger.LogWarning("Outbox message {MessageId} goes back to the queue: {Error}", envelope.MessageId, ex.GetType().Name);
            await ReturnToQueueAsync(channel, delivered.DeliveryTag, ct);
        }
    }

    private async Task ReturnToQueueAsync(IChannel channel, ulong deliveryTag, CancellationToken ct)
    {
        try
        {
            // A short pause, so a database outage does not turn into a hot redelivery loop.
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            await channel.BasicNackAsync(deliveryTag, multiple: false, requeue: true, ct);
        }
        catch (Exception ex) when (ex is OperationCanceledException || !channel.IsOpen)
        {
            // Stopping, or the channel is gone: the broker requeues what was not acknowledged anyway.
        }
    }

    private async Task SaveRetriesAsync(string moduleName, IReadOnlyList<OutboxMessage> retries, CancellationToken ct)
    {
        var module = modules.FirstOrDefault(m => m.ModuleName == moduleName)
                     ?? throw new InvalidOperationException("The message names a module this host does not have.");
        await using var scope = services.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
        db.OutboxMessages.AddRange(retries);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The broker closed the consumer's channel or connection (e.g. it stopped): the consumer reconnects.</summary>
public sealed class BrokerConnectionLostException() : Exception("The broker connection was lost.");
