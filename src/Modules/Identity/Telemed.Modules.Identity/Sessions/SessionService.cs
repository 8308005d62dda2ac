using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.Modules.Identity.Contracts;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.Modules.Identity.Infrastructure;

namespace Telemed.Modules.Identity.Sessions;

/// <summary>A live session as a request or hub call sees it: the session row and when it idles out (UTC).</summary>
internal sealed record SessionState(UserSession Session, DateTime IdleExpiresAt);

/// <summary>
/// Server-side sessions: start, check (idle timeout, lifetime), change, end. Checks are served from the
/// <see cref="SessionCache"/> (no database round trip while the entry is fresh); every path that ends or changes a
/// session writes the database first and then, through <see cref="SessionEndings"/>, forgets the cached entry and closes
/// the session's hub connections on this host and (with <c>Cluster:Redis</c>) on every other host, so revocation takes
/// effect at once everywhere.
/// </summary>
internal sealed class SessionService(IServiceProvider services, SessionCache cache, TimeProvider clock, IOptions<IdleSessionOptions> options,
    SessionEndings endings)
{
    private IdentityDbContext? _db;

    // Resolved only when the database is needed: a check served from memory builds no DbContext.
    private IdentityDbContext Db => _db ??= services.GetRequiredService<IdentityDbContext>();

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
        Db.Sessions.Add(session);
        await Db.SaveChangesAsync(ct);
        return session;
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Checks a session by id (cookie, hub): null when it does not exist or has ended; ends it when idle or past its
    /// lifetime; counts this as activity when <paramref name="extend"/>.
    /// </summary>
    public async Task<SessionState?> CheckAsync(Guid sessionId, bool extend, CancellationToken ct)
    {
        var entry = cache.Fresh(sessionId) ?? await LoadAsync(sessionId, ct);
        return entry is null ? null : await ValidateAsync(entry, extend, reloaded: false, ct);
    }

    /// <summary>Checks a bearer token's session and its account (which must be active); the principal is built from what comes back.</summary>
    public async Task<(SessionState State, BearerAccount Account)?> CheckTokenAsync(string token, bool extend, CancellationToken ct)
    {
        var hash = HashToken(token);
        var entry = cache.FreshByToken(hash);
        if (entry?.Account is null)
        {
            var generation = cache.Generation;
            var session = await Db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.TokenHash == hash && s.Kind == SessionKind.Bearer, ct);
            entry = session is null ? null : cache.Store(session, await AccountAsync(session.UserId, ct), generation);
        }

        if (entry?.Account is not { IsActive: true } account)
        {
            return null;
        }

        var state = await ValidateAsync(entry, extend, reloaded: false, ct);
        return state is null ? null : (state, account);
    }

    /// <summary>Re-reads the sessions from the database (the connection sweep) and returns those that are no longer alive.</summary>
    public async Task<IReadOnlyList<Guid>> RecheckAsync(IReadOnlyCollection<Guid> sessionIds, CancellationToken ct)
    {
        var generation = cache.Generation;
        var found = await Db.Sessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var ended = new List<Guid>();
        foreach (var id in sessionIds)
        {
            var entry = found.TryGetValue(id, out var session) ? cache.Store(session, cache.Current(id)?.Account, generation) : null;
            if (entry is null || await ValidateAsync(entry, extend: false, reloaded: true, ct) is null)
            {
                ended.Add(id);
            }
        }

        return ended;
    }

    private async Task<SessionCache.Entry?> LoadAsync(Guid sessionId, CancellationToken ct)
    {
        var generation = cache.Generation;
        var session = await Db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return null;
        }

        var account = session.Kind == SessionKind.Bearer ? await AccountAsync(session.UserId, ct) : null;
        return cache.Store(session, account, generation);
    }

    private async Task<BearerAccount?> AccountAsync(Guid userId, CancellationToken ct)
    {
        var user = await Db.Users.AsNoTracking().Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == userId, ct);
        return user is null ? null : BearerAccount.Of(user);
    }

    private async Task<SessionState?> ValidateAsync(SessionCache.Entry entry, bool extend, bool reloaded, CancellationToken ct)
    {
        var session = entry.Snapshot;
        if (session.EndedAt is not null)
        {
            return null;
        }

        var now = Now;
        var idle = options.Value.IdleTimeout;
        var idleFor = now - entry.LastSeenAt;
        if (idleFor >= idle || now - session.CreatedAt >= options.Value.AbsoluteLifetime)
        {
            // Before ending it on this host's word, read the database: another host may have recorded activity since.
            if (!reloaded && await LoadAsync(session.Id, ct) is { } again)
            {
                return await ValidateAsync(again, extend, reloaded: true, ct);
            }

            var reason = idleFor >= idle ? "idle" : "lifetime";
            var ended = await Db.Sessions.Where(s => s.Id == session.Id && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now).SetProperty(x => x.EndReason, reason), ct);
            endings.SessionEnded(session.Id);
            if (ended > 0)
            {
                services.GetRequiredService<AuditScope>().Record(AuditActions.SessionExpired, AuditOutcome.Success, "Session", session.Id.ToString(), reason, session.UserId);
                await TellModulesAsync(session.UserId);
            }

            return null;
        }

        if (extend)
        {
            entry.Touch(now);
        }

        return new SessionState(session, entry.LastSeenAt + idle);
    }

    /// <summary>The staff member passed the second factor: the session now carries their roles.</summary>
    public async Task MarkMfaSatisfiedAsync(Guid sessionId, CancellationToken ct)
    {
        await Db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.MfaSatisfied, true), ct);
        endings.SessionChanged(sessionId);
    }

    // Ending sessions takes no cancellation token: it follows a change already committed (a role change, a suspension, a
    // new password, an erasure) or a sign-out the user asked for, so a caller who disconnects at that moment must not leave
    // the old sessions, their roles and their hub connections alive.

    /// <summary>Ends one session of <paramref name="userId"/> (sign-out), closes its hub connections and tells the modules (<see cref="ISessionEndedHandler"/>).</summary>
    public async Task EndAsync(Guid sessionId, Guid userId, string reason)
    {
        await Db.Sessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, Now).SetProperty(x => x.EndReason, reason), CancellationToken.None);
        endings.SessionEnded(sessionId);
        await TellModulesAsync(userId);
    }

    /// <summary>Ends every session of a user and closes their hub connections, e.g. after suspension, a role change or a password reset.</summary>
    public async Task EndAllAsync(Guid userId, string reason)
    {
        await UntilNotCrossedAsync(() => Db.Sessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, Now).SetProperty(x => x.EndReason, reason), CancellationToken.None));
        endings.UserSessionsEnded(userId);
        await TellModulesAsync(userId);
    }

    /// <summary>
    /// The modules close what they hold open for the person (a video room seat); one that fails is logged, not rethrown: the
    /// session has ended already, and the sign-out must not fail because a media server is down.
    /// </summary>
    private async Task TellModulesAsync(Guid userId)
    {
        foreach (var handler in services.GetServices<ISessionEndedHandler>())
        {
            try
            {
                await handler.SessionsEndedAsync(userId, CancellationToken.None);
            }
            catch (Exception e)
            {
                services.GetRequiredService<ILogger<SessionService>>().LogWarning("{Handler} failed after a session ended: {Error}", handler.GetType().Name, e.GetType().Name);
            }
        }
    }

    /// <summary>Ends every session of a user but the one that made a credential change (e.g. a new authenticator key).</summary>
    public async Task EndOthersAsync(Guid userId, Guid keptSessionId, string reason)
    {
        await UntilNotCrossedAsync(() => Db.Sessions.Where(s => s.UserId == userId && s.Id != keptSessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, Now).SetProperty(x => x.EndReason, reason), CancellationToken.None));
        endings.OtherSessionsEnded(userId, keptSessionId);
    }

    /// <summary>
    /// Runs an ending of many sessions again when PostgreSQL made it a deadlock's victim: the activity flush writes several sessions'
    /// last-seen times in one transaction, in its own order, and may cross it. The ending comes after the change that asked for it
    /// (a suspension, a role change) has committed, so it must not fail that change's answer; it sets only what is still open, so
    /// running it again is safe.
    /// </summary>
    private static async Task UntilNotCrossedAsync(Func<Task<int>> ending)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ending();
                return;
            }
            catch (Exception e) when (attempt < 5 && e.IsCrossingWriters())
            {
            }
        }
    }
}
