using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Identity.Infrastructure;

namespace Telemed.Modules.Identity.Sessions;

internal sealed record SessionState(UserSession Session, DateTime IdleExpiresAt);

/// <summary>Server-side sessions: start, check (idle timeout, lifetime), end. Ending a session also closes its hub connections on this host.</summary>
internal sealed class SessionService(IdentityDbContext db, TimeProvider clock, IOptions<IdleSessionOptions> options, AuditScope audit, HubConnectionRegistry connections)
{
    // Writing LastSeenAt on every request would make each read a write; a few seconds of slack is harmless.
    private static readonly TimeSpan TouchGranularity = TimeSpan.FromSeconds(5);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<UserSession> StartAsync(Guid userId, SessionKind kind, bool mfaSatisfied, string? token, CancellationToken ct)
    {
        var session = new UserSession
        {
            UserId = userId,
            Kind = kind,
            MfaSatisfied = mfaSatisfied,
            TokenHash = token is null ? null : HashToken(token),
            CreatedAt = Now,
            LastSeenAt = Now,
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public Task<UserSession?> FindByTokenAsync(string token, CancellationToken ct)
    {
        var hash = HashToken(token);
        return db.Sessions.SingleOrDefaultAsync(s => s.TokenHash == hash && s.Kind == SessionKind.Bearer, ct);
    }

    /// <summary>Checks the session is alive; ends it when idle too long; extends it unless <paramref name="extend"/> is false.</summary>
    public async Task<SessionState?> ValidateAsync(UserSession? session, bool extend, CancellationToken ct)
    {
        if (session is null || session.EndedAt is not null)
        {
            return null;
        }

        var now = Now;
        var idle = options.Value.IdleTimeout;
        if (now - session.LastSeenAt >= idle || now - session.CreatedAt >= options.Value.AbsoluteLifetime)
        {
            session.EndedAt = now;
            session.EndReason = now - session.LastSeenAt >= idle ? "idle" : "lifetime";
            await db.SaveChangesAsync(ct);
            connections.CloseSession(session.Id);
            audit.Record(AuditActions.SessionExpired, AuditOutcome.Success, "Session", session.Id.ToString(), session.EndReason, session.UserId);
            return null;
        }

        if (extend && now - session.LastSeenAt >= TouchGranularity)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(ct);
        }

        return new SessionState(session, session.LastSeenAt + idle);
    }

    public Task<UserSession?> FindAsync(Guid sessionId, CancellationToken ct) => db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId, ct);

    /// <summary>Ends one session (sign-out) and closes its hub connections.</summary>
    public async Task EndAsync(Guid sessionId, string reason, CancellationToken ct)
    {
        await db.Sessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, Now).SetProperty(x => x.EndReason, reason), ct);
        connections.CloseSession(sessionId);
    }

    /// <summary>Ends every session of a user and closes their hub connections, e.g. after suspension, a role change or a password reset.</summary>
    public async Task EndAllAsync(Guid userId, string reason, CancellationToken ct)
    {
        await db.Sessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, Now).SetProperty(x => x.EndReason, reason), ct);
        connections.CloseUser(userId);
    }

    /// <summary>Ends every session of a user but the one that made a credential change (e.g. a new authenticator key).</summary>
    public async Task EndOthersAsync(Guid userId, Guid keptSessionId, string reason, CancellationToken ct)
    {
        await db.Sessions.Where(s => s.UserId == userId && s.Id != keptSessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, Now).SetProperty(x => x.EndReason, reason), ct);
        connections.CloseUserExcept(userId, keptSessionId);
    }
}
