using RabbitMQ.Client;

namespace Telemed.BuildingBlocks.Events.RabbitMq;

/// <summary>
/// Opens connections and declares the queue, the same way for the publisher and the consumer.
/// </summary>
/// <remarks>
/// The client's own automatic recovery is off: it does not cover a broker that is down when the host starts, so the
/// publisher and the consumer reconnect themselves (one path for both cases), each on its own connection so a blocked
/// publisher (broker flow control) never stalls consumption.
/// </remarks>
internal static class RabbitMqConnections
{
    public static Task<IConnection> OpenAsync(RabbitMqOptions options, string role, CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.ConnectionString!),
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedHeartbeat = TimeSpan.FromSeconds(15),
            ClientProvidedName = $"telemed-{role}-{Environment.MachineName}",
        };
        return factory.CreateConnectionAsync(ct);
    }

    /// <summary>Durable, so the queue and its persistent messages outlive a broker restart.</summary>
    public static Task DeclareQueueAsync(IChannel channel, RabbitMqOptions options, CancellationToken ct) =>
        channel.QueueDeclareAsync(options.Queue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: ct);
}
