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
/// fails the whole batch (nothing of it is stored). Every save is answered once its batch has ended, a refusal too: the row
/// that refused it may be one of the same batch, which its caller can read only once it is committed. Errors reach their
/// caller as the save's own would (<see cref="DbUpdateException"/> for a unique key).
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
    private readonly SqliteWriteGate _gate;
    private bool _writing;
    private long _batches;

    private SqliteGroupCommit(SqliteWriteGate gate) => _gate = gate;

    /// <summary>The group commit of the database file <paramref name="gate"/> guards; null when it guards none (PostgreSQL, memory).</summary>
    public static SqliteGroupCommit? For(SqliteWriteGate gate) =>
        gate.DatabasePath is { } path ? ByFile.GetOrAdd(path, _ => new SqliteGroupCommit(gate)) : null;

    /// <summary>Transactions written so far (for tests: fewer than the saves when they were grouped).</summary>
    internal long Batches => Interlocked.Read(ref _batches);

    /// <summary>
    /// Saves in line: the one leading a batch (waiting for the gate or writing) and those queued behind it. For tests, which wait
    /// for every save to be in line before they free the gate instead of guessing how long a loaded machine takes to get there.
    /// </summary>
    internal int InLine
    {
        get
        {
            lock (_lock)
            {
                return (_writing ? 1 : 0) + _queue.Count(s => !s.Abandoned);
            }
        }
    }

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
                save.Taken = true;
                save.Lead();
            }
        }

        var leads = await TurnWithinTimeoutAsync(save);
        if (leads is null)
        {
            throw _gate.TimedOut();
        }

        if (leads.Value)
        {
            try
            {
                // A save handed the lead after waiting in the queue may wait for the gate only what is left of its time-out.
                if (save.Waited is var waited && waited > TimeSpan.Zero && !await _gate.FreeWithinAsync(_gate.Timeout - waited))
                {
                    Settle(save, _gate.TimedOut());
                }
                else
                {
                    await WriteBatchAsync(save);
                }
            }
            finally
            {
                HandOver();
            }
        }

        await save.Done.Task;
    }

    /// <summary>
    /// Waits for the save's turn (true: it leads a batch; false: it joined one), at most the gate's <see cref="SqliteWriteGate.Timeout"/>
    /// from its arrival, as a writer waits for the gate itself; null when that passed with the save still queued (it is then left
    /// out of every batch). Without it the saves queued behind a leader stuck at the gate waited a whole time-out each, one after
    /// another. A save handed the lead waits for the gate only what is left of its time-out (<see cref="RunAsync"/>).
    /// </summary>
    private async Task<bool?> TurnWithinTimeoutAsync(Save save)
    {
        if (save.Turn.Task.IsCompleted || _gate.Timeout == Timeout.InfiniteTimeSpan)
        {
            return await save.Turn.Task;
        }

        try
        {
            return await save.Turn.Task.WaitAsync(_gate.Timeout);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                if (!save.Taken)
                {
                    save.Abandoned = true;
                    return null;
                }
            }

            // Taken from the queue just now: its turn is being given.
            return await save.Turn.Task;
        }
    }

    /// <summary>The first save queued leads the next batch; with none, the next save to arrive will.</summary>
    private void HandOver()
    {
        Save? next;
        lock (_lock)
        {
            next = TakeQueued();
            if (next is null)
            {
                _writing = false;
            }
        }

        next?.Lead();
    }

    /// <summary>The next queued save still waiting (not timed out), marked taken; call under the lock.</summary>
    private Save? TakeQueued()
    {
        while (_queue.TryDequeue(out var queued))
        {
            if (!queued.Abandoned)
            {
                queued.Taken = true;
                queued.Waited = Stopwatch.GetElapsedTime(queued.Arrived);
                return queued;
            }
        }

        return null;
    }

    private async Task WriteBatchAsync(Save leader)
    {
        var db = leader.Db;
        var batch = new List<Save> { leader };
        // Saves left out after a failure of their own: answered when the batch ends, like the refused ones.
        var dropped = new List<Save>();
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
                        while (batch.Count < MaxBatch && TakeQueued() is { } queued)
                        {
                            queued.Join();
                            batch.Add(queued);
                        }
                    }

                    Interlocked.Increment(ref _batches);
                    TelemedMetrics.SqliteGroupCommitSaves.Record(batch.Count);
                }

                if (await WriteAllAsync(db, batch))
                {
                    await transaction.CommitAsync(CancellationToken.None);
                    // Answered only now: a save refused by a key may have met a row of this very batch, which its caller reads next
                    // (the booking that took the slot, the payment created meanwhile) and sees only once it is committed.
                    foreach (var save in batch.Concat(dropped))
                    {
                        Settle(save, save.Failure);
                    }

                    return;
                }

                // A failure that is not a first statement's constraint: the transaction is rolled back and the batch is written
                // again without that save. The saves refused by a key are tried again too: the row they met may be gone with it.
                if (InTransaction(db))
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                }

                dropped.AddRange(batch.Where(s => s.FailedHard));
                batch.RemoveAll(s => s.FailedHard);
                batch.ForEach(s => s.Failure = null);
                if (batch.Count == 0)
                {
                    dropped.ForEach(s => Settle(s, s.Failure));
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            // The transaction could not begin, roll back or commit: nothing of the batch is stored. A save refused by a key gets
            // this error too, since the row it met may not be stored either.
            foreach (var save in batch.Concat(dropped))
            {
                Settle(save, save.FailedHard ? save.Failure : ex);
            }
        }
    }

    private static void Settle(Save save, Exception? failure)
    {
        if (failure is null)
        {
            save.Done.TrySetResult();
        }
        else
        {
            save.Done.TrySetException(failure);
        }
    }

    /// <summary>
    /// Runs each save's statements, noting each failure on its save; returns false when one failed in a way that needs the
    /// transaction rolled back (not a first statement's constraint, or SQLite rolled the transaction back itself).
    /// </summary>
    private static async Task<bool> WriteAllAsync(DbContext db, List<Save> batch)
    {
        foreach (var save in batch)
        {
            // Each save's statements run in its own caller's trace (the leader's only BEGIN and COMMIT are in the leader's).
            var leaders = Activity.Current;
            Activity.Current = save.Trace;
            try
            {
                for (var i = 0; i < save.Statements.Count; i++)
                {
                    try
                    {
                        // Through EF Core's raw-SQL path on the leader's context: its interceptors and command log see every statement.
                        await MultiRowInsert.ExecuteAsync(db, save.Statements[i].Sql, save.Statements[i].Parameters, CancellationToken.None);
                    }
                    catch (Exception ex)
                    {
                        save.Failure = ex;
                        save.FailedHard = i > 0 || !IsConstraint(ex) || !InTransaction(db);
                        if (save.FailedHard)
                        {
                            return false;
                        }

                        // SQLite backed out the refused statement only; the save wrote nothing and the others stand.
                        break;
                    }
                }
            }
            finally
            {
                Activity.Current = leaders;
            }
        }

        return true;
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

        /// <summary>Why this save was not written in the current attempt; given to its caller once the batch has ended.</summary>
        public Exception? Failure { get; set; }

        /// <summary>Whether <see cref="Failure"/> needed the transaction rolled back (the save is then left out of the next attempt).</summary>
        public bool FailedHard { get; set; }

        /// <summary>When the save arrived (a <see cref="Stopwatch"/> timestamp).</summary>
        public long Arrived { get; } = Stopwatch.GetTimestamp();

        /// <summary>How long the save waited in the queue before it was handed the lead (zero when it led at once).</summary>
        public TimeSpan Waited { get; set; }

        /// <summary>Taken from the queue (to lead or join a batch); set under the group commit's lock.</summary>
        public bool Taken { get; set; }

        /// <summary>Timed out while queued: never taken into a batch; set under the group commit's lock.</summary>
        public bool Abandoned { get; set; }

        /// <summary>Settled when the save is durable (or failed), after its batch's commit or rollback.</summary>
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>True when this save is to lead a batch; false when it joined another's.</summary>
        public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Lead() => Turn.TrySetResult(true);

        public void Join() => Turn.TrySetResult(false);
    }
}
