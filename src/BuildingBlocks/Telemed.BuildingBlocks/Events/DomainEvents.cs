namespace Telemed.BuildingBlocks.Events;

/// <summary>Something that happened to one entity and matters to others, raised by the entity itself.</summary>
public interface IDomainEvent;

/// <summary>
/// An entity that raises domain events from its own transition methods. The module's
/// <see cref="Data.ModuleDbContext"/> collects them on save: every event that is also an
/// <see cref="IntegrationEvent"/> goes into the module's outbox in the same transaction as the change,
/// so no service has to build (or forget to build) the event itself.
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _domainEvents = [];

    /// <summary>Events raised since the entity was loaded or last saved, oldest first.</summary>
    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    /// <summary>Called by the DbContext once the events are in the outbox.</summary>
    public void ClearDomainEvents() => _domainEvents.Clear();
}
