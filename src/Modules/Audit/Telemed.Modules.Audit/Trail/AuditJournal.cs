using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.Modules.Audit.Trail;

/// <summary>
/// The request path's half of the trail: records go in as unsealed entries with one multi-row INSERT and no lock,
/// either inside a module's own transaction (<see cref="IAuditJournal"/>, so a write and its records commit or
/// roll back together) or in a commit of their own (<see cref="IAuditTrail"/>, for reads, denials and sign-ins).
/// Concurrent <see cref="AppendAsync"/> calls share commits (group commit): each caller still returns only once
/// its own records are durable. <see cref="AuditSealer"/> chains them later.
/// </summary>
internal sealed class AuditJournal : IAuditJournal, IAuditTrail, IAsyncDisposable
{
    // Well under PostgreSQL's 65,535 bind parameters per statement; on SQLite far fewer (MultiRowInsert.ParametersPerStatement).
    private const int RowsPerStatement = 500;
    private const int Columns = 11;
    private const int RecordsPerCommit = 2000;
    // A request's own few records stay one INSERT (COPY costs more round trips); group commits under load switch to COPY,
    // which took the trail from 13.7k to 27.0k records/s at 256 writers (docs/benchmarks.md, issue 10).
    private const int CopyFrom = 64;

    private readonly IServiceScopeFactory _scopes;
    private readonly FieldEncryption _encryption;
    private readonly AuditSealSignal _signal;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _committers;

    public AuditJournal(IServiceScopeFactory scopes, FieldEncryption encryption, AuditSealSignal signal, DatabaseConnection database)
    {
        _scopes = scopes;
        _encryption = encryption;
        _signal = signal;
        // SQLite has one writer anyway; PostgreSQL overlaps two commits' flushes.
        _committers = [.. Enumerable.Range(0, database.IsPostgres ? 2 : 1).Select(_ => Task.Run(CommitLoopAsync))];
    }

    private sealed record PendingAppend(IReadOnlyList<AuditRecord> Records, TaskCompletionSource Durable);

