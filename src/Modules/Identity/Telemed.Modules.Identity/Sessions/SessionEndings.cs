using Telemed.BuildingBlocks.Cluster;

namespace Telemed.Modules.Identity.Sessions;

/// <summary>
/// A change to sessions that every host must act on at once: ended sessions lose their hub connections and cached entry on
/// whichever host holds them; a changed session (MFA passed) is read again. <see cref="SessionId"/> alone: that session;
/// <see cref="UserId"/> alone: every session of the user; both: every session of the user except <see cref="SessionId"/>.
/// </summary>
/// <param name="Closes">False when the session only changed (forget the cached entry, keep its connections).</param>
public sealed record SessionsChanged(Guid? SessionId, Guid? UserId, bool Closes);

/// <summary>Publishes <see cref="SessionsChanged"/> to every host (this one first, before returning).</summary>
internal sealed class SessionEndings(ClusterSignals signals)
{
    public void SessionEnded(Guid sessionId) => signals.Publish(new SessionsChanged(sessionId, null, Closes: true));

    public void UserSessionsEnded(Guid userId) => signals.Publish(new SessionsChanged(null, userId, Closes: true));

    public void OtherSessionsEnded(Guid userId, Guid keptSessionId) => signals.Publish(new SessionsChanged(keptSessionId, userId, Closes: true));

    public void SessionChanged(Guid sessionId) => signals.Publish(new SessionsChanged(sessionId, null, Closes: false));
}

/// <summary>Applies <see cref="SessionsChanged"/> to this host's session cache and hub connections.</summary>
internal sealed class ApplySessionsChanged(SessionCache cache, HubConnectionRegistry connections) : IClusterSignalHandler<SessionsChanged>
{
    public void Handle(SessionsChanged signal)
    {
        switch (signal)
        {
            case { UserId: { } user, SessionId: { } kept }:
                cache.ForgetUser(user, except: kept);
                if (signal.Closes)
                {
                    connections.CloseUserExcept(user, kept);
                }

                break;
            case { UserId: { } user }:
                cache.ForgetUser(user);
                if (signal.Closes)
                {
                    connections.CloseUser(user);
                }

                break;
            case { SessionId: { } session }:
                cache.Forget(session);
                if (signal.Closes)
                {
                    connections.CloseSession(session);
                }

                break;
        }
    }
}
