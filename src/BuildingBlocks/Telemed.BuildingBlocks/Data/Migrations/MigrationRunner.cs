using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Telemed.BuildingBlocks.Data.Migrations;

/// <summary>
/// Applies each module's pending SQL migrations in order, each in its own transaction, and records
/// them in <c>__telemed_migrations</c>. On PostgreSQL an advisory lock makes concurrent hosts wait.
/// </summary>
public sealed class MigrationRunner(IServiceProvider services, IEnumerable<ModuleMigrations> modules, DatabaseConnection database, ILogger<MigrationRunner> logger)
{
    private const long AdvisoryLockKey = 0x7E1E_3ED0;

    public async Task ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = database.Options.Provider;
        var first = (DbContext)scope.ServiceProvider.GetRequiredService(modules.First().ContextType);
        var connection = first.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            if (database.IsPostgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            }
            else
            {
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS __telemed_migrations (
                    module VARCHAR(64) NOT NULL,
                    version VARCHAR(128) NOT NULL,
                    applied_at VARCHAR(40) NOT NULL,
                    PRIMARY KEY (module, version))
                """, cancellationToken);

            foreach (var module in modules)
            {
                var applied = await AppliedVersionsAsync(connection, module.ModuleName, cancellationToken);
                foreach (var script in module.ScriptsFor(provider).Where(s => !applied.Contains(s.Version)))
                {
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                    await using var record = connection.CreateCommand();
                    record.Transaction = transaction;
                    record.CommandText = "INSERT INTO __telemed_migrations (module, version, applied_at) VALUES (@m, @v, @a)";
                    AddParameter(record, "@m", module.ModuleName);
                    AddParameter(record, "@v", script.Version);
                    AddParameter(record, "@a", DateTime.UtcNow.ToString("O"));
                    await record.ExecuteNonQueryAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    logger.LogInformation("Applied migration {Module}/{Version} on {Provider}", module.ModuleName, script.Version, provider);
                }
            }
        }
        finally
        {
            if (database.IsPostgres && connection.State == ConnectionState.Open)
            {
                await UnlockAsync(connection);
            }

            await connection.CloseAsync();
        }
    }

    /// <summary>
    /// The lock is session-level (it spans several transactions) and pooled connections are not reset on check-out
    /// (<see cref="PostgresSettings.NoResetOnClose"/>): if unlocking fails, the pool is cleared so that no later
    /// check-out inherits the lock.
    /// </summary>
    private async Task UnlockAsync(DbConnection connection)
    {
        try
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Releasing the migration lock failed ({Error}); clearing the connection pool", ex.GetType().Name);
            Npgsql.NpgsqlConnection.ClearPool((Npgsql.NpgsqlConnection)connection);
        }
    }

    private static async Task<HashSet<string>> AppliedVersionsAsync(DbConnection connection, string module, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM __telemed_migrations WHERE module = @m";
        AddParameter(command, "@m", module);
        var versions = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            versions.Add(reader.GetString(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
