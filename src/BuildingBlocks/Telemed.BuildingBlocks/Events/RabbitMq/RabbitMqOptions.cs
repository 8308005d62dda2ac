namespace Telemed.BuildingBlocks.Events.RabbitMq;

/// <summary>
/// <c>Messaging:RabbitMq</c>: integration events between hosts through RabbitMQ. Off unless <see cref="ConnectionString"/>
/// is set; the default delivers in process, with no broker. docs/messaging.md explains the flow.
/// </summary>
public sealed class RabbitMqOptions
{
    public const string Section = "Messaging:RabbitMq";

    /// <summary>An AMQP URI, e.g. <c>amqp://user:password@rabbitmq:5672/</c> (<c>amqps://</c> for TLS). Empty: no broker.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The durable queue every host publishes to and consumes from (competing consumers).</summary>
    public string Queue { get; set; } = "telemed.integration-events";

    /// <summary>Unacknowledged messages one host holds at a time (bounded prefetch).</summary>
    public int Prefetch { get; set; } = 16;

    /// <summary>Whether this host consumes the queue; false makes a host that only publishes (e.g. one kept for the web only).</summary>
    public bool Consume { get; set; } = true;

    /// <summary>How long a publish waits for the broker's confirm before the row is left pending for the next pass.</summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait between attempts to reach the broker after a connection failed or was lost.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);
}
