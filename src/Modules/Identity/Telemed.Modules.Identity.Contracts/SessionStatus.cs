namespace Telemed.Modules.Identity.Contracts;

/// <summary>
/// Whether a server-side session is still alive, for credentials that another module mints on a session's behalf (the FHIR
/// API's scoped tokens): such a credential lives no longer than its session, so signing out, suspension, a role change or a
/// password reset revokes it at once.
/// </summary>
public interface ISessionStatus
{
    /// <summary>
    /// True while the session <paramref name="sessionId"/> exists, has not ended and has not idled out; a use counts as the
    /// session's activity (it extends the idle timeout like any request of that session). Served from the in-memory session
    /// cache when fresh, so it costs no database round trip on the hot path.
    /// </summary>
    Task<bool> IsActiveAsync(Guid sessionId, CancellationToken cancellationToken = default);
}

/// <summary>
/// What another module does when a person's sessions end (sign-out, idle or lifetime expiry, suspension, a role change,
/// a password or MFA reset, erasure): close what it holds open for them outside Telemed's own connections, such as a seat
/// in a video room the browser talks to directly. Called on the host that ended the session, after the end is saved; a
/// failure is logged and does not undo the sign-out. Implementations are idempotent: the same person may sign out of two
/// devices at once.
/// </summary>
public interface ISessionEndedHandler
{
    /// <param name="userId">The person whose session (or every session) ended.</param>
    Task SessionsEndedAsync(Guid userId, CancellationToken cancellationToken);
}
