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
}
