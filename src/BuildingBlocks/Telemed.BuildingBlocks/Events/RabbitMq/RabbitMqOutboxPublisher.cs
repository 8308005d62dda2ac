using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Telemed.BuildingBlocks.Events.RabbitMq;

/// <summary>
/// Publishes outbox rows to the durable queue as persistent messages, with publisher confirms: <see cref="PublishAsync"/>
/// returns only once the broker has taken the message (it throws on a negative confirm, an unroutable message, a timeout
/// or a lost connection). One connection and channel, opened on first use and reopened after a failure.
/// </summary>
public sealed class RabbitMqOutboxPublisher(IOptions<RabbitMqOptions> options) : IOutboxTransport, IAsyncDisposable
{
    private readonly RabbitMqOptions _options = options.Value;

    // One channel: publishes are sent (and confirmed) one at a time.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public async Task PublishAsync(string moduleName, OutboxMessage message, int attempt, CancellationToken ct)
    {
        var envelope = new OutboxEnvelope(message.Id, message.EventType, moduleName, attempt, message.CreatedAt, message.Payload);
        await _gate.WaitAsync(ct);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.ConfirmTimeout);
            try
            {
                var channel = await ChannelAsync(timeout.Token);
                // mandatory: a message no queue takes comes back as a failure rather than vanishing.
                await channel.BasicPublishAsync(string.Empty, _options.Queue, mandatory: true, envelope.Properties(), envelope.Body(), timeout.Token);
            }
            catch
            {
                // Whatever went wrong, the next publish starts from a fresh connection.
                await CloseAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken ct)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }

        await CloseAsync();
        _connection = await RabbitMqConnections.OpenAsync(_options, "publisher", ct);
        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        await RabbitMqConnections.DeclareQueueAsync(_channel, _options, ct);
        return _channel;
    }

    private async Task CloseAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
        try
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        catch (Exception)
        {
            // A connection already broken may fail to close: it is dropped either way.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await CloseAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}
