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
    private readonly NotesFile _notes = new(5);

    [Fact]
    public async Task Given_saves_queued_behind_a_writer_When_some_are_refused_Then_they_fail_alone_and_the_rest_share_a_transaction()
    {
        var taken = Guid.NewGuid();
        await _notes.Group.RunAsync(_notes.Context(), NotesFile.Insert((taken, "already there")));
        var before = _notes.Group.Batches;

        var saves = Enumerable.Range(0, 20).Select(i => NotesFile.Insert((Guid.NewGuid(), $"note {i:00}"))).ToList();
        saves[5] = NotesFile.Insert((taken, "duplicate key")); // a unique key refuses it, as a taken slot refuses a booking
        saves[12] = NotesFile.Insert((Guid.NewGuid(), null)); // NOT NULL refuses it
        var tasks = await _notes.QueueWhileGateHeldAsync(saves);

        (await Should.ThrowAsync<DbUpdateException>(() => tasks[5])).IsUniqueViolation().ShouldBeTrue();
        // Any refusal comes as EF Core's save gives it: a DbUpdateException with SQLite's error inside.
        (await Should.ThrowAsync<DbUpdateException>(() => tasks[12])).InnerException.ShouldBeOfType<SqliteException>().SqliteErrorCode.ShouldBe(19);
        tasks.Where((_, i) => i is not 5 and not 12).ShouldAllBe(t => t.IsCompletedSuccessfully);
        (await _notes.StoredTextsAsync()).ShouldBe(["already there", .. Enumerable.Range(0, 20).Where(i => i is not 5 and not 12).Select(i => $"note {i:00}")]);
        // The first save leads and takes everything queued by the time the gate is free: one or two transactions, not twenty.
        (_notes.Group.Batches - before).ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task Given_a_save_refused_after_its_first_statement_Then_none_of_its_rows_stay_and_the_others_of_its_batch_are_stored()
    {
        var taken = Guid.NewGuid();
        await _notes.Group.RunAsync(_notes.Context(), NotesFile.Insert((taken, "already there")));

        var saves = new List<List<(string Sql, List<object?> Parameters)>>
        {
            NotesFile.Insert((Guid.NewGuid(), "first")),
            NotesFile.Insert((Guid.NewGuid(), "half written"), (taken, "refused second row")),
            NotesFile.Insert((Guid.NewGuid(), "third")),
        };
        var tasks = await _notes.QueueWhileGateHeldAsync(saves);

        (await Should.ThrowAsync<DbUpdateException>(() => tasks[1])).IsUniqueViolation().ShouldBeTrue();
        tasks[0].IsCompletedSuccessfully.ShouldBeTrue();
        tasks[2].IsCompletedSuccessfully.ShouldBeTrue();
        (await _notes.StoredTextsAsync()).ShouldBe(["already there", "first", "third"]);
        _notes.Gate.IsEnabled.ShouldBeTrue();
        _notes.Interceptor.Filed.ShouldBe((0, 0, 0));
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
        await using (await _notes.Gate.EnterAsync())
        {
            foreach (var statements in new[] { NotesFile.Insert((contested, "first")), NotesFile.Insert((contested, "second")), NotesFile.Insert((Guid.NewGuid(), "third")) })
            {
                tasks.Add(Task.Run(async () =>
                {
                    await using var db = _notes.Context(holdThird);
                    try
                    {
                        await _notes.Group.RunAsync(db, statements);
                    }
                    catch (DbUpdateException ex) when (ex.IsUniqueViolation())
                    {
                        // What a booking or a payment does next: read the row that took the key.
                        await using var reader = _notes.Context();
                        seenByRefused.SetResult(await reader.Notes.AsNoTracking().Where(n => n.Id == contested).Select(n => n.Text).SingleOrDefaultAsync());
                    }
                }));
                await _notes.Group.UntilInLineAsync(tasks.Count); // in this order
            }
        }

        await Task.WhenAll(tasks);
        (await seenByRefused.Task).ShouldBe("first", "the refusal is answered after the commit that stored the row it met");
        (await _notes.StoredTextsAsync()).ShouldBe(["first", "third"]);
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
            await using var db = _notes.Context();
            await _notes.Group.RunAsync(db, NotesFile.Insert((Guid.NewGuid(), $"n{i:000}")));
        })).ToList();
        await Task.WhenAll(tasks);

        (await _notes.StoredTextsAsync()).ShouldBe(Enumerable.Range(0, 100).Select(i => $"n{i:000}").ToList());
        await using (var lease = await _notes.Gate.EnterAsync())
        {
            _notes.Interceptor.Filed.ShouldBe((0, 0, 0));
        }
    }

    public void Dispose() => _notes.Dispose();
}
