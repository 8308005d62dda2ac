using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Telemed.BuildingBlocks.Data;

public static class DatabaseErrors
{
    /// <summary>A primary-key or unique constraint refused the write: someone else got there first.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => IsUniqueViolation(exception.InnerException);

    /// <summary>The same for statements EF runs directly (<c>ExecuteUpdate</c>), which throw the provider's exception.</summary>
    public static bool IsUniqueViolation(this Exception? exception) => exception switch
    {
        DbUpdateException update => IsUniqueViolation(update.InnerException),
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException lite => lite.SqliteErrorCode == 19 && lite.SqliteExtendedErrorCode is 1555 or 2067,
        _ => false,
    };

    /// <summary>
    /// PostgreSQL chose this transaction as a deadlock's victim (40P01) or could not serialise it (40001): two writers took the
    /// same rows in crossing orders, and the other one committed. Nothing of this one was written, and running it again after
    /// reading what the other left is the remedy. Looked for through wrappers (EF Core's execution strategy reports it as an
    /// <see cref="InvalidOperationException"/> around the save's <see cref="DbUpdateException"/>).
    /// </summary>
    public static bool IsCrossingWriters(this Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        return false;
    }
}