    public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Not cancellable: the trail is written even if the request that caused it was aborted.
        var pending = new PendingAppend(records, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending) ? pending.Durable.Task : Task.FromException(new ObjectDisposedException(nameof(AuditJournal)));
    }

    private async Task CommitLoopAsync()
    {
        var batch = new List<PendingAppend>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            var count = 0;
            while (count < RecordsPerCommit && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                count += next.Records.Count;
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
                batch.Clear();
            }
        }
    }

    /// <summary>One commit for the whole batch; if it fails, each caller's records are tried alone so one bad record fails only its own caller.</summary>
    private async Task CommitAsync(List<PendingAppend> batch)
    {
        try
        {
            await WriteOwnCommitAsync([.. batch.SelectMany(p => p.Records)]);
            batch.ForEach(p => p.Durable.TrySetResult());
            return;
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Fall through: one at a time.
        }
        catch (Exception ex)
        {
            batch[0].Durable.TrySetException(ex);
            return;
        }

        foreach (var pending in batch)
        {
            try
            {
                await WriteOwnCommitAsync(pending.Records);
                pending.Durable.TrySetResult();
            }
            catch (Exception ex)
            {
                pending.Durable.TrySetException(ex);
            }
        }
    }

    private async Task WriteOwnCommitAsync(IReadOnlyList<AuditRecord> records)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        if (records.Count <= RowsPer(db.Database))
        {
            await WriteAsync(db.Database, records, CancellationToken.None);
            TelemedMetrics.AuditAppends.Add(records.Count, new KeyValuePair<string, object?>("path", "own_commit"));
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await WriteAsync(db.Database, records, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        TelemedMetrics.AuditAppends.Add(records.Count, new KeyValuePair<string, object?>("path", "own_commit"));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_committers);
    }

    public async Task WriteAsync(DatabaseFacade database, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count >= CopyFrom && database.IsPostgres())
        {
            await CopyAsync(database, records, cancellationToken);
            _signal.Raise();
            return;
        }

        var rows = RowsPer(database);
        for (var start = 0; start < records.Count; start += rows)
        {
            var sql = new StringBuilder();
            var parameters = new List<object?>();
            Append(database, records.Skip(start).Take(rows).ToList(), sql, parameters);
            await database.ExecuteSqlRawAsync(sql.ToString(), parameters!, cancellationToken);
        }

        _signal.Raise();
    }

    public bool TryAppend(DatabaseFacade database, IReadOnlyList<AuditRecord> records, StringBuilder sql, List<object?> parameters)
    {
        if (records.Count > RowsPerStatement)
        {
            return false;
        }

        // Several statements when SQLite's are smaller: its callers run each statement as a command of its own.
        var rows = RowsPer(database);
        for (var start = 0; start < records.Count; start += rows)
        {
            Append(database, records.Skip(start).Take(rows).ToList(), sql, parameters);
        }

        // Raised before the caller's statements run: the sealer finds the entries once they commit, or on its next pass.
        _signal.Raise();
        return true;
    }

    /// <summary>Records per INSERT statement: 500 on PostgreSQL, a few on SQLite (see <c>MultiRowInsert.ParametersPerStatement</c>).</summary>
    private static int RowsPer(DatabaseFacade database) => Math.Max(1, Math.Min(RowsPerStatement, MultiRowInsert.ParametersPerStatement(database) / Columns));

    /// <summary>One multi-row INSERT of <paramref name="rows"/>, its placeholders <c>{n}</c> numbered from <paramref name="parameters"/>' count.</summary>
    private void Append(DatabaseFacade database, IReadOnlyList<AuditRecord> rows, StringBuilder sql, List<object?> parameters)
    {
        var postgres = database.IsPostgres();
        var table = postgres ? "audit.entries" : "audit_entries";
        sql.Append($"""INSERT INTO {table} ("OccurredAt", "ActorId", "ActorDisplay", "IpAddress", "Action", "RecordType", "RecordId", "Outcome", "Reason", "BreakGlass", "SubjectPatientId") """);
        if (postgres && rows.Count >= 2)
        {
            AppendArrays(rows, sql, parameters);
            return;
        }

        sql.Append("VALUES ");
        for (var i = 0; i < rows.Count; i++)
        {
            var record = rows[i];
            sql.Append(i == 0 ? "(" : ", (");
            for (var c = 0; c < Columns; c++)
            {
                sql.Append(c == 0 ? "{" : ", {").Append(parameters.Count + c).Append('}');
            }

            sql.Append(')');
            parameters.Add(AuditEntry.StoredInstant(record.OccurredAt));
            parameters.Add(record.ActorId);
            parameters.Add(Encrypted(record.ActorDisplay, AuditEntryConfiguration.ActorDisplayPurpose));
            parameters.Add(record.IpAddress);
            parameters.Add(record.Action);
            parameters.Add(record.RecordType);
            parameters.Add(record.RecordId);
            parameters.Add(record.Outcome.ToString());
            parameters.Add(Encrypted(record.Reason, AuditEntryConfiguration.ReasonPurpose));
            parameters.Add(record.BreakGlass);
            parameters.Add(record.SubjectPatientId);
        }

        sql.Append(";\n");
    }

    /// <summary>
    /// PostgreSQL, two records or more: one array per column, unnested (as <c>MultiRowInsert</c> writes entities' rows there), so a
    /// batch of a hundred payments' records is 11 parameters instead of 1,100 and its statement's text does not depend on the count.
    /// </summary>
    private void AppendArrays(IReadOnlyList<AuditRecord> rows, StringBuilder sql, List<object?> parameters)
    {
        sql.Append("SELECT * FROM unnest(");
        var first = true;
        void Column<T>(NpgsqlDbType type, Func<AuditRecord, T> value)
        {
            var values = new T[rows.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = value(rows[i]);
            }

            sql.Append(first ? "{" : ", {").Append(parameters.Count).Append('}');
            first = false;
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values });
        }

        Column(NpgsqlDbType.TimestampTz, r => AuditEntry.StoredInstant(r.OccurredAt));
        Column(NpgsqlDbType.Uuid, r => r.ActorId);
        Column(NpgsqlDbType.Text, r => Encrypted(r.ActorDisplay, AuditEntryConfiguration.ActorDisplayPurpose));
        Column(NpgsqlDbType.Text, r => r.IpAddress);
        Column(NpgsqlDbType.Text, r => r.Action);
        Column(NpgsqlDbType.Text, r => r.RecordType);
        Column(NpgsqlDbType.Text, r => r.RecordId);
        Column(NpgsqlDbType.Text, r => r.Outcome.ToString());
        Column(NpgsqlDbType.Text, r => Encrypted(r.Reason, AuditEntryConfiguration.ReasonPurpose));
        Column(NpgsqlDbType.Boolean, r => r.BreakGlass);
        Column(NpgsqlDbType.Uuid, r => r.SubjectPatientId);
        sql.Append(");\n");
    }

    /// <summary>
    /// PostgreSQL's binary COPY for a group commit's hundreds of records: no SQL text or bind parameters to build and parse,
    /// about half the host and server CPU per record of a multi-row INSERT. Atomic like one INSERT, and inside the caller's
    /// transaction when there is one (EF Core's connection is shared).
    /// </summary>
    private async Task CopyAsync(DatabaseFacade database, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)database.GetDbConnection();
            await using var importer = await connection.BeginBinaryImportAsync(
                """COPY audit.entries ("OccurredAt", "ActorId", "ActorDisplay", "IpAddress", "Action", "RecordType", "RecordId", "Outcome", "Reason", "BreakGlass", "SubjectPatientId") FROM STDIN (FORMAT BINARY)""",
                cancellationToken);
            foreach (var record in records)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(AuditEntry.StoredInstant(record.OccurredAt), NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteNullableAsync(importer, record.ActorId, NpgsqlDbType.Uuid, cancellationToken);
                await WriteNullableAsync(importer, Encrypted(record.ActorDisplay, AuditEntryConfiguration.ActorDisplayPurpose), NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(importer, record.IpAddress, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(record.Action, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, record.RecordType, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, record.RecordId, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(record.Outcome.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, Encrypted(record.Reason, AuditEntryConfiguration.ReasonPurpose), NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(record.BreakGlass, NpgsqlDbType.Boolean, cancellationToken);
                await WriteNullableAsync(importer, record.SubjectPatientId, NpgsqlDbType.Uuid, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : class =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : struct =>
        value is { } present ? importer.WriteAsync(present, type, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    private string? Encrypted(string? text, string purpose) => text is null ? null : _encryption.Encrypt(text, purpose);
}
