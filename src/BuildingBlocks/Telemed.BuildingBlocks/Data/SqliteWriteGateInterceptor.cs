using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// Puts every module DbContext's SQLite writes through the <see cref="SqliteWriteGate"/>, so handlers need not know:
/// a transaction takes the gate before its <c>BEGIN</c> and gives it back after its commit or rollback (or, when it is
/// disposed without either, when EF closes or disposes its connection); a write statement outside a transaction
/// (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, raw SQL) holds it while it runs. <c>SaveChanges</c> always runs in a
/// transaction on SQLite (EF would otherwise skip it for a single statement), so it is covered by the first rule and
/// never asks twice when it runs inside an open transaction. Reads never take the gate.
/// </summary>
internal sealed class SqliteWriteGateInterceptor(SqliteWriteGate gate)
{
    private readonly SqliteWriteGate _gate = gate;

    // Leases by connection while a transaction is open (and by its DbTransaction, which forgets its connection on commit),
    // and by command for a write statement outside a transaction. Keyed by reference, and every path that ends a lease
    // removes its entries (a transaction disposed without commit or rollback goes with its connection's). Not
    // ConditionalWeakTables: each entry there is a dependent GC handle, and with an entry per write the finalizer thread
    // spent more CPU compacting their containers, under the table's lock, than the writes themselves (a host trace of
    // 16 clients booking; docs/benchmarks.md). A weak key bought nothing: a lease never released holds the gate anyway.
    private readonly ConcurrentDictionary<DbConnection, LeaseBox> _byConnection = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<DbTransaction, LeaseBox> _byTransaction = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<DbCommand, LeaseBox> _byCommand = new(ReferenceEqualityComparer.Instance);

    public IInterceptor[] All => [new Transactions(this), new Commands(this), new Connections(this), new SaveChanges()];

    private sealed class LeaseBox(SqliteWriteGate.Lease lease)
    {
        /// <summary>The transaction the lease was also filed under, so that releasing by connection forgets it too.</summary>
        public DbTransaction? Transaction { get; set; }

        public void Release() => lease.Dispose();
    }

    private bool Holds(DbConnection connection) => _byConnection.ContainsKey(connection);

    private void Hold(DbConnection connection, SqliteWriteGate.Lease lease) => _byConnection[connection] = new LeaseBox(lease);

    private void ReleaseConnection(DbConnection? connection)
    {
        if (connection is not null && _byConnection.TryRemove(connection, out var box))
        {
            if (box.Transaction is { } transaction)
            {
                _byTransaction.TryRemove(transaction, out _);
            }

            box.Release();
        }
    }

    private void ReleaseTransaction(DbTransaction? transaction, DbContext? context)
    {
        if (transaction is not null && _byTransaction.TryRemove(transaction, out var box))
        {
            box.Release();
        }

        ReleaseConnection(context?.Database.GetDbConnection());
    }

    private void ReleaseCommand(DbCommand command)
    {
        if (_byCommand.TryRemove(command, out var box))
        {
            box.Release();
        }
    }

    /// <summary>How many leases are filed (connections, transactions, write commands): all zero when nothing writes. For tests.</summary>
    internal (int Connections, int Transactions, int Commands) Filed => (_byConnection.Count, _byTransaction.Count, _byCommand.Count);

    private bool NeedsGate(DbCommand command) =>
        _gate.IsEnabled && command.Transaction is null && command.Connection is { } connection && !Holds(connection) && IsWrite(command.CommandText);

