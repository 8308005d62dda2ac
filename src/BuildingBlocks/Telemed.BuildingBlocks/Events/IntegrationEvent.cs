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

/// <summary>
/// A handler that can also take several events of one type at once, to write what they cause in one transaction (one save for a
/// batch of bookings' notifications instead of one each). Delivery hands it each run of consecutive events of the type in the
/// outbox batch, oldest first, and keeps all its events in one lane (it sees them in the order they were written, so it needs no
/// ordering key). When the batch call throws, delivery runs each of those events alone through
/// <see cref="IIntegrationEventHandler{TEvent}.HandleAsync"/>, so a failure is reported (and retried) for the event that causes
/// it only; the batch must therefore be as idempotent as the single call, and leave nothing half-done that the single call cannot
/// complete.
/// </summary>
public interface IIntegrationEventBatchHandler<TEvent> : IIntegrationEventHandler<TEvent> where TEvent : IntegrationEvent
{
    /// <summary>Handles <paramref name="integrationEvents"/> (two or more, oldest first) as one unit of work.</summary>
    Task HandleAsync(IReadOnlyList<TEvent> integrationEvents, CancellationToken cancellationToken);
}
