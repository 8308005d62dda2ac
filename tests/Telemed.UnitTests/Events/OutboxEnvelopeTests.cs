using System.Text;
using RabbitMQ.Client;
using Telemed.BuildingBlocks.Events.RabbitMq;

namespace Telemed.UnitTests.Events;

public sealed class OutboxEnvelopeTests
{
    [Fact]
    public void An_outbox_row_travels_as_a_persistent_message_with_its_id_and_comes_back_whole_from_the_bytes_AMQP_delivers()
    {
        var envelope = new OutboxEnvelope(Guid.NewGuid(), "Some.Event#Some.Handler", "identity", 3, new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc), "v1:sealed-payload");

        var properties = envelope.Properties();
        properties.Persistent.ShouldBeTrue();
        properties.MessageId.ShouldBe(envelope.MessageId.ToString());
        Encoding.UTF8.GetString(envelope.Body()).ShouldBe("v1:sealed-payload");

        // On the wire, AMQP strings come back as bytes and numbers as int/long.
        var received = new BasicProperties
        {
            MessageId = properties.MessageId,
            Type = properties.Type,
            Headers = properties.Headers!.ToDictionary(h => h.Key, h => h.Value is string s ? (object?)Encoding.UTF8.GetBytes(s) : h.Value),
        };
        OutboxEnvelope.From(received, envelope.Body()).ShouldBe(envelope);
    }

    [Fact]
    public void A_message_that_is_not_an_outbox_row_is_recognised_as_such()
    {
        OutboxEnvelope.From(new BasicProperties { MessageId = "not-a-guid", Type = "T", Headers = new Dictionary<string, object?>() }, "x"u8).ShouldBeNull();
        OutboxEnvelope.From(new BasicProperties { MessageId = Guid.NewGuid().ToString(), Type = "T" }, "x"u8).ShouldBeNull();
        var envelope = new OutboxEnvelope(Guid.NewGuid(), "T", "identity", 1, DateTime.UtcNow, "p");
        var properties = envelope.Properties();
        properties.Headers!.Remove("telemed-module");
        OutboxEnvelope.From(properties, "p"u8).ShouldBeNull();
    }
}
