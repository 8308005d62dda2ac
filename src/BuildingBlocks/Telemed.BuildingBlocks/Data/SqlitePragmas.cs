using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// The pragmas every SQLite connection of the host runs with, set once per physical connection (pooled connections
/// keep them): <c>journal_mode=WAL</c> once per database file (it is stored in the file: readers no longer wait for
/// the writer), <c>synchronous</c> (<see cref="SqliteSynchronous.Full"/> by default: a commit survives power loss),
/// <c>busy_timeout</c> (only another process can still make a writer wait: in this process writers queue on the
/// <see cref="SqliteWriteGate"/>), <c>cache_size</c>, <c>temp_store=MEMORY</c>, and <c>wal_autocheckpoint=0</c> with
/// <c>journal_size_limit</c>: the log is checkpointed by the host's <see cref="SqliteCheckpointer"/>, not inside a commit. Foreign keys stay as the connection
/// string sets them.
/// </summary>
public sealed class SqlitePragmas(SqliteSettings settings)
{
    /// <summary>The size the write-ahead log file is trimmed back to after a restart (<c>PRAGMA journal_size_limit</c>): 64 MiB.</summary>
    public const long JournalSizeLimitBytes = 64L * 1024 * 1024;

    private static readonly ConcurrentDictionary<string, bool> WalFiles = new(StringComparer.Ordinal);

    // The native handle outlives the pooled SqliteConnection objects that wrap it: pragmas are set once per handle.
    private readonly ConditionalWeakTable<object, object> _configured = new();

    /// <summary>Sets the pragmas on an open connection unless this physical connection already has them.</summary>
    public void Apply(SqliteConnection connection)
    {
        if (connection.Handle is not { } handle || _configured.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Sql(connection);
        command.ExecuteNonQuery();
        _configured.AddOrUpdate(handle, this);
    }

    /// <summary>The asynchronous <see cref="Apply"/>.</summary>
    public async Task ApplyAsync(SqliteConnection connection, CancellationToken ct = default)
    {
        if (connection.Handle is not { } handle || _configured.TryGetValue(handle, out _))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Sql(connection);
        await command.ExecuteNonQueryAsync(ct);
        _configured.AddOrUpdate(handle, this);
    }

    private string Sql(SqliteConnection connection)
    {
        var builder = new SqliteConnectionStringBuilder(connection.ConnectionString);
        var readOnly = builder.Mode == SqliteOpenMode.ReadOnly;
        var memory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:";
        var file = memory ? "" : Path.GetFullPath(builder.DataSource);
        // WAL is a property of the file: set it once per file and process (the migration runner sets it at start-up too).
        var wal = !readOnly && !memory && WalFiles.TryAdd(file, true) ? "PRAGMA journal_mode=WAL;" : "";
        var synchronous = settings.Synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL";
        // No connection checkpoints as part of its commit (the host's SqliteCheckpointer does it off the write gate), and a log
        // the checkpointer restarted is trimmed back to 64 MiB.
        return $"{wal}PRAGMA synchronous={synchronous};PRAGMA busy_timeout={Math.Max(0, settings.BusyTimeoutMilliseconds)};" +
               $"PRAGMA cache_size=-{Math.Max(256, settings.CacheSizeKiB)};PRAGMA temp_store=MEMORY;" +
               $"PRAGMA wal_autocheckpoint=0;PRAGMA journal_size_limit={JournalSizeLimitBytes};";
    }

    /// <summary>The EF interceptor that applies the pragmas whenever a module DbContext opens a connection.</summary>
    internal IInterceptor Interceptor => new OnOpen(this);

    private sealed class OnOpen(SqlitePragmas pragmas) : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (connection is SqliteConnection sqlite)
            {
                pragmas.Apply(sqlite);
            }
        }

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
            connection is SqliteConnection sqlite ? pragmas.ApplyAsync(sqlite, cancellationToken) : Task.CompletedTask;
    }
}
