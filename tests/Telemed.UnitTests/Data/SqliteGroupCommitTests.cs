using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;

namespace Telemed.UnitTests.Data;

/// <summary>
/// The SQLite group commit on a real database file, with the write gate's interceptors as the host has them: saves that
/// queue while another writer holds the gate are written together, each refused save fails alone and leaves nothing, and
/// every other save is stored.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"group-commit-{Guid.NewGuid():N}.db");
    private readonly SqliteWriteGate _gate;
    private readonly SqliteWriteGateInterceptor _interceptor;
    private readonly SqliteGroupCommit _group;

    public SqliteGroupCommitTests()
    {
        _gate = SqliteWriteGate.ForConnectionString(ConnectionString);
        _interceptor = new SqliteWriteGateInterceptor(_gate);
        _group = SqliteGroupCommit.For(_gate)!;
        using var db = Context();
        db.Database.EnsureCreated();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    private string ConnectionString => $"Data Source={_file};Default Timeout=5";

    private NotesContext Context(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] more) =>
        new(new DbContextOptionsBuilder<NotesContext>().UseSqlite(ConnectionString).AddInterceptors([.. _interceptor.All, .. more])
            .ReplaceService<Microsoft.EntityFrameworkCore.Storage.IRelationalTransactionFactory, RollbackOnDisposeTransactionFactory>().Options);

    private static List<(string Sql, List<object?> Parameters)> Insert(params (Guid Id, string? Text)[] notes) =>
        [.. notes.Select(n => ("INSERT INTO Notes (Id, Text) VALUES ({0}, {1});", new List<object?> { n.Id, n.Text }))];

    /// <summary>Each save from a context of its own, as requests do; started while the test holds the gate, so they queue.</summary>
    private async Task<List<Task>> QueueWhileGateHeldAsync(IEnumerable<List<(string Sql, List<object?> Parameters)>> saves)
    {
        var contexts = new List<NotesContext>();
        var tasks = new List<Task>();
        await using (await _gate.EnterAsync())
        {
            foreach (var statements in saves)
            {
                var db = Context();
                contexts.Add(db);
                tasks.Add(Task.Run(() => _group.RunAsync(db, statements)));
            }

            // Every save has reached the group commit (the leader waits for the gate, the others in its queue).
            await Task.Delay(300);
        }

        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            // Inspected one by one below.
        }

        foreach (var db in contexts)
        {
            await db.DisposeAsync();
        }

        return tasks;
    }

    private async Task<List<string>> StoredTextsAsync()
    {
        await using var db = Context();
        return await db.Notes.AsNoTracking().OrderBy(n => n.Text).Select(n => n.Text).ToListAsync();
    }

    [Fact]
    public async Task Given_saves_queued_behind_a_writer_When_some_are_refused_Then_they_fail_alone_and_the_rest_share_a_transaction()
    {
        var taken = Guid.NewGuid();
        await _group.RunAsync(Context(), Insert((taken, "already there")));
        var before = _group.Batches;

        var saves = Enumerable.Range(0, 20).Select(i => Insert((Guid.NewGuid(), $"note {i:00}"))).ToList();
        saves[5] = Insert((taken, "duplicate key")); // a unique key refuses it, as a taken slot refuses a booking
        saves[12] = Insert((Guid.NewGuid(), null)); // NOT NULL refuses it
        var tasks = await QueueWhileGateHeldAsync(saves);

        (await Should.ThrowAsync<DbUpdateException>(() => tasks[5])).IsUniqueViolation().ShouldBeTrue();
        // Any refusal comes as EF Core's save gives it: a DbUpdateException with SQLite's error inside.
        (await Should.ThrowAsync<DbUpdateException>(() => tasks[12])).InnerException.ShouldBeOfType<SqliteException>().SqliteErrorCode.ShouldBe(19);
        tasks.Where((_, i) => i is not 5 and not 12).ShouldAllBe(t => t.IsCompletedSuccessfully);
        (await StoredTextsAsync()).ShouldBe(["already there", .. Enumerable.Range(0, 20).Where(i => i is not 5 and not 12).Select(i => $"note {i:00}")]);
        // The first save leads and takes everything queued by the time the gate is free: one or two transactions, not twenty.
        (_group.Batches - before).ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task Given_a_save_refused_after_its_first_statement_Then_none_of_its_rows_stay_and_the_others_of_its_batch_are_stored()
    {
        var taken = Guid.NewGuid();
        await _group.RunAsync(Context(), Insert((taken, "already there")));

        var saves = new List<List<(string Sql, List<object?> Parameters)>>
        {
            Insert((Guid.NewGuid(), "first")),
            Insert((Guid.NewGuid(), "half written"), (taken, "refused second row")),
            Insert((Guid.NewGuid(), "third")),
        };
        var tasks = await QueueWhileGateHeldAsync(saves);

        (await Should.ThrowAsync<DbUpdateException>(() => tasks[1])).IsUniqueViolation().ShouldBeTrue();
        tasks[0].IsCompletedSuccessfully.ShouldBeTrue();
        tasks[2].IsCompletedSuccessfully.ShouldBeTrue();
        (await StoredTextsAsync()).ShouldBe(["already there", "first", "third"]);
        _gate.IsEnabled.ShouldBeTrue();
        _interceptor.Filed.ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task Given_two_saves_in_one_batch_claiming_one_key_When_the_second_is_refused_Then_its_caller_already_sees_the_first_stored()
    {
        var contested = Guid.NewGuid();
        var seenByRefused = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The batch's third save waits (at most 3 s) for the refused caller's read: a refusal answered before the commit would be
        // read while the first row is not yet committed.
        var holdThird = new HoldCommand("third", seenByRefused.Task);
        var tasks = new List<Task>();
        await using (await _gate.EnterAsync())
        {
            foreach (var statements in new[] { Insert((contested, "first")), Insert((contested, "second")), Insert((Guid.NewGuid(), "third")) })
            {
                tasks.Add(Task.Run(async () =>
                {
                    await using var db = Context(holdThird);
                    try
                    {
                        await _group.RunAsync(db, statements);
                    }
                    catch (DbUpdateException ex) when (ex.IsUniqueViolation())
                    {
                        // What a booking or a payment does next: read the row that took the key.
                        await using var reader = Context();
                        seenByRefused.SetResult(await reader.Notes.AsNoTracking().Where(n => n.Id == contested).Select(n => n.Text).SingleOrDefaultAsync());
                    }
                }));
                await Task.Delay(100); // in this order
            }

            await Task.Delay(200);
        }

        await Task.WhenAll(tasks);
        (await seenByRefused.Task).ShouldBe("first", "the refusal is answered after the commit that stored the row it met");
        (await StoredTextsAsync()).ShouldBe(["first", "third"]);
    }

    private sealed class HoldCommand(string marker, Task until) : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> NonQueryExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.Parameters.Cast<System.Data.Common.DbParameter>().Any(p => Equals(p.Value, marker)))
            {
                await Task.WhenAny(until, Task.Delay(TimeSpan.FromSeconds(3), cancellationToken));
            }

            return result;
        }
    }

    [Fact]
    public async Task Given_concurrent_saves_without_a_held_gate_Then_every_one_is_stored_once_and_the_gate_is_free()
    {
        var tasks = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            await using var db = Context();
            await _group.RunAsync(db, Insert((Guid.NewGuid(), $"n{i:000}")));
        })).ToList();
        await Task.WhenAll(tasks);

        (await StoredTextsAsync()).ShouldBe(Enumerable.Range(0, 100).Select(i => $"n{i:000}").ToList());
        await using (var lease = await _gate.EnterAsync())
        {
            _interceptor.Filed.ShouldBe((0, 0, 0));
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
