namespace Telemed.BuildingBlocks.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Bound from the <c>Database</c> configuration section (<c>Database__Provider</c>, <c>Database__ConnectionString</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty means the embedded default: a SQLite file under the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Opens the database read-only (operator checks such as <c>audit verify</c>).</summary>
    public bool ReadOnly { get; set; }
}