    /// <summary>Whether a statement writes: its first keyword (after comments), or a CTE that ends in a write.</summary>
    internal static bool IsWrite(string? sql)
    {
        var text = (sql ?? "").AsSpan().TrimStart();
        while (text.StartsWith("--"))
        {
            var end = text.IndexOf('\n');
            text = end < 0 ? [] : text[(end + 1)..].TrimStart();
        }

        var space = text.IndexOfAny(" \t\r\n(");
        var first = space < 0 ? text : text[..space];
        foreach (var keyword in WriteKeywords)
        {
            if (first.Equals(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return first.Equals("WITH", StringComparison.OrdinalIgnoreCase)
            && (text.Contains("INSERT", StringComparison.OrdinalIgnoreCase) || text.Contains("UPDATE", StringComparison.OrdinalIgnoreCase)
                || text.Contains("DELETE", StringComparison.OrdinalIgnoreCase));
    }

    private static readonly string[] WriteKeywords = ["INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"];

    private sealed class Transactions(SqliteWriteGateInterceptor owner) : DbTransactionInterceptor
    {
        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
        {
            if (owner._gate.IsEnabled && !owner.Holds(connection))
            {
                owner.Hold(connection, owner._gate.Enter());
            }

            return result;
        }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (owner._gate.IsEnabled && !owner.Holds(connection))
            {
                owner.Hold(connection, await owner._gate.EnterAsync(cancellationToken));
            }

            return result;
        }

        public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
        {
            Remember(connection, result);
            return result;
        }

        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
            CancellationToken cancellationToken = default)
        {
            Remember(connection, result);
            return ValueTask.FromResult(result);
        }

        private void Remember(DbConnection connection, DbTransaction transaction)
        {
            if (owner._byConnection.TryGetValue(connection, out var box))
            {
                box.Transaction = transaction;
                owner._byTransaction[transaction] = box;
            }
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => owner.ReleaseTransaction(transaction, eventData.Context);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.ReleaseTransaction(transaction, eventData.Context);
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => owner.ReleaseTransaction(transaction, eventData.Context);

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.ReleaseTransaction(transaction, eventData.Context);
            return Task.CompletedTask;
        }

        // A failed BEGIN, COMMIT or ROLLBACK: nothing of this transaction can still be written.
        public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => owner.ReleaseTransaction(transaction, eventData.Context);

        public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.ReleaseTransaction(transaction, eventData.Context);
            return Task.CompletedTask;
        }
    }

    private sealed class Commands(SqliteWriteGateInterceptor owner) : DbCommandInterceptor
    {
        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Enter(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            await EnterAsync(command, cancellationToken);
            return result;
        }

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            owner.ReleaseCommand(command);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            owner.ReleaseCommand(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Enter(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
            CancellationToken cancellationToken = default)
        {
            await EnterAsync(command, cancellationToken);
            return result;
        }

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        {
            owner.ReleaseCommand(command);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            owner.ReleaseCommand(command);
            return ValueTask.FromResult(result);
        }

        // A write that returns rows outside a transaction (EF's own saves run in one, see SaveChanges below) holds the gate until its reader goes.
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Enter(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await EnterAsync(command, cancellationToken);
            return result;
        }

        public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            owner.ReleaseCommand(command);
            return result;
        }

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            owner.ReleaseCommand(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            owner.ReleaseCommand(command);
            return result;
        }

        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => owner.ReleaseCommand(command);

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.ReleaseCommand(command);
            return Task.CompletedTask;
        }

        public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => owner.ReleaseCommand(command);

        public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.ReleaseCommand(command);
            return Task.CompletedTask;
        }

        private void Enter(DbCommand command)
        {
            if (owner.NeedsGate(command))
            {
                owner._byCommand[command] = new LeaseBox(owner._gate.Enter());
            }
        }

        private async ValueTask EnterAsync(DbCommand command, CancellationToken ct)
        {
            if (owner.NeedsGate(command))
            {
                owner._byCommand[command] = new LeaseBox(await owner._gate.EnterAsync(ct));
            }
        }
    }

    /// <summary>A transaction disposed without commit or rollback ends when EF closes or disposes its connection.</summary>
    private sealed class Connections(SqliteWriteGateInterceptor owner) : DbConnectionInterceptor
    {
        public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => owner.ReleaseConnection(connection);

        public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
        {
            owner.ReleaseConnection(connection);
            return Task.CompletedTask;
        }

        public override InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            owner.ReleaseConnection(connection);
            return result;
        }

        public override ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            owner.ReleaseConnection(connection);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>
    /// On SQLite every <c>SaveChanges</c> runs in a transaction, so that it takes the gate through the transaction rules
    /// (exactly until its <c>COMMIT</c>) and not through a reader that might outlive its statement. A <c>BEGIN</c> and a
    /// <c>COMMIT</c> cost nothing on an embedded database and the commit is still one.
    /// </summary>
    private sealed class SaveChanges : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Always(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Always(eventData.Context);
            return ValueTask.FromResult(result);
        }

        private static void Always(DbContext? context)
        {
            if (context is not null && context.Database.GetDbConnection() is SqliteConnection)
            {
                context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
            }
        }
    }
}
