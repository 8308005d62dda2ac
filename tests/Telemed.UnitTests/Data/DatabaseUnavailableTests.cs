using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Telemed.Host.Platform;

namespace Telemed.UnitTests.Data;

/// <summary>
/// Which database failures the host answers as 503 <c>database.unavailable</c> (retry shortly) rather than 500 or a 409
/// conflict: what Npgsql throws while PostgreSQL restarts, as EF Core wraps it.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    private static PostgresException Server(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    public static TheoryData<string, Exception> Unavailable => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)) },
        { "stream ended mid-command", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "admin shutdown (pg_ctl stop -m fast)", Server("57P01") },
        { "crash shutdown (-m immediate)", Server("57P02") },
        { "starting up", Server("57P03") },
        { "connection failure", Server("08006") },
        { "too many connections", Server("53300") },
        { "inside SaveChanges", new DbUpdateException("save", Server("57P01")) },
        { "inside EF's strategy", new InvalidOperationException("likely a transient failure", new NpgsqlException("x", new EndOfStreamException())) },
        { "SQLite file locked past the write gate's time-out", new Microsoft.Data.Sqlite.SqliteException("database is locked", 5) },
        { "SQLite busy inside SaveChanges", new DbUpdateException("save", new Microsoft.Data.Sqlite.SqliteException("database is locked", 5)) },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void A_database_that_cannot_be_reached_is_503_with_its_own_code(string why, Exception exception)
    {
        var (status, code, _) = ErrorHandling.Classify(exception);
        status.ShouldBe(503, why);
        code.ShouldBe(ErrorHandling.DatabaseUnavailableCode, why);
    }

    [Fact]
    public void Constraint_violations_serialization_failures_and_other_errors_keep_their_answers()
    {
        ErrorHandling.Classify(new DbUpdateException("save", Server("23505"))).Status.ShouldBe(409);
        ErrorHandling.Classify(new DbUpdateException("save", Server("40001"))).Status.ShouldBe(409);
        ErrorHandling.Classify(Server("42P01")).Status.ShouldBe(500);
        // A deadlock's victim or a serialisation failure as EF Core's execution strategy reports it (it answered 500), or from
        // ExecuteUpdate: the concurrent change it is, to reload and try again.
        ErrorHandling.Classify(new InvalidOperationException("likely a transient failure", new DbUpdateException("save", Server("40P01"))))
            .ShouldBe((409, "conflict.concurrent_update", "Someone else changed this at the same time. Reload and try again."));
        ErrorHandling.Classify(Server("40P01")).Code.ShouldBe("conflict.concurrent_update");
        ErrorHandling.Classify(new InvalidOperationException("wrapped", Server("40001"))).Code.ShouldBe("conflict.concurrent_update");
        // Refusals from statements EF Core does not wrap (ExecuteUpdate, ExecuteDelete, raw SQL) are conflicts too, not faults.
        ErrorHandling.Classify(Server("23503")).ShouldBe((409, "conflict", "The change conflicts with existing data."));
        ErrorHandling.Classify(new InvalidOperationException("wrapped", Server("23514"))).Status.ShouldBe(409);
        ErrorHandling.Classify(new Microsoft.Data.Sqlite.SqliteException("constraint failed", 19)).Status.ShouldBe(409);
        ErrorHandling.Classify(new Microsoft.Data.Sqlite.SqliteException("disk I/O error", 10)).Status.ShouldBe(500);
        ErrorHandling.Classify(new InvalidOperationException("a bug")).Status.ShouldBe(500);
        ErrorHandling.Classify(new NpgsqlException("not transient")).Status.ShouldBe(500);
    }
}
