using System.Data.Common;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// Makes the database refuse one row's next write the way a concurrent request that got there first does, every time, so a test
/// of what a losing request leaves behind does not depend on winning a race. Installed as a trigger through a raw connection;
/// disposing removes it.
/// </summary>
public sealed class ForcedConflict : IAsyncDisposable
{
    private readonly RawDatabase _db;
    private readonly string _drop;

    private ForcedConflict(RawDatabase db, string drop)
    {
        _db = db;
        _drop = drop;
    }

    /// <summary>
    /// Every UPDATE of the row of <paramref name="table"/> whose <c>Id</c>-like <paramref name="keyColumn"/> is <paramref name="key"/> changes
    /// nothing, as when another request changed its version between this one's read and its save: the save finds no row at
    /// the version it read and fails with a concurrency conflict.
    /// </summary>
    public static async Task<ForcedConflict> OnUpdateAsync(RawDatabase db, string table, string keyColumn, Guid key)
    {
        var name = "forced_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = await db.OpenAsync();
        if (db.IsPostgres)
        {
            await RawDatabase.ExecuteAsync(connection, $"CREATE FUNCTION public.{name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$");
            await RawDatabase.ExecuteAsync(connection,
                $"CREATE TRIGGER {name} BEFORE UPDATE ON {table} FOR EACH ROW WHEN (OLD.\"{keyColumn}\" = '{key}') EXECUTE FUNCTION public.{name}()");
            return new ForcedConflict(db, $"DROP TRIGGER {name} ON {table}; DROP FUNCTION public.{name}()");
        }

        await RawDatabase.ExecuteAsync(connection,
            $"CREATE TRIGGER {name} BEFORE UPDATE ON {table} WHEN OLD.\"{keyColumn}\" = '{SqliteKey(key)}' BEGIN SELECT RAISE(IGNORE); END");
        return new ForcedConflict(db, $"DROP TRIGGER {name}");
    }

    /// <summary>
    /// An INSERT into <paramref name="table"/> whose <paramref name="uniqueColumn"/> is <paramref name="value"/> violates that column's unique
    /// index, as when another request inserted the same value first (SQLite: the trigger inserts that other row inside the same
    /// statement, so the real index refuses it; PostgreSQL: it raises the unique-violation state).
    /// </summary>
    public static async Task<ForcedConflict> OnInsertAsync(RawDatabase db, string table, string uniqueColumn, Guid value)
    {
        var name = "forced_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = await db.OpenAsync();
        if (db.IsPostgres)
        {
            await RawDatabase.ExecuteAsync(connection,
                $"CREATE FUNCTION public.{name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'duplicate key value violates unique constraint' USING ERRCODE = 'unique_violation'; END $$");
            await RawDatabase.ExecuteAsync(connection,
                $"CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW WHEN (NEW.\"{uniqueColumn}\" = '{value}') EXECUTE FUNCTION public.{name}()");
            return new ForcedConflict(db, $"DROP TRIGGER {name} ON {table}; DROP FUNCTION public.{name}()");
        }

        var columns = (await RawDatabase.RowsAsync(connection, $"SELECT name FROM pragma_table_info('{table}')")).ToList();
        var values = columns.Select(c => c == "Id" ? "upper(hex(randomblob(16)))" : $"NEW.\"{c}\"");
        await RawDatabase.ExecuteAsync(connection,
            $"CREATE TRIGGER {name} BEFORE INSERT ON {table} WHEN NEW.\"{uniqueColumn}\" = '{SqliteKey(value)}' BEGIN " +
            $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", values)}); END");
        return new ForcedConflict(db, $"DROP TRIGGER {name}");
    }

    /// <summary>How the SQLite schema stores a Guid: upper-case text.</summary>
    private static string SqliteKey(Guid key) => key.ToString().ToUpperInvariant();

    public async ValueTask DisposeAsync()
    {
        await using DbConnection connection = await _db.OpenAsync();
        await RawDatabase.ExecuteAsync(connection, _drop);
    }
}
