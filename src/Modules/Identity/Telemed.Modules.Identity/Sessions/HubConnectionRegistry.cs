using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Telemed.Modules.Identity.Sessions;

/// <summary>
/// The hub connections open on this host, by session and user, so that ending a session closes them at once
/// (sign-out, suspension, role change, password reset, MFA re-enrolment, idle expiry).
/// </summary>
/// <remarks>
/// One host's memory: a session ended on another host reaches this one as a <see cref="SessionsChanged"/> cluster signal
/// (Redis pub/sub). Should that signal be lost (Redis down), this host still notices the ended session when it reads it
/// again: at the first invocation after its cached entry is older than <see cref="IdleSessionOptions.RevalidateAfter"/>,
/// or at its <see cref="IdleConnectionSweep"/>, whichever comes first.
/// </remarks>
internal sealed class HubConnectionRegistry
{
    private readonly ConcurrentDictionary<string, OpenConnection> _connections = new();

    private sealed record OpenConnection(HubCallerContext Context, Guid SessionId, Guid UserId);

    public void Add(HubCallerContext context, Guid sessionId, Guid userId) =>
        _connections[context.ConnectionId] = new OpenConnection(context, sessionId, userId);

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>Sessions that hold at least one connection on this host.</summary>
    public IReadOnlyCollection<Guid> OpenSessions() => _connections.Values.Select(c => c.SessionId).Distinct().ToList();

    /// <summary>Closes every connection of the session; returns how many were open.</summary>
    public int CloseSession(Guid sessionId) => Close(c => c.SessionId == sessionId);

    /// <summary>Closes every connection of every session of the user; returns how many were open.</summary>
    public int CloseUser(Guid userId) => Close(c => c.UserId == userId);

    /// <summary>Closes the user's connections except those of one session (the one that made the change).</summary>
    public int CloseUserExcept(Guid userId, Guid keptSessionId) => Close(c => c.UserId == userId && c.SessionId != keptSessionId);

    // A scan: sessions end rarely and a host holds thousands of connections, not millions.
    private int Close(Func<OpenConnection, bool> which)
    {
        var closing = _connections.Values.Where(which).ToList();
        foreach (var connection in closing)
        {
            _connections.TryRemove(connection.Context.ConnectionId, out _);
            connection.Context.Abort();
        }

        return closing.Count;
    }
}
