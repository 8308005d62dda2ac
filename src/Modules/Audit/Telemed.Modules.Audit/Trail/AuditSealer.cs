using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.Modules.Audit.Trail;

/// <summary>
/// Chains unsealed entries in batches: each gets the next sequence number and a hash over its fields and the hash before
/// it, written as an <see cref="AuditChainLink"/> (the entry itself is never written again). One sealer at a time across
/// every host: a transaction-scoped PostgreSQL advisory lock (a host that does not get it skips the pass); on SQLite a batch
/// is written only onto the head it was hashed from, checked under SQLite's write lock. Entries are sealed in the order they were inserted as far as committed ones allow: one that commits late
/// is sealed in a later batch.
/// </summary>
/// <remarks>
/// Unsealed entries are those above <see cref="AuditHead.SealedThroughId"/> without a link. That floor may only pass an id
/// once no transaction can still commit an entry with it. SQLite has one writer at a time and never reuses an id
/// (AUTOINCREMENT), so an id not visible to the sealer is higher than every visible one: the floor follows the highest
/// sealed id. On PostgreSQL ids are handed out before their transactions commit, in any order, so the floor moves in
/// steps: a pass that has sealed everything it sees names a candidate (the highest id sealed, with the time); a pass at
/// least a second later notes the first transaction id not yet started (<c>pg_snapshot_xmax</c>), by then any transaction
/// that took an id up to the candidate has one; once every transaction below it has ended (<c>pg_snapshot_xmin</c>), a pass
/// seals what they committed and moves the floor to the candidate. A long-running writing transaction anywhere on the
/// server holds the floor back (the search for late entries then covers more rows); it never lets an entry be skipped.
/// Most passes read only above the highest sealed id (a range read); the rows between the floor and it are searched for
/// late entries (an anti-join) when the floor is about to move, when a caller asks, and at least every five seconds.
/// </remarks>
internal sealed class AuditSealer(IServiceScopeFactory scopes, DatabaseConnection database, ILogger<AuditSealer> logger)
{
    /// <summary>Entries sealed per transaction.</summary>
    public const int BatchSize = 2000;

    private const long AdvisoryLockKey = 0x7E1E_A0D1;

    /// <summary>How long after a floor candidate is named its transactions' ids are taken (PostgreSQL): far longer than the
    /// moment between an INSERT taking its id and its transaction getting a transaction id.</summary>
    private static readonly TimeSpan CandidateSettling = TimeSpan.FromSeconds(1);

    /// <summary>How often the sealer also looks below the highest sealed id for entries that committed late, at the latest.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _clock = TimeProvider.System;
    private DateTimeOffset _lastSweep;

