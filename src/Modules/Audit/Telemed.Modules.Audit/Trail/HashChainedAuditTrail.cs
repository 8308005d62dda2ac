using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;

namespace Telemed.Modules.Audit.Trail;

/// <summary>
/// Appends under a lock (in-process, plus a PostgreSQL advisory lock for several hosts) so each entry
/// links to exactly one predecessor.
/// </summary>
internal sealed class HashChainedAuditTrail(IServiceScopeFactory scopes, DatabaseConnection database) : IAuditTrail
{
    private const long AdvisoryLockKey = 0x7E1E_A0D1;
    private static readonly SemaphoreSlim AppendLock = new(1, 1);

    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }

        await AppendLock.WaitAsync(CancellationToken.None);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
            // The trail is written even if the request that caused it was aborted.
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            if (database.IsPostgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", CancellationToken.None);
            }

            var head = await db.Heads.SingleOrDefaultAsync(h => h.Id == 1, CancellationToken.None);
            if (head is null)
            {
                head = new AuditHead();
                db.Heads.Add(head);
            }

            foreach (var record in records)
            {
                var entry = AuditEntry.Append(head.LastSequence + 1, head.LastHash, record);
                db.Entries.Add(entry);
                head.LastSequence = entry.Sequence;
                head.LastHash = entry.Hash;
            }

            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        finally
        {
            AppendLock.Release();
        }
    }
}
