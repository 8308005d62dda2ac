using System.Globalization;
using System.Text;
using RabbitMQ.Client;

namespace Telemed.BuildingBlocks.Events.RabbitMq;

/// <summary>
/// How an outbox row travels as a RabbitMQ message: the body is the payload exactly as stored (encrypted: no PHI in the
/// broker in clear), the message id is the row's id, the type is the row's event type (a type name, never data), and three
/// headers carry what a retry row needs: the module, the attempt and the creation time (UTC ticks).
/// </summary>
public sealed record OutboxEnvelope(Guid MessageId, string EventType, string ModuleName, int Attempt, DateTime CreatedAt, string Payload)
{
    private const string ModuleHeader = "telemed-module";
    private const string AttemptHeader = "telemed-attempt";
    private const string CreatedHeader = "telemed-created-ticks";

    public BasicProperties Properties() => new()
    {
        MessageId = MessageId.ToString(),
        Type = EventType,
        ContentType = "text/plain",
        Persistent = true,
        Headers = new Dictionary<string, object?>
        {
            [ModuleHeader] = ModuleName,
            [AttemptHeader] = Attempt,
            [CreatedHeader] = CreatedAt.Ticks,
        },
    };

    public byte[] Body() => Encoding.UTF8.GetBytes(Payload);

    /// <summary>Reads a received message back; null when it is not one of ours (missing id, type or headers).</summary>
    public static OutboxEnvelope? From(IReadOnlyBasicProperties properties, ReadOnlySpan<byte> body)
    {
        if (!Guid.TryParse(properties.MessageId, out var id) || string.IsNullOrEmpty(properties.Type) || properties.Headers is not { } headers
            || Text(headers, ModuleHeader) is not { Length: > 0 } module
            || Number(headers, AttemptHeader) is not { } attempt || Number(headers, CreatedHeader) is not { } ticks
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return null;
        }

        return new OutboxEnvelope(id, properties.Type, module, (int)attempt, new DateTime(ticks, DateTimeKind.Utc), Encoding.UTF8.GetString(body));
    }

    // AMQP strings arrive as bytes.
    private static string? Text(IDictionary<string, object?> headers, string name) => headers.TryGetValue(name, out var value) ? value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string text => text,
        _ => null,
    } : null;

    private static long? Number(IDictionary<string, object?> headers, string name) => headers.TryGetValue(name, out var value) ? value switch
    {
        int i => i,
        long l => l,
        byte[] bytes when long.TryParse(Encoding.UTF8.GetString(bytes), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    } : null;
}
