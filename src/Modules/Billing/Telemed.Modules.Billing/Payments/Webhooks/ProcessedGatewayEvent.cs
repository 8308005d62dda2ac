namespace Telemed.Modules.Billing.Payments.Webhooks;

/// <summary>A webhook delivery already applied (gateway, the gateway's event id, its type, when it arrived, UTC); the key makes a second delivery a no-op.</summary>
public sealed class ProcessedGatewayEvent
{
    public string Gateway { get; init; } = "";
    public string EventId { get; init; } = "";
    public string Type { get; init; } = "";
    public DateTime ReceivedAt { get; init; }
}
