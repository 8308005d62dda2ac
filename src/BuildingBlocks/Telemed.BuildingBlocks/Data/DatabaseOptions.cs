namespace Telemed.BuildingBlocks.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>SQLite's <c>PRAGMA synchronous</c> in WAL mode: when a commit is on disk.</summary>
public enum SqliteSynchronous
{
    /// <summary>The WAL is synced at checkpoints only: a commit survives a crash of the process, not of the machine (power loss).</summary>
    Normal,

    /// <summary>The WAL is synced at every commit: a commit survives power loss. The default.</summary>
    Full,
}

/// <summary>Bound from the <c>Database</c> configuration section (<c>Database__Provider</c>, <c>Database__ConnectionString</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty means the embedded default: a SQLite file under the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Opens the database read-only (operator checks such as <c>audit verify</c>).</summary>
    public bool ReadOnly { get; set; }

    /// <summary>SQLite only (<c>Database__Sqlite__Synchronous</c>): <c>Full</c> (default, durable on power loss) or <c>Normal</c>.</summary>
    public SqliteSettings Sqlite { get; set; } = new();

    /// <summary>PostgreSQL only (<c>Database__Postgres__…</c>).</summary>
    public PostgresSettings Postgres { get; set; } = new();
}

/// <summary>Pragmas set on every SQLite connection the host opens (see <see cref="SqlitePragmas"/>).</summary>
public sealed class SqliteSettings
{
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>Page cache per connection, in KiB (<c>PRAGMA cache_size</c> = minus this). SQLite's default is 2,000.</summary>
    public int CacheSizeKiB { get; set; } = 16_384;

    /// <summary>How long SQLite itself retries when another process holds the write lock (<c>PRAGMA busy_timeout</c>), in milliseconds.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 5_000;
}

/// <summary>Connection settings the host adds to the PostgreSQL connection string unless it sets them itself.</summary>
public sealed class PostgresSettings
{
    /// <summary>
    /// Npgsql's <c>No Reset On Close</c>: a pooled connection is handed out again without <c>DISCARD ALL</c> (one
    /// statement per check-out saved). Safe because nothing the host runs leaves session state behind: its locks and
    /// settings are transaction-scoped (<c>pg_advisory_xact_lock</c>, <c>SET LOCAL</c>); the one session-level advisory
    /// lock (migrations at start-up) is unlocked before the connection goes back, or the pool is cleared.
    /// </summary>
    public bool NoResetOnClose { get; set; } = true;

    /// <summary>Npgsql's <c>Max Auto Prepare</c>: statements run often are prepared on each connection (0 turns it off).</summary>
    public int MaxAutoPrepare { get; set; } = 100;
}
