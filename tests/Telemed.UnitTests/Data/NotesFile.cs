using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;

namespace Telemed.UnitTests.Data;

/// <summary>
/// A throw-away SQLite file of <see cref="NotesContext"/> in WAL mode, with its write gate, the gate's interceptors as the host
/// has them, and the file's group commit: what the group commit's tests share. Deleted on dispose.
/// </summary>
internal sealed class NotesFile : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"notes-{Guid.NewGuid():N}.db");
    private readonly int _timeoutSeconds;

    /// <param name="timeoutSeconds">The connection's <c>Default Timeout</c>, which is the write gate's time-out.</param>
    public NotesFile(int timeoutSeconds)
    {
        _timeoutSeconds = timeoutSeconds;
        Gate = SqliteWriteGate.ForConnectionString(ConnectionString);
        Interceptor = new SqliteWriteGateInterceptor(Gate);
        Group = SqliteGroupCommit.For(Gate)!;
        using var db = Context();
        db.Database.EnsureCreated();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    public SqliteWriteGate Gate { get; }

    public SqliteWriteGateInterceptor Interceptor { get; }

    public SqliteGroupCommit Group { get; }

    private string ConnectionString => $"Data Source={_file};Default Timeout={_timeoutSeconds}";

    /// <summary>A context on the file with the gate's interceptors (and <paramref name="more"/>), as a request's.</summary>
    public NotesContext Context(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] more) =>
        new(new DbContextOptionsBuilder<NotesContext>().UseSqlite(ConnectionString).AddInterceptors([.. Interceptor.All, .. more])
            .ReplaceService<Microsoft.EntityFrameworkCore.Storage.IRelationalTransactionFactory, RollbackOnDisposeTransactionFactory>().Options);

    /// <summary>A save's statements: one INSERT per note.</summary>
    public static List<(string Sql, List<object?> Parameters)> Insert(params (Guid Id, string? Text)[] notes) =>
        [.. notes.Select(n => ("INSERT INTO Notes (Id, Text) VALUES ({0}, {1});", new List<object?> { n.Id, n.Text }))];

    /// <summary>
    /// Each save from a context of its own, as requests do, started while the test holds the gate, so that they queue;
    /// <paramref name="ordered"/>: each in line before the next starts, so they are written in this order (the first leads).
    /// Returns the saves' tasks once all ended.
    /// </summary>
    public async Task<List<Task>> QueueWhileGateHeldAsync(
        IEnumerable<List<(string Sql, List<object?> Parameters)>> saves, bool ordered = false)
    {
        var contexts = new List<NotesContext>();
        var tasks = new List<Task>();
        await using (await Gate.EnterAsync())
        {
            foreach (var statements in saves)
            {
                var db = Context();
                contexts.Add(db);
                tasks.Add(Task.Run(() => Group.RunAsync(db, statements)));
                if (ordered)
                {
                    await Group.UntilInLineAsync(tasks.Count);
                }
            }

            // Every save has reached the group commit (the leader waits for the gate, the others in its queue) before the gate is
            // freed: a fixed pause was not enough when the machine's threads were busy with other tests (a CI run saw twenty
            // transactions, each save arriving after the one before had been written).
            await Group.UntilInLineAsync(tasks.Count);
        }

        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            // The callers inspect the tasks one by one.
        }

        foreach (var db in contexts)
        {
            await db.DisposeAsync();
        }

        return tasks;
    }

    /// <summary>The stored notes' texts, in order.</summary>
    public async Task<List<string>> StoredTextsAsync()
    {
        await using var db = Context();
        return await db.Notes.AsNoTracking().OrderBy(n => n.Text).Select(n => n.Text).ToListAsync();
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

/// <summary>Waiting for saves to be in a group commit's line, as the tests that hold the write gate need.</summary>
internal static class GroupCommitLine
{
    /// <summary>Completes when at least <paramref name="count"/> saves are in line (<see cref="SqliteGroupCommit.InLine"/>); fails after 30 s.</summary>
    public static async Task UntilInLineAsync(this SqliteGroupCommit group, int count)
    {
        var waited = Stopwatch.StartNew();
        while (group.InLine < count)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"{group.InLine} of {count} saves in line after 30 s");
            }

            await Task.Delay(5);
        }
    }
}
