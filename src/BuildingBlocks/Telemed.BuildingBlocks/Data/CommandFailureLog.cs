using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// The log of failed database commands, in place of EF Core's own (<c>RelationalEventId.CommandError</c>, lowered to Debug by
/// <see cref="DatabaseSetup.UseTelemedDatabase"/>): an error with the command's text, the exception's type and the database's error
/// code, never parameter values or the database's message (which can quote a row). Two failures are not logged, because the code
/// that meets them expects and answers them: a unique violation (a race lost to another request or host: the row exists;
/// <see cref="DatabaseErrors"/>) and a one-command save's row that changed meanwhile (<see cref="OneCommandSave.IsRowNotFound"/>,
/// which becomes EF Core's concurrency conflict, as a plain save's is never logged). One the code did not expect still reaches the
/// request's or the worker's own error log. Before, a patient pressing "Pay" while the
/// booking's outbox created the same payment left an error line in the operators' log for a race the platform handled.
/// </summary>
public sealed class CommandFailureLog(ILogger<CommandFailureLog> logger) : DbCommandInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Log(command, eventData);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Log(command, eventData);
        return Task.CompletedTask;
    }

    private void Log(DbCommand command, CommandErrorEventData eventData)
    {
        var error = eventData.Exception;
        if (error.IsUniqueViolation() || OneCommandSave.IsRowNotFound(error) || error is OperationCanceledException)
        {
            return;
        }

        var code = error switch
        {
            PostgresException pg => pg.SqlState,
            SqliteException lite => $"{lite.SqliteErrorCode}/{lite.SqliteExtendedErrorCode}",
            _ => null,
        };
        // A deadlock's victim is answered as a concurrent change (409) and retried where the use case can decide again; worth
        // seeing when it grows frequent (a lock order to fix), not an error.
        logger.Log(error.IsCrossingWriters() ? LogLevel.Warning : LogLevel.Error, "Failed executing DbCommand ({ElapsedMs:F0} ms): {Error} {Code} {CommandText}",
            eventData.Duration.TotalMilliseconds, error.GetType().Name, code, command.CommandText);
    }
}
