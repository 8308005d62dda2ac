using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;

namespace Telemed.BuildingBlocks.Events;

/// <summary>Reads the next batch of pending outbox rows of one module, oldest first.</summary>
internal static class OutboxClaim
{
    /// <summary>
    /// On PostgreSQL the rows are locked (<c>FOR UPDATE SKIP LOCKED</c>) until the caller's transaction ends, and rows
    /// another host has locked are skipped: two hosts never hold the same row. Must run inside a transaction there.
    /// SQLite (one host) reads them plainly.
    /// </summary>
    public static async Task<List<OutboxMessage>> NextBatchAsync(ModuleDbContext db, int batchSize, DateTime now, CancellationToken ct)
    {
        // A row that failed waits out its back-off (OutboxRetries.Backoff); the rows behind it go on meanwhile.
        if (!db.Database.IsPostgres())
        {
            return await db.OutboxMessages.Where(m => m.ProcessedAt == null && m.Attempts < OutboxRetries.MaxAttempts && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(batchSize).ToListAsync(ct);
        }

        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var table = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{entity.GetTableName()}\"" : $"\"{entity.GetTableName()}\"";
        // Not composed further: EF runs this text as it is, so FOR UPDATE applies to these rows only. The table name comes from the model.
        var sql = $"SELECT * FROM {table} WHERE \"ProcessedAt\" IS NULL AND \"Attempts\" < {{0}} AND (\"NextAttemptAt\" IS NULL OR \"NextAttemptAt\" <= {{2}}) " +
                  $"ORDER BY \"CreatedAt\", \"Id\" LIMIT {{1}} FOR UPDATE SKIP LOCKED";
        return await db.OutboxMessages.FromSqlRaw(sql, OutboxRetries.MaxAttempts, batchSize, now).ToListAsync(ct);
    }
}
