using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;

namespace Telemed.UnitTests.Data;

/// <summary>
/// The write gate's EF interceptors on a real SQLite file: every way a write can end (commit, rollback, a transaction
/// disposed without either, a write statement outside a transaction, a refused write) gives the gate back and leaves
/// nothing filed, so the host neither stalls its next writer nor keeps the objects alive.
/// </summary>
public sealed class SqliteWriteGateInterceptorTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"gate-ef-{Guid.NewGuid():N}.db");
    private readonly SqliteWriteGate _gate;
    private readonly SqliteWriteGateInterceptor _interceptor;

    public SqliteWriteGateInterceptorTests()
    {
        _gate = SqliteWriteGate.ForConnectionString(ConnectionString);
        _interceptor = new SqliteWriteGateInterceptor(_gate);
        using var db = Context();
        db.Database.EnsureCreated();
    }

    private string ConnectionString => $"Data Source={_file};Default Timeout=5";

    private NotesContext Context() =>
        new(new DbContextOptionsBuilder<NotesContext>().UseSqlite(ConnectionString).AddInterceptors(_interceptor.All)
            .ReplaceService<Microsoft.EntityFrameworkCore.Storage.IRelationalTransactionFactory, RollbackOnDisposeTransactionFactory>().Options);

    [Fact]
    public async Task Given_a_connection_the_caller_keeps_open_When_a_save_in_it_fails_Then_the_gate_is_free_before_the_connection_closes()
    {
        var existing = Guid.NewGuid();
        await using (var db = Context())
        {
            db.Notes.Add(new Note { Id = existing, Text = "first" });
            await db.SaveChangesAsync();
        }

        await using (var db = Context())
        {
            // As a handler that reads before it writes: one connection for the unit of work, open until it ends.
            await db.Database.OpenConnectionAsync();
            db.Notes.Add(new Note { Id = existing, Text = "duplicate" });
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync()); // EF's own transaction, disposed unfinished
            await ShouldBeFreeAsync("after a failed save, its connection still open");

            db.ChangeTracker.Clear();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Notes.Add(new Note { Id = existing, Text = "duplicate again" });
                await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
            }

            await ShouldBeFreeAsync("after the caller's transaction was disposed unfinished, its connection still open");
            db.ChangeTracker.Clear();
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "second" });
            await db.SaveChangesAsync();
        }

        await ShouldBeFreeAsync("after the next save on the same connection");
        await using (var db = Context())
        {
            (await db.Notes.Select(n => n.Text).OrderBy(t => t).ToListAsync()).ShouldBe(["first", "second"]);
        }
    }

    [Fact]
    public async Task Given_each_way_a_write_ends_Then_the_gate_is_free_and_nothing_stays_filed()
    {
        await using (var db = Context())
        {
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "saved" });
            await db.SaveChangesAsync(); // SaveChanges in its own transaction: commit
        }

        await ShouldBeFreeAsync("after a save");

        await using (var db = Context())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "rolled back" });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await ShouldBeFreeAsync("after a rollback");

        await using (var db = Context())
        {
            var transaction = await db.Database.BeginTransactionAsync();
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "abandoned" });
            await db.SaveChangesAsync();
            await transaction.DisposeAsync(); // neither commit nor rollback: rolled back as it is disposed
        }

        await ShouldBeFreeAsync("after a transaction disposed without commit or rollback");

        await using (var db = Context())
        {
            (await db.Notes.Where(n => n.Text == "saved").ExecuteUpdateAsync(s => s.SetProperty(n => n.Text, "updated"))).ShouldBe(1);
        }

        await ShouldBeFreeAsync("after a write statement outside a transaction");

        await using (var db = Context())
        {
            var duplicate = (await db.Notes.AsNoTracking().FirstAsync()).Id;
            db.Notes.Add(new Note { Id = duplicate, Text = "refused" });
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
            await Should.ThrowAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.Database.ExecuteSqlRawAsync("INSERT INTO Notes (Id, Text) VALUES ('x', NULL)"));
        }

        await ShouldBeFreeAsync("after refused writes");
        await using (var db = Context())
        {
            (await db.Notes.CountAsync()).ShouldBe(1);
        }
    }

    private async Task ShouldBeFreeAsync(string when)
    {
        _interceptor.Filed.ShouldBe((0, 0, 0), when);
        var next = _gate.EnterAsync().AsTask();
        (await next.WaitAsync(TimeSpan.FromSeconds(2))).Dispose();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }
}
