using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Time;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// Checkpoints the embedded database's write-ahead log in the background, so that no writer does it inside the host's write
/// gate. SQLite's default makes the writer whose commit takes the log past 1,000 pages copy them into the database file and
/// fsync it, as part of that commit: under 16 clients booking, commits took as long as all their statements together and the
/// one writer was busy 83 % of the time (docs/benchmarks.md, "SQLite: group commit and checkpoints off the write path").
/// The host's connections therefore run with <c>wal_autocheckpoint=0</c> (<see cref="SqlitePragmas"/>) and this service:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>every <see cref="Interval"/> runs a <c>PASSIVE</c> checkpoint on a connection of its own: it copies what no reader
/// still needs and never blocks a writer;</item>
/// <item>when the log has grown past <see cref="RestartFrames"/> pages, runs a <c>RESTART</c> checkpoint inside the write gate
/// (writers queue in memory for those milliseconds): readers move off the log and the next commit writes the log from its
/// start again. Without it the log never restarts while readers overlap, which under constant load is always (a 3.2 GB log
/// after one minute of the booking bench). <c>journal_size_limit</c> then trims the file.</item>
/// </list>
/// Durability does not change: a commit is durable by its log write (and fsync with <c>synchronous=FULL</c>); a checkpoint only
/// moves committed pages into the database file. If the host stops, the last connection to close checkpoints what is left, as
/// SQLite always does. Nothing on PostgreSQL or an in-memory database.
/// </remarks>
public sealed class SqliteCheckpointer(DatabaseConnection database, SqliteWriteGate gate, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>How often the log is checkpointed.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Log size, in pages (4 KiB each by default: 64 MiB), past which the log is restarted from its beginning.</summary>
    public const long RestartFrames = 16_384;

    /// <summary>How long a restart waits for readers to leave the log (SQLite's busy handler), in milliseconds; the gate is held meanwhile.</summary>
    internal const int RestartWaitMilliseconds = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!gate.IsEnabled || database.Options.ReadOnly)
        {
            return;
        }

        await using var connection = Open(database.ConnectionString);
        using var timer = new PeriodicTimer(Interval);
        while (await timer.NextTickOrStopAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(connection, gate, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // The host is stopping: a checkpoint cut short by it is no failure (the next start's first pass checkpoints).
                break;
            }
            catch (SqliteException ex)
            {
                // SQLite's messages name no data; the next pass tries again.
                logger.LogWarning("SQLite checkpoint failed ({Code}): {Message}", ex.SqliteErrorCode, ex.Message);
            }
        }
    }

    /// <summary>
    /// A connection of the checkpointer's own, outside the pool: its short busy timeout must not stay on a pooled handle the
    /// host's writers use afterwards.
    /// </summary>
    internal static SqliteConnection Open(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout={RestartWaitMilliseconds};";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// One pass: a passive checkpoint, then a restart inside the gate when the log is past <see cref="RestartFrames"/>.
    /// Returns what the last checkpoint reported: whether it was blocked, the log's size and how much of it is in the database
    /// file (pages).
    /// </summary>
    internal static async Task<(bool Busy, long Log, long Checkpointed)> RunOnceAsync(SqliteConnection connection, SqliteWriteGate gate, CancellationToken ct)
    {
        var result = await CheckpointAsync(connection, "PASSIVE", ct);
        if (result.Log < RestartFrames)
        {
            return result;
        }

        await using (await gate.EnterAsync(ct))
        {
            return await CheckpointAsync(connection, "RESTART", ct);
        }
    }

    private static async Task<(bool Busy, long Log, long Checkpointed)> CheckpointAsync(SqliteConnection connection, string mode, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2));
    }
}
