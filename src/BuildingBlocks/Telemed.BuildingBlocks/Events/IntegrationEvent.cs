namespace Telemed.BuildingBlocks.Events;

/// <summary>A fact one module tells the others, named in the past tense (e.g. <c>PatientRegistered</c>).</summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.NewGuid();
}

/// <summary>Handles an integration event; must be idempotent (it may be delivered more than once).</summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
