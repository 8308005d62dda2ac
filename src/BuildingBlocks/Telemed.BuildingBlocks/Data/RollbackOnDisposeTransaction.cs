using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// A transaction disposed without a commit or a rollback (the usual <c>await using</c> when the work in it throws) is rolled
/// back explicitly, so that the transaction interceptors hear of its end at once: the SQLite write gate is given back and the
/// audit records it carried are put back (<see cref="Auditing.AuditScope.NotCommitted"/>). EF Core's own dispose ends the
/// transaction without an event; the gate was then held until the connection closed, and a caller that had opened the
/// connection itself kept it for the rest of its request, while the request's own audit flush on another connection waited
/// for the gate (30 s, then <c>SQLITE_BUSY</c>: a retried care-team chat message did this).
/// </summary>
internal sealed class RollbackOnDisposeTransactionFactory(RelationalTransactionFactoryDependencies dependencies) : RelationalTransactionFactory(dependencies)
{
    public override RelationalTransaction Create(IRelationalConnection connection, DbTransaction transaction, Guid transactionId,
        IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned) =>
        new RollbackOnDisposeTransaction(connection, transaction, transactionId, logger, transactionOwned, Dependencies.SqlGenerationHelper);
}

/// <summary>See <see cref="RollbackOnDisposeTransactionFactory"/>.</summary>
internal sealed class RollbackOnDisposeTransaction(IRelationalConnection connection, DbTransaction transaction, Guid transactionId,
    IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned, ISqlGenerationHelper sqlGenerationHelper)
    : RelationalTransaction(connection, transaction, transactionId, logger, transactionOwned, sqlGenerationHelper)
{
    private readonly bool _owned = transactionOwned;
    private bool _ended;

    // Ended only once the commit succeeded: a COMMIT that failed (SQLite busy) leaves the transaction open, to roll back.
    public override void Commit()
    {
        base.Commit();
        _ended = true;
    }

    public override async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await base.CommitAsync(cancellationToken);
        _ended = true;
    }

    public override void Rollback()
    {
        _ended = true;
        base.Rollback();
    }

    public override Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        _ended = true;
        return base.RollbackAsync(cancellationToken);
    }

    public override void Dispose()
    {
        // A transaction the context was handed (UseTransaction) belongs to its owner, as EF Core's own dispose assumes.
        if (!_ended && _owned)
        {
            _ended = true;
            try
            {
                base.Rollback();
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                // Already ended by the database (a failed statement or commit): the interceptors heard of it as a failure.
            }
        }

        base.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_ended && _owned)
        {
            _ended = true;
            try
            {
                await base.RollbackAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                // As in Dispose.
            }
        }

        await base.DisposeAsync();
    }
}
