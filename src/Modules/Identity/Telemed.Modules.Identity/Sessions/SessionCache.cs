using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Telemed.Modules.Identity.Accounts;

namespace Telemed.Modules.Identity.Sessions;

/// <summary>
/// The sessions this host has seen, kept in memory so that checking a session on a request or hub call costs no
/// database round trip. An entry is a snapshot of the session row (plus, for bearer sessions, the account's roles),
/// with the last activity kept here and written to the database in batches by <see cref="SessionActivityFlush"/>.
/// </summary>
/// <remarks>
/// <para>
/// Revocation on this host is immediate: every path that ends a session (or changes it) forgets the entry right after
/// its database write commits (<see cref="SessionService"/>). A load that raced with such a change is not kept: loads
/// are stamped with the generation they started in, and every change moves the generation on.
/// </para>
/// <para>
/// Other hosts: an entry older than <see cref="IdleSessionOptions.RevalidateAfter"/> is read again from the
/// database before it is trusted, so a session ended elsewhere is refused here within that bound.
/// </para>
/// </remarks>
internal sealed class SessionCache(TimeProvider clock, IOptions<IdleSessionOptions> options)
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly ConcurrentDictionary<string, Guid> _byToken = new(StringComparer.Ordinal);
    private readonly Lock _changes = new();
    private long _generation;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>What the cache holds of one session. The snapshot is never changed in place: a change replaces the entry.</summary>
    internal sealed class Entry(UserSession snapshot, BearerAccount? account, DateTime loadedAt)
    {
        private long _lastSeen = snapshot.LastSeenAt.Ticks;
        private long _persisted = snapshot.LastSeenAt.Ticks;

        public UserSession Snapshot { get; } = snapshot;

        /// <summary>The account behind a bearer session (cookie sessions carry their claims in the cookie).</summary>
        public BearerAccount? Account { get; } = account;

        /// <summary>When the snapshot was read from the database (host clock, UTC).</summary>
        public DateTime LoadedAt { get; } = loadedAt;

        /// <summary>The latest activity seen on this host or read from the database (UTC).</summary>
        public DateTime LastSeenAt => new(Interlocked.Read(ref _lastSeen), DateTimeKind.Utc);

        /// <summary>The latest activity known to be in the database (UTC).</summary>
        public DateTime PersistedLastSeenAt => new(Interlocked.Read(ref _persisted), DateTimeKind.Utc);

        public bool IsDirty => Interlocked.Read(ref _lastSeen) > Interlocked.Read(ref _persisted);

        public void Touch(DateTime at) => Raise(ref _lastSeen, at.Ticks);

        public void MarkPersisted(DateTime at) => Raise(ref _persisted, at.Ticks);

        /// <summary>Carries activity seen by an older entry of the same session over to this one.</summary>
        public void Inherit(Entry? older)
        {
            if (older is not null)
            {
                Touch(older.LastSeenAt);
                MarkPersisted(older.PersistedLastSeenAt);
            }
        }

        private static void Raise(ref long field, long value)
        {
            var current = Interlocked.Read(ref field);
            while (value > current)
            {
                var seen = Interlocked.CompareExchange(ref field, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }

    /// <summary>The entry, unless missing or due for a re-read from the database.</summary>
    public Entry? Fresh(Guid sessionId) =>
        _entries.TryGetValue(sessionId, out var entry) && Now - entry.LoadedAt < options.Value.RevalidateAfter ? entry : null;

    /// <summary>The entry however old (null when not cached).</summary>
    public Entry? Current(Guid sessionId) => _entries.GetValueOrDefault(sessionId);

    /// <summary>The fresh entry of a bearer token's session (by the token's hash).</summary>
    public Entry? FreshByToken(string tokenHash) => _byToken.TryGetValue(tokenHash, out var id) ? Fresh(id) : null;

    /// <summary>The generation a database read starts in; pass it to <see cref="Store"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// Keeps what was read from the database (activity already seen here is kept), unless something changed sessions
    /// since <paramref name="generation"/>: then the read may be stale and is used for this check only.
    /// </summary>
    public Entry Store(UserSession fromDatabase, BearerAccount? account, long generation)
    {
        var entry = new Entry(fromDatabase, account, Now);
        lock (_changes)
        {
            _entries.TryGetValue(fromDatabase.Id, out var older);
            entry.Inherit(older);
            if (Interlocked.Read(ref _generation) == generation)
            {
                _entries[fromDatabase.Id] = entry;
                if (fromDatabase.TokenHash is { } hash)
                {
                    _byToken[hash] = fromDatabase.Id;
                }
            }
        }

        return entry;
    }

    /// <summary>Forgets one session (ended or changed); the next check reads the database.</summary>
    public void Forget(Guid sessionId) => ForgetWhere(e => e.Snapshot.Id == sessionId);

    /// <summary>Forgets every session of a user, or all but one.</summary>
    public void ForgetUser(Guid userId, Guid? except = null) => ForgetWhere(e => e.Snapshot.UserId == userId && e.Snapshot.Id != except);

    private void ForgetWhere(Func<Entry, bool> which)
    {
        lock (_changes)
        {
            Interlocked.Increment(ref _generation);
            // A scan: sessions end rarely, and a host holds thousands of them, not millions.
            foreach (var entry in _entries.Values.Where(which).ToList())
            {
                _entries.TryRemove(entry.Snapshot.Id, out _);
                if (entry.Snapshot.TokenHash is { } hash)
                {
                    _byToken.TryRemove(hash, out _);
                }
            }
        }
    }

    /// <summary>Sessions whose activity here is newer than the database's.</summary>
    public IReadOnlyList<Entry> Dirty() => _entries.Values.Where(e => e.IsDirty).ToList();

    /// <summary>
    /// Drops entries nobody needs any more: ended ones, and ones idle past the timeout whose activity is persisted
    /// (the next check reads the database and ends them there).
    /// </summary>
    public void Trim()
    {
        var now = Now;
        var idle = options.Value.IdleTimeout;
        foreach (var entry in _entries.Values.Where(e => e.Snapshot.EndedAt is not null || (!e.IsDirty && now - e.LastSeenAt >= idle)).ToList())
        {
            if (_entries.TryRemove(new KeyValuePair<Guid, Entry>(entry.Snapshot.Id, entry)) && entry.Snapshot.TokenHash is { } hash)
            {
                _byToken.TryRemove(new KeyValuePair<string, Guid>(hash, entry.Snapshot.Id));
            }
        }
    }

    public int Count => _entries.Count;
}

/// <summary>What a bearer session needs of its account to build the principal (nothing identifying is kept in memory).</summary>
internal sealed record BearerAccount(Guid UserId, bool IsActive, bool IsStaff, IReadOnlyList<string> Roles)
{
    public static BearerAccount Of(UserAccount user) => new(user.Id, user.Status == AccountStatus.Active, user.IsStaff, user.RoleNames);
}
