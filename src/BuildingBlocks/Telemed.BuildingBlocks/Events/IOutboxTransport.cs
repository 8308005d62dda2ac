namespace Telemed.BuildingBlocks.Events;

/// <summary>
/// A message broker the outbox publishes to instead of delivering in process (<see cref="OutboxDispatcher"/>). Registered
/// only when one is configured; every host then consumes what any host published.
/// </summary>
public interface IOutboxTransport
{
    /// <summary>
    /// Publishes one outbox row as stored (payload still encrypted, message id = the row's id) and returns once the broker
    /// has confirmed it durably; the caller marks the row processed only then.
    /// </summary>
    /// <param name="moduleName">The module whose outbox holds the row (a failed delivery's retry row goes back there).</param>
    /// <param name="attempt">The attempt this publication is (the row's attempts, this one included).</param>
    /// <exception cref="Exception">Any failure (broker unreachable, no confirm in time, a negative confirm): the row stays pending.</exception>
    Task PublishAsync(string moduleName, OutboxMessage message, int attempt, CancellationToken ct);
}