    /// <summary>
    /// Seals up to <see cref="BatchSize"/> entries; returns how many (0 when none wait or another host is sealing).
    /// <paramref name="sweepWindow"/> also looks for entries that committed after higher ids were sealed (they are otherwise
    /// found when the floor moves or every few seconds).
    /// </summary>
    public async Task<int> SealBatchAsync(bool sweepWindow, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        if (!database.IsPostgres)
        {
            return await SealOnSqliteAsync(db, sweepWindow, ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_xact_lock({AdvisoryLockKey}) AS \"Value\"").SingleAsync(ct))
        {
            return 0;
        }

        var head = await db.Heads.SingleOrDefaultAsync(h => h.Id == 1, ct);
        if (head is null)
        {
            head = new AuditHead();
            db.Heads.Add(head);
        }

        // Decided before the entries are read: what the candidate's transactions committed is then visible to that read.
        var candidateSettled = await CandidateSettledAsync(db, head, ct);
        var floor = head.SealedThroughId ?? 0;
        var lastSealedId = await db.Links.MaxAsync(l => (long?)l.EntryId, ct) ?? 0;
        // Above the highest id sealed nothing is sealed: a plain range read. Between the floor and it, only an entry whose
        // transaction committed late can wait (PostgreSQL); looking for those costs an anti-join over every row in between,
        // so it is done when the floor is about to move, when asked (admin, tools), and every few seconds.
        var sweep = floor < lastSealedId && (candidateSettled || sweepWindow || _clock.GetUtcNow() - _lastSweep >= SweepInterval);
        var pending = await PendingAsync(db, floor, lastSealedId, sweep, ct);
        if (sweep)
        {
            _lastSweep = _clock.GetUtcNow();
        }

        foreach (var entry in pending)
        {
            entry.Seal(head.LastSequence + 1, head.LastHash);
            head.LastSequence = entry.Sequence!.Value;
            head.LastHash = entry.Hash!;
        }

        await WriteLinksAsync(db, pending, ct);
        if (pending.Count < BatchSize)
        {
            // Everything visible above the highest sealed id is sealed now, and above the floor too when the window was searched.
            await MoveFloorAsync(db, head, pending, candidateSettled, swept: sweep || floor >= lastSealedId, lastSealedId, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (pending.Count == 0)
        {
            return 0;
        }

        TelemedMetrics.AuditSealed.Add(pending.Count);
        // The head's hash in the log is an anchor outside the database: see docs/adr/0004-audit-sealed-later.md.
        logger.LogInformation("Audit trail sealed through entry {Sequence} with hash {Hash}", head.LastSequence, head.LastHash);
        return pending.Count;
    }

    /// <summary>
    /// The next batch to seal, at most <see cref="BatchSize"/> entries in id order, untracked: the entries above the highest
    /// sealed id, or, when <paramref name="sweep"/>, every entry above the floor that has no link yet (one whose transaction
    /// committed after a higher id was sealed).
    /// </summary>
    private static Task<List<AuditEntry>> PendingAsync(AuditDbContext db, long floor, long lastSealedId, bool sweep, CancellationToken ct) =>
        (sweep
            // Both sides bounded by the floor: whichever anti-join the planner picks (a generic plan cannot see the value) reads only the rows above it.
            ? db.Entries.AsNoTracking().Where(e => e.Id > floor && !db.Links.Any(l => l.EntryId > floor && l.EntryId == e.Id))
            : db.Entries.AsNoTracking().Where(e => e.Id > lastSealedId))
        .OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);

    /// <summary>
    /// SQLite: the batch is read and hashed before the write transaction, so the host's one write gate is held only for the
    /// links' INSERTs, the head and the commit (reading and hashing a batch held it about 20 ms under the booking load). What was
    /// read is written only if the head is still the one it was hashed from; a sealer that moved it meanwhile (an administrator's
    /// seal beside the worker) sends this one to read again. Reads outside a transaction are safe here because SQLite has one
    /// writer at a time and hands ids out in commit order: an entry this read did not see has a higher id than every entry it saw.
    /// </summary>
    private async Task<int> SealOnSqliteAsync(AuditDbContext db, bool sweepWindow, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var seen = await db.Heads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct) ?? new AuditHead();
            var floor = seen.SealedThroughId ?? 0;
            var lastSealedId = await db.Links.MaxAsync(l => (long?)l.EntryId, ct) ?? 0;
            var sweep = floor < lastSealedId && (sweepWindow || _clock.GetUtcNow() - _lastSweep >= SweepInterval);
            var pending = await PendingAsync(db, floor, lastSealedId, sweep, ct);
            if (sweep)
            {
                _lastSweep = _clock.GetUtcNow();
            }

            var (sequence, hash) = (seen.LastSequence, seen.LastHash);
            foreach (var entry in pending)
            {
                entry.Seal(++sequence, hash);
                hash = entry.Hash!;
            }

            var highest = Math.Max(lastSealedId, pending.Count > 0 ? pending[^1].Id : 0);
            var moveFloor = pending.Count < BatchSize && (sweep || floor >= lastSealedId) && highest > floor;
            if (pending.Count == 0 && !moveFloor)
            {
                return 0;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var head = await db.Heads.SingleOrDefaultAsync(h => h.Id == 1, ct);
            if ((head?.LastSequence ?? 0, head?.LastHash ?? AuditEntry.GenesisHash) != (seen.LastSequence, seen.LastHash))
            {
                // Another sealer moved the chain since the read: what was hashed would fork it.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                if (attempt == 3)
                {
                    return 0;
                }

                continue;
            }

            if (head is null)
            {
                head = new AuditHead();
                db.Heads.Add(head);
            }

            (head.LastSequence, head.LastHash) = (sequence, hash);
            if (moveFloor)
            {
                // Everything visible up to the highest sealed id is sealed now, and nothing below it can still appear.
                head.SealedThroughId = highest;
            }

            await WriteLinksAsync(db, pending, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            if (pending.Count > 0)
            {
                TelemedMetrics.AuditSealed.Add(pending.Count);
                logger.LogInformation("Audit trail sealed through entry {Sequence} with hash {Hash}", head.LastSequence, head.LastHash);
            }

            return pending.Count;
        }
    }

    /// <summary>
    /// The batch's links as multi-row INSERTs (<see cref="MultiRowInsert"/>; on PostgreSQL one array per column, unnested) instead
    /// of EF Core's one INSERT per link: on SQLite the batch's transaction holds the host's one write gate, and EF's per-row
    /// statements kept it for about 30 ms a batch under the booking load.
    /// </summary>
    private static async Task WriteLinksAsync(AuditDbContext db, List<AuditEntry> sealedEntries, CancellationToken ct)
    {
        if (sealedEntries.Count > 0)
        {
            await db.InsertRowsAsync(sealedEntries.Select(AuditChainLink.Of).ToList(), ct);
        }
    }

    /// <summary>PostgreSQL: true when the candidate's transaction id is noted and every transaction below it has ended; notes it when due.</summary>
    private static async Task<bool> CandidateSettledAsync(AuditDbContext db, AuditHead head, CancellationToken ct)
    {
        if (head.FloorCandidateId is null || head.FloorCandidateAt is not { } at)
        {
            return false;
        }

        if (head.FloorCandidateXid is { } xid)
        {
            return await db.Database.SqlQueryRaw<bool>(
                """SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint >= {0} AS "Value" """, xid).SingleAsync(ct);
        }

        var next = await db.Database.SqlQueryRaw<long?>(
            """SELECT CASE WHEN clock_timestamp() >= {0} THEN pg_snapshot_xmax(pg_current_snapshot())::text::bigint END AS "Value" """,
            at + CandidateSettling).SingleAsync(ct);
        head.FloorCandidateXid = next;
        return false;
    }

    /// <summary>PostgreSQL: moves the floor to a settled candidate and names the next candidate (see the class remarks).</summary>
    private static async Task MoveFloorAsync(AuditDbContext db, AuditHead head, List<AuditEntry> sealedNow, bool candidateSettled, bool swept, long lastSealedId,
        CancellationToken ct)
    {
        var floor = head.SealedThroughId ?? 0;
        if (candidateSettled && swept)
        {
            head.SealedThroughId = floor = Math.Max(floor, head.FloorCandidateId!.Value);
            (head.FloorCandidateId, head.FloorCandidateXid, head.FloorCandidateAt) = (null, null, null);
        }

        // The candidate is the highest id known sealed (not the highest visible: one that committed after this pass's read is not sealed yet).
        var candidate = Math.Max(lastSealedId, sealedNow.Count > 0 ? sealedNow[^1].Id : 0);
        if (head.FloorCandidateId is null && candidate > floor)
        {
            var now = await db.Database.SqlQueryRaw<DateTime>("""SELECT clock_timestamp() AS "Value" """).SingleAsync(ct);
            (head.FloorCandidateId, head.FloorCandidateAt) = (candidate, now);
        }
    }


    /// <summary>Seals until nothing waits (or another host holds the sealing lock); returns how many entries it sealed.</summary>
    /// <param name="sweepWindow">True (admin, tools, tests): entries that committed late are sealed now too; false (the worker):
    /// they wait for the next floor step or sweep, a few seconds at most.</param>
    public async Task<int> SealAllAsync(CancellationToken ct, bool sweepWindow = true)
    {
        var total = 0;
        int sealedNow;
        do
        {
            sealedNow = await SealBatchAsync(sweepWindow, ct);
            total += sealedNow;
        }
        while (sealedNow == BatchSize);

        return total;
    }
}

/// <summary>Raised when entries were written, so the sealing worker wakes up instead of polling.</summary>
internal sealed class AuditSealSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Raise()
    {
        try
        {
            if (_semaphore.CurrentCount == 0)
            {
                _semaphore.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already raised: one wake-up is enough.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);
}
