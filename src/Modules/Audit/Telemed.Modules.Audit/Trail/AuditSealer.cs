using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.Modules.Audit.Trail;

/// <summary>
/// Chains unsealed entries in batches: each gets the next sequence number and a hash over its fields and the hash
/// before it. One sealer at a time across every host: a transaction-scoped PostgreSQL advisory lock (a host that
/// does not get it skips the pass), and SQLite's write lock (the transaction begins IMMEDIATE). Entries are sealed
/// in the order they were inserted as far as committed ones allow: one that commits late is sealed in a later batch.
/// </summary>
internal sealed class AuditSealer(IServiceScopeFactory scopes, DatabaseConnection database, ILogger<AuditSealer> logger)
{
    /// <summary>Entries sealed per transaction.</summary>
    public const int BatchSize = 2000;

    private const long AdvisoryLockKey = 0x7E1E_A0D1;

    /// <summary>Seals up to <see cref="BatchSize"/> entries; returns how many (0 when none wait or another host is sealing).</summary>
    public async Task<int> SealBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (database.IsPostgres &&
            !await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_xact_lock({AdvisoryLockKey}) AS \"Value\"").SingleAsync(ct))
        {
            return 0;
        }

        var pending = await db.Entries.AsNoTracking().Where(e => e.Sequence == null).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return 0;
        }

        var head = await db.Heads.SingleOrDefaultAsync(h => h.Id == 1, ct);
        if (head is null)
        {
            head = new AuditHead();
            db.Heads.Add(head);
        }

        foreach (var entry in pending)
        {
            entry.Seal(head.LastSequence + 1, head.LastHash);
            head.LastSequence = entry.Sequence!.Value;
            head.LastHash = entry.Hash!;
        }

        await WriteSealsAsync(db, pending, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TelemedMetrics.AuditSealed.Add(pending.Count);
        // The head's hash in the log is an anchor outside the database: see docs/adr/0004-audit-sealed-later.md.
        logger.LogInformation("Audit trail sealed through entry {Sequence} with hash {Hash}", head.LastSequence, head.LastHash);
        return pending.Count;
    }

    /// <summary>PostgreSQL: one UPDATE for the whole batch (arrays unnested); SQLite: one short UPDATE per entry, in-process.</summary>
    private async Task WriteSealsAsync(AuditDbContext db, List<AuditEntry> sealedEntries, CancellationToken ct)
    {
        if (database.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                UPDATE audit.entries AS e SET "Sequence" = v.s, "PreviousHash" = v.p, "Hash" = v.h
                FROM unnest({0}, {1}, {2}, {3}) AS v(id, s, p, h) WHERE e."Id" = v.id
                """,
                [sealedEntries.Select(e => e.Id).ToArray(), sealedEntries.Select(e => e.Sequence!.Value).ToArray(),
                    sealedEntries.Select(e => e.PreviousHash!).ToArray(), sealedEntries.Select(e => e.Hash!).ToArray()], ct);
            return;
        }

        foreach (var entry in sealedEntries)
        {
            await db.Database.ExecuteSqlRawAsync(
                """UPDATE audit_entries SET "Sequence" = {0}, "PreviousHash" = {1}, "Hash" = {2} WHERE "Id" = {3}""",
                [entry.Sequence!.Value, entry.PreviousHash!, entry.Hash!, entry.Id], ct);
        }
    }

    /// <summary>Seals until nothing waits (or another host holds the sealing lock); returns how many entries it sealed.</summary>
    public async Task<int> SealAllAsync(CancellationToken ct)
    {
        var total = 0;
        int sealedNow;
        do
        {
            sealedNow = await SealBatchAsync(ct);
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
