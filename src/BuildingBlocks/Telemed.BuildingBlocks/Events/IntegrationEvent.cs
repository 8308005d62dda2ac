namespace Telemed.BuildingBlocks.Events;

/// <summary>A fact one module tells the others, named in the past tense (e.g. <c>PatientRegistered</c>).</summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.NewGuid();

    /// <summary>
    /// What this event must stay in order with: each handler receives events with the same key in the order they were written,
    /// and may handle events with different keys side by side (an appointment's booking and its cancellation stay in order,
    /// two patients' bookings need not wait for each other). Null, the default: in order with every other event of the batch.
    /// An event overrides it only when its handlers depend on nothing but the record the key names.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public virtual Guid? OrderingKey => null;
}

/// <summary>Handles an integration event; must be idempotent (it may be delivered more than once).</summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
