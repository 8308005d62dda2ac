using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// Serialises the writers of one SQLite database file inside this process: one async gate per file, shared by every
/// host and DbContext in the process. SQLite allows one writer at a time; without the gate a second writer meets
/// <c>SQLITE_BUSY</c>, and Microsoft.Data.Sqlite then sleeps in fixed ~150 ms steps, which collapses throughput under
/// concurrent writes. With it, writers queue in memory and take turns as soon as the previous commit is done.
/// </summary>
/// <remarks>
/// <para>
/// Every module DbContext takes the gate by itself (<see cref="SqliteWriteGateInterceptor"/>): from the start of a
/// transaction until its commit or rollback, and around a write statement run outside a transaction. Readers never
/// take it (WAL mode lets them read alongside the writer). Raw ADO.NET code that writes on a connection of its own
/// takes it explicitly:
/// <code>
/// await using (await gate.EnterAsync(ct)) { /* BEGIN; INSERT …; COMMIT */ }
/// </code>
/// Code that writes inside a module DbContext's open transaction (on its connection, e.g. through
/// <c>Database.GetDbConnection()</c> with that transaction) already holds the gate and must not enter it again.
/// </para>
/// <para>
/// The gate is not re-entrant: code holding it must not wait for another connection's write (a second DbContext
/// writing while the first one's transaction is open). Such a wait does not hang forever: after
/// <see cref="Timeout"/> (the connection's <c>Default Timeout</c>, 30 s by default) it fails with the same
/// <c>SQLITE_BUSY</c> error SQLite would have given. Nested use on one connection (a <c>SaveChanges</c> inside an
/// open transaction) never asks for the gate again.
/// </para>
/// <para>On PostgreSQL the host's gate is <see cref="Disabled"/>: entering it returns at once.</para>
/// </remarks>
public sealed class SqliteWriteGate
{
    private const int SqliteBusy = 5;

    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _semaphore = new(1, 1);

    private SqliteWriteGate(string? databasePath, TimeSpan timeout)
    {
        DatabasePath = databasePath;
        Timeout = timeout;
    }

    /// <summary>A gate that never waits (PostgreSQL, or an in-memory SQLite database).</summary>
    public static SqliteWriteGate Disabled { get; } = new(null, System.Threading.Timeout.InfiniteTimeSpan);

    /// <summary>The full path of the database file this gate guards; null for <see cref="Disabled"/>.</summary>
    public string? DatabasePath { get; }

    /// <summary>Whether entering can wait at all (false on PostgreSQL).</summary>
    public bool IsEnabled => DatabasePath is not null;

    /// <summary>How long a writer waits for its turn before it fails with <c>SQLITE_BUSY</c>.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The gate of the host's database: the SQLite file's, or <see cref="Disabled"/> on PostgreSQL.</summary>
    public static SqliteWriteGate For(DatabaseConnection database) =>
        database.IsPostgres ? Disabled : ForConnectionString(database.ConnectionString);

    /// <summary>The process-wide gate of the SQLite file a connection string names (one per file, whatever the spelling).</summary>
    public static SqliteWriteGate ForConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
        {
            return Disabled;
        }

        var path = Path.GetFullPath(builder.DataSource);
        var timeout = TimeSpan.FromSeconds(builder.DefaultTimeout > 0 ? builder.DefaultTimeout : 30);
        return Gates.GetOrAdd(path, p => new SqliteWriteGate(p, timeout));
    }

    /// <summary>Waits for this process's turn to write; dispose the lease right after the commit or rollback.</summary>
    /// <exception cref="SqliteException"><c>SQLITE_BUSY</c> when the turn did not come within <see cref="Timeout"/>.</exception>
    public async ValueTask<Lease> EnterAsync(CancellationToken cancellationToken = default)
    {
        if (!IsEnabled)
        {
            return default;
        }

        var asked = Stopwatch.GetTimestamp();
        if (!await _semaphore.WaitAsync(Timeout, cancellationToken))
        {
            throw TimedOut();
        }

        return Entered(asked);
    }

    /// <summary>The synchronous <see cref="EnterAsync"/>, for EF's synchronous paths.</summary>
    public Lease Enter(CancellationToken cancellationToken = default)
    {
        if (!IsEnabled)
        {
            return default;
        }

        var asked = Stopwatch.GetTimestamp();
        if (!_semaphore.Wait(Timeout, cancellationToken))
        {
            throw TimedOut();
        }

        return Entered(asked);
    }

    /// <summary>
    /// Whether the gate was free at some moment within <paramref name="within"/> (it is entered and left at once; the caller then
    /// enters it as usual, and may still wait). For a writer that already waited elsewhere: it fails once its own time is up.
    /// </summary>
    internal async Task<bool> FreeWithinAsync(TimeSpan within)
    {
        if (!IsEnabled)
        {
            return true;
        }

        if (!await _semaphore.WaitAsync(within < TimeSpan.Zero ? TimeSpan.Zero : within))
        {
            return false;
        }

        _semaphore.Release();
        return true;
    }

    /// <summary>The error of a writer whose turn did not come within <see cref="Timeout"/>: <c>SQLITE_BUSY</c>, as SQLite's own.</summary>
    internal SqliteException TimedOut() =>
        new($"database is locked: the in-process write gate was not released within {Timeout.TotalSeconds:0} s", SqliteBusy, SqliteBusy);

    private Lease Entered(long asked)
    {
        var now = Stopwatch.GetTimestamp();
        TelemedMetrics.SqliteWriteWait.Record(Stopwatch.GetElapsedTime(asked, now).TotalSeconds);
        return new Lease(this, now);
    }

    private void Release(long entered)
    {
        _semaphore.Release();
        TelemedMetrics.SqliteWriteHeld.Record(Stopwatch.GetElapsedTime(entered).TotalSeconds);
    }

    /// <summary>A turn at writing; disposing it (once) lets the next writer in. The default value holds nothing.</summary>
    public readonly struct Lease : IDisposable, IAsyncDisposable
    {
        private readonly Holder? _holder;

        internal Lease(SqliteWriteGate gate, long entered) => _holder = new Holder(gate, entered);

        public void Dispose() => _holder?.Release();

        public ValueTask DisposeAsync()
        {
            _holder?.Release();
            return ValueTask.CompletedTask;
        }

        // A class so that copies of the lease share one "released" flag: the gate is released at most once.
        private sealed class Holder(SqliteWriteGate gate, long entered)
        {
            private int _released;

            public void Release()
            {
                if (Interlocked.Exchange(ref _released, 1) == 0)
                {
                    gate.Release(entered);
                }
            }
        }
    }
}
