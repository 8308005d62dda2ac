using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Identity.Sessions;

/// <summary><see cref="ISessionStatus"/> over <see cref="SessionService"/>: the same check (idle timeout, lifetime, revocation) as a request of the session.</summary>
internal sealed class SessionStatusReader(SessionService sessions) : ISessionStatus
{
    public async Task<bool> IsActiveAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        await sessions.CheckAsync(sessionId, extend: true, cancellationToken) is not null;
}
