using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// Insert-only saves to one SQLite file that arrive while another is being written share one transaction: one lease of the
/// <see cref="SqliteWriteGate"/>, one <c>BEGIN</c>, one <c>COMMIT</c> and its fsync for all of them (group commit, as the
/// audit journal and chat do; ADR 0014). SQLite has one writer, so under concurrent bookings the gate was busy 90 % of the
/// time, a booking holding it 1.8 ms of which the transaction's own begin, commit, fsync and hand-over were a large part.
/// </summary>
/// <remarks>
/// <para>
/// Nothing waits for a timer. A save that finds no batch being written leads one: it opens the transaction on its own
/// context's connection (waiting for the gate as any writer does), takes every save queued by then (at most
/// <see cref="MaxBatch"/>, its own first), runs their statements in arrival order and commits. Saves that arrive meanwhile
/// queue; when the batch is done the first of them leads the next. Each caller's task completes only after the commit that
/// made its rows durable, so an acknowledgement still means stored.
/// </para>
/// <para>
/// One save's fault never becomes another's. A save refused by a constraint at its first statement (a booking's time
/// blocks: the slot is taken) is refused alone: SQLite backs out only the failing statement and the transaction goes on.
/// Any other failure rolls the transaction back and the batch is written again without the failed save; a failed commit
/// fails the whole batch (nothing of it is stored). Errors reach their caller as the save's own would
/// (<see cref="DbUpdateException"/> for a unique key).
/// </para>
/// </remarks>
internal sealed class SqliteGroupCommit
{
    /// <summary>The most saves one transaction takes; the rest lead the next.</summary>
    internal const int MaxBatch = 64;

    private const int SqliteConstraint = 19;

    private static readonly ConcurrentDictionary<string, SqliteGroupCommit> ByFile = new(StringComparer.Ordinal);

    private readonly object _lock = new();
    private readonly Queue<Save> _queue = new();
    private bool _writing;
    private long _batches;

    private SqliteGroupCommit()
    {
    }

    /// <summary>The group commit of the database file <paramref name="gate"/> guards; null when it guards none (PostgreSQL, memory).</summary>
    public static SqliteGroupCommit? For(SqliteWriteGate gate) =>
        gate.DatabasePath is { } path ? ByFile.GetOrAdd(path, _ => new SqliteGroupCommit()) : null;

    /// <summary>Transactions written so far (for tests: fewer than the saves when they were grouped).</summary>
    internal long Batches => Interlocked.Read(ref _batches);

    /// <summary>
    /// Writes <paramref name="statements"/> (from <see cref="MultiRowInsert.Statements"/>) durably, in a transaction shared with
    /// the saves queued beside it, through <paramref name="db"/> when this save leads the batch. Completes after the commit.
    /// Errors: the save's own (<see cref="DbUpdateException"/> for a unique key), or the batch's failed begin or commit.
    /// </summary>
    public async Task RunAsync(DbContext db, IReadOnlyList<(string Sql, List<object?> Parameters)> statements)
    {
        var save = new Save(db, statements);
        lock (_lock)
        {
            if (_writing)
            {
                _queue.Enqueue(save);
            }
            else
            {
                _writing = true;
                save.Lead();
            }
        }

        if (await save.Turn.Task)
        {
            try
            {
                await WriteBatchAsync(save);
            }
            finally
            {
                HandOver();
            }
        }

        await save.Done.Task;
    }

    /// <summary>The first save queued leads the next batch; with none, the next save to arrive will.</summary>
    private void HandOver()
    {
        Save? next;
        lock (_lock)
        {
            if (!_queue.TryDequeue(out next))
            {
                _writing = false;
            }
        }

        next?.Lead();
    }

    private async Task WriteBatchAsync(Save leader)
    {
        var db = leader.Db;
        var batch = new List<Save> { leader };
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
                if (attempt == 0)
                {
                    // Everything that queued while this leader waited for the gate joins it.
                    lock (_lock)
                    {
                        while (batch.Count < MaxBatch && _queue.TryDequeue(out var queued))
                        {
                            queued.Join();
                            batch.Add(queued);
                        }
                    }

                    Interlocked.Increment(ref _batches);
                    TelemedMetrics.SqliteGroupCommitSaves.Record(batch.Count);
                }

                if (await WriteAllAsync(db, batch) is { } written)
                {
                    await transaction.CommitAsync(CancellationToken.None);
                    foreach (var save in written)
                    {
                        save.Done.TrySetResult();
                    }

                    return;
                }

                // A failure that is not a first statement's constraint: the transaction is rolled back and the batch, without the
                // save that failed, is written again.
                if (InTransaction(db))
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                }

                batch.RemoveAll(s => s.Done.Task.IsCompleted);
                if (batch.Count == 0)
                {
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            // The transaction could not begin, roll back or commit: nothing of the batch is stored.
            foreach (var save in batch)
            {
                save.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>
    /// Runs each save's statements; returns the saves written, or null when one failed in a way that needs the transaction
    /// rolled back (that save is already failed).
    /// </summary>
    private static async Task<List<Save>?> WriteAllAsync(DbContext db, List<Save> batch)
    {
        var written = new List<Save>(batch.Count);
        foreach (var save in batch)
        {
            if (save.Done.Task.IsCompleted)
            {
                continue;
            }

            var refused = false;
            // Each save's statements run in its own caller's trace (the leader's only BEGIN and COMMIT are in the leader's).
            var leaders = Activity.Current;
            Activity.Current = save.Trace;
            for (var i = 0; i < save.Statements.Count && !refused; i++)
            {
                try
                {
                    // Through EF Core's raw-SQL path on the leader's context: its interceptors and command log see every statement.
                    await MultiRowInsert.ExecuteAsync(db, save.Statements[i].Sql, save.Statements[i].Parameters, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    save.Done.TrySetException(ex);
                    if (i > 0 || !IsConstraint(ex) || !InTransaction(db))
                    {
                        Activity.Current = leaders;
                        return null;
                    }

                    // SQLite backed out the refused statement only; the save wrote nothing and the others stand.
                    refused = true;
                }
            }

            Activity.Current = leaders;
            if (!refused)
            {
                written.Add(save);
            }
        }

        return written;
    }

    private static bool IsConstraint(Exception ex) =>
        (ex as SqliteException ?? ex.InnerException as SqliteException) is { SqliteErrorCode: SqliteConstraint };

    /// <summary>Whether the connection's transaction is still open (some errors make SQLite roll it back by itself).</summary>
    private static bool InTransaction(DbContext db) =>
        db.Database.GetDbConnection() is SqliteConnection { Handle: { } handle } && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0;

    private sealed class Save(DbContext db, IReadOnlyList<(string Sql, List<object?> Parameters)> statements)
    {
        public DbContext Db { get; } = db;

        public IReadOnlyList<(string Sql, List<object?> Parameters)> Statements { get; } = statements;

        /// <summary>The caller's trace (request, hub invocation or worker) its statements are run in.</summary>
        public Activity? Trace { get; } = Activity.Current;

        /// <summary>Settled when the save is durable (or failed).</summary>
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>True when this save is to lead a batch; false when it joined another's.</summary>
        public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Lead() => Turn.TrySetResult(true);

        public void Join() => Turn.TrySetResult(false);
    }
}
