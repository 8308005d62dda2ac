using System.Collections.Concurrent;

namespace Telemed.BuildingBlocks.Caching;

/// <summary>
/// A host-local cache of reference data (doctors, clinics, schedule rules) that the owning module clears on its own writes, on
/// the other hosts' cluster signals, and when its <see cref="ReferenceVersionWatch{TContext}"/> sees another writer's change.
/// Entries also expire after <see cref="Lifetime"/>, the last bound on staleness should all of those fail. A load that started before an invalidation does not store its (possibly old)
/// result, so a reader racing a writer cannot put stale data back after the writer invalidated.
/// </summary>
/// <remarks>
/// Expiry runs on the monotonic clock (<see cref="Environment.TickCount64"/>), not the host's <see cref="TimeProvider"/>, so
/// tests that move the business clock do not move cache lifetimes. Never cache PHI here: a PHI read must reach the database
/// (and its audit record) every time.
/// </remarks>
public sealed class ReferenceCache<TKey, TValue> where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, long ExpiresAt)> _entries = new();
    private readonly int _maxEntries;
    private long _generation;

    /// <param name="lifetime">How long an entry is served before it is read again (the staleness bound across hosts).</param>
    /// <param name="maxEntries">Past this many entries the cache starts over (bounds memory if many keys are asked for).</param>
    public ReferenceCache(TimeSpan lifetime, int maxEntries = 50_000)
    {
        Lifetime = lifetime;
        _maxEntries = maxEntries;
    }

    public TimeSpan Lifetime { get; }

    /// <summary>The generation to pass to <see cref="Set"/> for a load that starts now.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > Environment.TickCount64)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Stores a value loaded since <paramref name="generation"/> was read; ignored if the cache was invalidated meanwhile.</summary>
    public void Set(TKey key, TValue value, long generation)
    {
        if (generation != Generation)
        {
            return;
        }

        if (_entries.Count >= _maxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = (value, Environment.TickCount64 + (long)Lifetime.TotalMilliseconds);
    }

    /// <summary>The cached value, or <paramref name="load"/>'s result, stored unless <paramref name="keep"/> says not to (e.g. not found).</summary>
    public async Task<TValue> GetOrLoadAsync(TKey key, Func<Task<TValue>> load, Func<TValue, bool>? keep = null)
    {
        if (TryGet(key, out var cached))
        {
            return cached;
        }

        var generation = Generation;
        var loaded = await load();
        if (keep is null || keep(loaded))
        {
            Set(key, loaded, generation);
        }

        return loaded;
    }

    /// <summary>Forgets everything; loads in flight will not store their results.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}
