using Microsoft.Data.Sqlite;
using Telemed.BuildingBlocks.Data;

namespace Telemed.UnitTests.Data;

public sealed class SqliteWriteGateTests
{
    private static string File() => Path.Combine(Path.GetTempPath(), $"gate-{Guid.NewGuid():N}.db");

    [Fact]
    public void One_gate_per_database_file_whatever_the_spelling_of_the_connection_string()
    {
        var file = File();
        var a = SqliteWriteGate.ForConnectionString($"Data Source={file}");
        var b = SqliteWriteGate.ForConnectionString($"Data Source={file};Default Timeout=30;Pooling=True");
        a.ShouldBeSameAs(b);
        SqliteWriteGate.ForConnectionString($"Data Source={File()}").ShouldNotBeSameAs(a);
        SqliteWriteGate.ForConnectionString("Data Source=:memory:").IsEnabled.ShouldBeFalse();
    }

    [Fact]
    public async Task A_second_writer_waits_until_the_first_lease_is_disposed()
    {
        var gate = SqliteWriteGate.ForConnectionString($"Data Source={File()}");
        var first = await gate.EnterAsync();
        var second = gate.EnterAsync().AsTask();
        await Task.Delay(50);
        second.IsCompleted.ShouldBeFalse();

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Fact]
    public async Task Disposing_a_lease_twice_lets_only_one_waiter_in()
    {
        var gate = SqliteWriteGate.ForConnectionString($"Data Source={File()}");
        var first = await gate.EnterAsync();
        var copy = first;
        first.Dispose();
        copy.Dispose();

        var second = await gate.EnterAsync();
        var third = gate.EnterAsync().AsTask();
        await Task.Delay(50);
        third.IsCompleted.ShouldBeFalse();
        second.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Fact]
    public async Task A_writer_that_never_gets_its_turn_fails_with_sqlite_busy_instead_of_hanging()
    {
        var gate = SqliteWriteGate.ForConnectionString($"Data Source={File()};Default Timeout=1");
        await using var held = await gate.EnterAsync();

        var refused = await Should.ThrowAsync<SqliteException>(async () => await gate.EnterAsync());
        refused.SqliteErrorCode.ShouldBe(5);
    }

    [Fact]
    public async Task The_disabled_gate_never_waits()
    {
        await using var first = await SqliteWriteGate.Disabled.EnterAsync();
        await using var second = await SqliteWriteGate.Disabled.EnterAsync();
        SqliteWriteGate.Disabled.IsEnabled.ShouldBeFalse();
    }
}
