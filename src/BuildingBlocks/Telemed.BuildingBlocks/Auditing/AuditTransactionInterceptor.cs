using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Telemed.BuildingBlocks.Auditing;

/// <summary>
/// Tells the unit of work's <see cref="AuditScope"/> what became of a caller's transaction that carried its earlier
/// records (reads, denials) along with a write: committed, they are done; rolled back or failed, they are written at
/// the unit of work's end instead. A transaction disposed with neither is treated as not committed the same way.
/// </summary>
public sealed class AuditTransactionInterceptor : DbTransactionInterceptor
{
    public static AuditTransactionInterceptor Instance { get; } = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => ScopeOf(eventData)?.Committed(eventData.TransactionId);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ScopeOf(eventData)?.Committed(eventData.TransactionId);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => ScopeOf(eventData)?.NotCommitted(eventData.TransactionId);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ScopeOf(eventData)?.NotCommitted(eventData.TransactionId);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => ScopeOf(eventData)?.NotCommitted(eventData.TransactionId);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ScopeOf(eventData)?.NotCommitted(eventData.TransactionId);
        return Task.CompletedTask;
    }

    private static AuditScope? ScopeOf(TransactionEventData eventData) => (eventData.Context as Data.ModuleDbContext)?.Audit;
}
