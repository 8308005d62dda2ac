using Microsoft.Data.Sqlite;
using Telemed.BuildingBlocks.Data;

namespace Telemed.UnitTests.Data;

/// <summary>
/// The host's connections do not checkpoint the write-ahead log in their commits; the checkpointer does, and restarts the log
/// once it is past its restart size, so that the log neither grows without bound nor is copied inside a writer's commit.
/// </summary>
public sealed class SqliteCheckpointerTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"checkpoint-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_file};Default Timeout=5";

    private SqliteConnection Writer()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        new SqlitePragmas(new SqliteSettings()).Apply(connection);
        return connection;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static (long Busy, long Log, long Checkpointed) Passive(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    [Fact]
    public async Task Given_a_log_past_the_restart_size_When_a_pass_runs_Then_the_next_commit_writes_the_log_from_its_start_and_the_file_is_trimmed()
    {
        using var writer = Writer();
        Scalar(writer, "PRAGMA wal_autocheckpoint;").ShouldBe(0);
        Scalar(writer, "CREATE TABLE pages (b BLOB NOT NULL);");
        for (var i = 0; i < 18; i++)
        {
            // About 1,000 pages per commit: without the pragma, SQLite would have checkpointed inside one of these commits.
            Scalar(writer, "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1000) INSERT INTO pages SELECT randomblob(3000) FROM n;");
        }

        var gate = SqliteWriteGate.ForConnectionString(ConnectionString);
        using var checkpointer = SqliteCheckpointer.Open(ConnectionString);
        var (busy, log, checkpointed) = await SqliteCheckpointer.RunOnceAsync(checkpointer, gate, CancellationToken.None);

        busy.ShouldBeFalse();
        log.ShouldBe(checkpointed);
        new FileInfo(_file + "-wal").Length.ShouldBeGreaterThan(SqlitePragmas.JournalSizeLimitBytes);
        Scalar(writer, "INSERT INTO pages VALUES (randomblob(10));");
        Passive(writer).Log.ShouldBeLessThan(10, "the commit after the restart wrote the log from its beginning");
        new FileInfo(_file + "-wal").Length.ShouldBeLessThanOrEqualTo(SqlitePragmas.JournalSizeLimitBytes);
        Scalar(writer, "SELECT count(*) FROM pages;").ShouldBe(18_001);
        // The restart held the gate only while it ran.
        await using (await gate.EnterAsync())
        {
        }
    }

    [Fact]
    public async Task Given_a_short_log_When_a_pass_runs_Then_it_is_copied_without_taking_the_gate()
    {
        using var writer = Writer();
        Scalar(writer, "CREATE TABLE pages (b BLOB NOT NULL);");
        Scalar(writer, "INSERT INTO pages VALUES (randomblob(100));");
        var gate = SqliteWriteGate.ForConnectionString(ConnectionString);
        using var checkpointer = SqliteCheckpointer.Open(ConnectionString);

        await using (await gate.EnterAsync())
        {
            // A writer holds the gate: a passive pass must not wait for it.
            var pass = SqliteCheckpointer.RunOnceAsync(checkpointer, gate, CancellationToken.None);
            (await Task.WhenAny(pass, Task.Delay(TimeSpan.FromSeconds(5)))).ShouldBe(pass);
            var (busy, log, checkpointed) = await pass;
            busy.ShouldBeFalse();
            checkpointed.ShouldBe(log);
            log.ShouldBeGreaterThan(0);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }
}
