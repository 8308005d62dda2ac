using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;

namespace Telemed.BuildingBlocks.Data;

/// <summary>
/// Base for every module's DbContext: a PostgreSQL schema (or a SQLite table prefix) per module,
/// an integration-event outbox in the module's own tables, and field-level encryption of the
/// properties marked with <see cref="EncryptionModelExtensions.IsEncrypted{T}"/>.
/// </summary>
public abstract class ModuleDbContext : DbContext
{
    private ModuleDbServices? _rentedBy;

    /// <summary>
    /// For the host's context pools (<see cref="DatabaseSetup.AddModuleDbContext{TContext}"/>): the instance is built once and
    /// bound to each unit of work that rents it (<see cref="Rent"/>).
    /// </summary>
    protected ModuleDbContext(DbContextOptions options) : base(options)
    {
    }

    /// <summary>A context outside the pools, bound to <paramref name="services"/>' unit of work for its whole life.</summary>
    protected ModuleDbContext(DbContextOptions options, ModuleDbServices services) : base(options) => Rent(services, scope: null);

    /// <summary>The unit of work's services; a context used after its unit of work gave it back has none, and throws.</summary>
    private ModuleDbServices UnitOfWork => _rentedBy
        ?? throw new InvalidOperationException($"{GetType().Name} was used after the unit of work that rented it ended.");

    private FieldEncryption Encryption => UnitOfWork.Encryption;

    /// <summary>The unit of work's audit collector, read by the (singleton) PHI audit interceptor.</summary>
    internal AuditScope Audit => UnitOfWork.Audit;

    /// <summary>
    /// Binds this context to the unit of work (DI scope) that rents it from the pool: its audit scope, its encryption keys and
    /// outbox signal. What an earlier renter queued and did not save is dropped; EF Core itself has already reset its change
    /// tracker and connection when the context was returned.
    /// </summary>
    internal void Rent(ModuleDbServices services, IServiceProvider? scope)
    {
        _rentedBy = services;
        _rowsOnSave = null;
        _guardsOnSave = null;
        _givenRecords = null;
        _factsOfNextSave = null;
        // The encrypted columns' converters are shared by every host in the process: name this host's keys to them.
        FieldEncryptionRouting.UseInThisFlow(services.Encryption);
        OnRented(scope);
    }

    /// <summary>A module context takes its own (singleton) services from the renting scope here; null for a context outside the pools.</summary>
    protected virtual void OnRented(IServiceProvider? scope)
    {
    }

    /// <summary>Returns a pooled context to its pool (or disposes it), letting go of the unit of work's services first.</summary>
    public override void Dispose()
    {
        _rentedBy = null;
        base.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public override ValueTask DisposeAsync()
    {
        _rentedBy = null;
        return base.DisposeAsync();
    }

    public abstract string ModuleName { get; }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>
    /// Rows of <typeparamref name="T"/> to insert with the next <see cref="SaveChangesAsync(bool, CancellationToken)"/>, as one
    /// multi-row INSERT (see <see cref="MultiRowInsert"/>) sent in the same round trip as the save's audit records, before EF Core's
    /// own batch: a booking's time blocks, reminders and audit entry cost one round trip instead of three. The rows are not
    /// tracked; a unique-key violation fails the save with a <see cref="DbUpdateException"/>. Queue them right before saving and
    /// inside a transaction the caller rolls back whole on failure (they are sent before EF Core's savepoint, if it takes one).
    /// </summary>
    public void InsertRowsOnSave<T>(IReadOnlyList<T> rows) where T : class
    {
        var perStatement = MultiRowInsert.RowsPerStatement<T>(this);
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var chunk = rows.Skip(start).Take(perStatement).ToList();
            (_rowsOnSave ??= []).Add((text, parameters, prefix) => MultiRowInsert.AppendInsert(this, chunk, text, parameters, prefix));
        }
    }

    private List<Action<System.Text.StringBuilder, List<object?>, string>>? _rowsOnSave;

    /// <summary>
    /// On PostgreSQL, makes the next save refuse itself, writing nothing, if a row of <typeparamref name="T"/> has every value of
    /// <paramref name="equals"/> (property name, value; enums and other converted values as the property stores them). The check
    /// runs in the save's own statement, over the snapshot its writes see, so a caller that would read those rows first only to
    /// find none nearly every time saves that read (<see cref="SaveGuard"/>). A refused save throws
    /// <see cref="SaveRefusedException"/>, with every queued row, change and audit record unwritten. Returns false, and queues
    /// nothing, on SQLite, which cannot refuse inside a statement: read first there.
    /// </summary>
    public bool RefuseSaveIfAny<T>(params (string Property, object? Value)[] equals) where T : class
    {
        if (!Database.IsPostgres())
        {
            return false;
        }

        var entityType = Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        (_rowsOnSave ??= []).Add((text, parameters, _) => SaveGuard.Append(this, entityType, equals, text, parameters));
        (_guardsOnSave ??= []).Add(typeof(T).Name);
        return true;
    }

    private List<string>? _guardsOnSave;

    private IReadOnlyList<AuditRecord>? _givenRecords;

    private List<AuditRecord>? _factsOfNextSave;

    /// <summary>
    /// Audits a business fact (e.g. <c>appointment.booked</c>) with the next save, in its transaction: it commits with the write
    /// and is gone with it if the save fails or its transaction rolls back. Unlike <see cref="AuditScope.Record"/>, which the
    /// unit of work writes at its end whatever became of the write, and in a transaction of its own. Queue it again before a
    /// retried save.
    /// </summary>
    public void AuditWithNextSave(string action, string recordType, string recordId, string? reason = null, Guid? subjectPatientId = null) =>
        (_factsOfNextSave ??= []).Add(UnitOfWork.Audit.Fact(action, recordType, recordId, reason, subjectPatientId));

    /// <summary>
    /// Saves the tracked changes of several callers (a group commit) in one transaction with <paramref name="records"/>: the
    /// audit records of their writes, each completed in its own caller's unit of work (its actor, address, break-glass). The
    /// context's own unit of work adds none; the writes are not audited again. Same paths and guarantees as
    /// <see cref="SaveChangesAsync(bool, CancellationToken)"/>: the records commit or roll back with the writes.
    /// </summary>
    public async Task<int> SaveChangesAuditedAsAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        _givenRecords = records;
        try
        {
            return await SaveChangesAsync(true, cancellationToken);
        }
        finally
        {
            _givenRecords = null;
        }
    }

    /// <summary>Adds an integration event to the outbox; it is saved atomically with the change that raised it.</summary>
    public void Publish(IntegrationEvent integrationEvent) => OutboxMessages.Add(OutboxMessage.From(integrationEvent, Encryption));

    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    /// <summary>
    /// Saves the change with its outbox rows and its audit records in one transaction: the records of the PHI
    /// written here, and whatever the unit of work audited before it, such as the reads that led to the write. If the
    /// save fails, or a caller's transaction it joined does not commit, the write's records are gone with the write
    /// and the earlier ones are written at the unit of work's end (<see cref="AuditScope.Carry"/>).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Changes are detected once: every ChangeTracker.Entries call below, and EF's own save, would scan every tracked entity
        // again (six scans per save; 5.7 % of the host's CPU under the booking load went to the change tracker). Nothing in
        // between changes a tracked entity's properties: it only adds outbox rows, which need no detection.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (!detect)
        {
            return await SaveDetectedChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveDetectedChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    private async Task<int> SaveDetectedChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        FieldEncryptionRouting.UseInThisFlow(Encryption);
        var rows = _rowsOnSave;
        _rowsOnSave = null;
        var guards = _guardsOnSave;
        _guardsOnSave = null;
        MoveDomainEventsToOutbox();
        var published = ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        var facts = _factsOfNextSave;
        _factsOfNextSave = null;
        var writes = _givenRecords ?? PhiWritesOfThisSave();
        if (facts is not null)
        {
            writes = [.. writes, .. facts];
        }

        var callersTransaction = Database.CurrentTransaction;
        IReadOnlyList<AuditRecord> carried = writes.Count > 0 && _givenRecords is null ? UnitOfWork.Audit.Drain() : [];
        int written;
        try
        {
            if (writes.Count == 0 && rows is null)
            {
                // Rows without audit records (a batch of notices' claims and action links, outbox rows) are one command too: EF
                // Core's path writes them one INSERT per row, inside a write transaction of their own on SQLite, where they join
                // the group commit (ADR 0014); on PostgreSQL a batch of a hundred bookings' notices was four hundred statements.
                written = callersTransaction is null && OneCommandSave.For(this) is { } plain && plain.Rows > 0
                    && (Database.IsPostgres() || GroupCommit is not null && plain.Updates.Count == 0)
                    && await SaveAsOneCommandAsync(null, plain, [], acceptAllChangesOnSuccess, cancellationToken) is { } oneCommand
                    ? oneCommand
                    : await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            else if (callersTransaction is null && OneCommandSave.For(this) is { } plan && (Database.IsPostgres() || plan.Updates.Count == 0)
                && await SaveAsOneCommandAsync(rows, plan, [.. writes, .. carried], acceptAllChangesOnSuccess, cancellationToken) is { } inserted)
            {
                written = inserted;
                CountAppends(writes.Count + carried.Count);
            }
            else if (callersTransaction is null)
            {
                // The transaction is this save's own, so any failure rolls all of it back: EF's SAVEPOINT and RELEASE around
                // its part (two more statements inside the SQLite write gate) would protect nothing.
                var savepoints = Database.AutoSavepointsEnabled;
                Database.AutoSavepointsEnabled = false;
                try
                {
                    await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
                    var audited = await WriteRowsAheadAsync(rows, [.. writes, .. carried], cancellationToken);
                    written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                    if (!audited)
                    {
                        await UnitOfWork.Journal.WriteAsync(Database, [.. writes, .. carried], cancellationToken);
                    }

                    await transaction.CommitAsync(cancellationToken);
                }
                finally
                {
                    Database.AutoSavepointsEnabled = savepoints;
                }

                CountAppends(writes.Count + carried.Count);
            }
            else
            {
                var audited = await WriteRowsAheadAsync(rows, [.. writes, .. carried], cancellationToken);
                written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                if (!audited)
                {
                    await UnitOfWork.Journal.WriteAsync(Database, [.. writes, .. carried], cancellationToken);
                }

                UnitOfWork.Audit.Carry(callersTransaction.TransactionId, carried);
                // Counted when written: the caller's commit is out of sight here, so a rare rollback is still counted.
                CountAppends(writes.Count + carried.Count);
            }
        }
        catch (Exception ex)
        {
            // Only this unit of work's own save decides its pending successes; a group commit's records are its callers'.
            if (_givenRecords is null)
            {
                // The write did not happen: a success recorded ahead of it is written as a failure, never as a success.
                UnitOfWork.Audit.Requeue(carried);
            }

            if (guards is not null && SaveGuard.IsRefusal(ex))
            {
                throw new SaveRefusedException(string.Join(", ", guards), ex);
            }

            // A deadlock's victim (two saves writing the same rows in crossing orders) is a concurrency conflict like a stale
            // concurrency token: the other save committed, this one wrote nothing, and reading again decides. EF Core's execution
            // strategy reports it as an InvalidOperationException that no handler would read as a conflict (it answered 500).
            // Only a save in a transaction of its own: a caller's transaction is aborted by it and must be rolled back first.
            if (callersTransaction is null && ex is not DbUpdateConcurrencyException && ex.IsCrossingWriters())
            {
                throw new DbUpdateConcurrencyException("Another save wrote the same rows at the same time (deadlock or serialisation failure); nothing was saved.", ex);
            }

            throw;
        }

        if (_givenRecords is null)
        {
            if (callersTransaction is null)
            {
                // Committed: what the unit of work recorded as done before this save is true.
                UnitOfWork.Audit.Settled();
            }
            else
            {
                // The caller's commit or rollback decides it (AuditTransactionInterceptor), also when nothing rode along.
                UnitOfWork.Audit.Carry(callersTransaction.TransactionId, []);
            }
        }

        if (published)
        {
            UnitOfWork.OutboxSignal.Raise();
        }

        return written;
    }

    /// <summary>
    /// Sends the rows queued by <see cref="InsertRowsOnSave{T}"/> and, in the same round trip, <paramref name="records"/>; nothing
    /// when none is queued. Returns whether the records went with them (false: the caller writes them after the save, as always).
    /// </summary>
    private async Task<bool> WriteRowsAheadAsync(List<Action<System.Text.StringBuilder, List<object?>, string>>? rows, IReadOnlyList<AuditRecord> records,
        CancellationToken ct)
    {
        if (rows is null)
        {
            return records.Count == 0;
        }

        var text = new System.Text.StringBuilder();
        var parameters = new List<object?>();
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i](text, parameters, $"q{i}");
        }

        var audited = records.Count == 0 || UnitOfWork.Journal.TryAppend(Database, records, text, parameters);
        if (Database.IsPostgres())
        {
            await MultiRowInsert.ExecuteAsync(this, text.ToString(), parameters, ct);
        }
        else
        {
            await MultiRowInsert.ExecuteEachAsync(this, MultiRowInsert.Statements(text.ToString(), parameters).ToList(), ct);
        }

        return audited;
    }

    /// <summary>
    /// New and changed rows only (on SQLite new rows only), outside a caller's transaction: the queued rows, the tracked new rows,
    /// the changed rows and the audit records as ONE command. PostgreSQL runs it as one implicit transaction: one round trip, one
    /// commit, all or nothing (<see cref="OneCommandSave"/>). On SQLite its statements run one per command
    /// (<see cref="MultiRowInsert.Statements"/>), once they are built, in a transaction shared with the saves that arrive beside it
    /// (<see cref="SqliteGroupCommit"/>): the host's one write gate (<see cref="SqliteWriteGate"/>) is held for SQLite's own work
    /// and one commit per batch, not for the saves' preparation. Returns
    /// the tracked rows written; null when the records do not fit one statement, and then nothing was sent. A changed row that is
    /// gone or was changed meanwhile (its concurrency token) fails the save with <see cref="DbUpdateConcurrencyException"/>, as
    /// EF Core's path does.
    /// </summary>
    private async Task<int?> SaveAsOneCommandAsync(List<Action<System.Text.StringBuilder, List<object?>, string>>? rows, OneCommandSave.Plan plan,
        IReadOnlyList<AuditRecord> records, bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        var text = new System.Text.StringBuilder();
        var parameters = new List<object?>();
        for (var i = 0; i < (rows?.Count ?? 0); i++)
        {
            rows![i](text, parameters, $"q{i}");
        }

        OneCommandSave.Append(this, plan, text, parameters, "e");
        if (records.Count > 0 && !UnitOfWork.Journal.TryAppend(Database, records, text, parameters))
        {
            return null;
        }

        if (text.Length > 0)
        {
            try
            {
                if (Database.IsPostgres())
                {
                    await MultiRowInsert.ExecuteAsync(this, text.ToString(), parameters, ct);
                }
                else
                {
                    var statements = MultiRowInsert.Statements(text.ToString(), parameters).ToList();
                    if (GroupCommit is { } group)
                    {
                        await group.RunAsync(this, statements);
                    }
                    else
                    {
                        await using var transaction = await Database.BeginTransactionAsync(ct);
                        await MultiRowInsert.ExecuteEachAsync(this, statements, ct);
                        await transaction.CommitAsync(ct);
                    }
                }
            }
            catch (Exception ex) when (OneCommandSave.IsRowNotFound(ex))
            {
                // Any of the changed rows may be the one gone or changed (the command cannot say which): all are named, as candidates.
                throw new DbUpdateConcurrencyException("A row to update was deleted or changed since it was read; nothing was saved.",
                    ex, [.. plan.Updates.Select(UpdateEntry)]);
            }
        }

        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        return plan.Rows;
    }

    // EF Core's concurrency exception names its rows as update entries (what its own path passes); EntityEntry wraps one.
#pragma warning disable EF1001
    private static Microsoft.EntityFrameworkCore.Update.IUpdateEntry UpdateEntry(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.GetInfrastructure();
#pragma warning restore EF1001

    /// <summary>The group commit of this context's SQLite file (null on PostgreSQL and for an in-memory database); looked up once.</summary>
    private SqliteGroupCommit? GroupCommit
    {
        get
        {
            if (!_groupCommitKnown)
            {
                _groupCommit = Database.GetConnectionString() is { } connection && !Database.IsPostgres()
                    ? SqliteGroupCommit.For(SqliteWriteGate.ForConnectionString(connection))
                    : null;
                _groupCommitKnown = true;
            }

            return _groupCommit;
        }
    }

    private SqliteGroupCommit? _groupCommit;
    private bool _groupCommitKnown;

    private static void CountAppends(int records) =>
        Telemetry.TelemedMetrics.AuditAppends.Add(records, new KeyValuePair<string, object?>("path", "in_transaction"));

    /// <summary>
    /// For a save override that reads the change tracker before it calls the base save (roll-up marks, the caches a save
    /// invalidates): detects the changes now, and not again until the returned scope is disposed. Each
    /// <c>ChangeTracker.Entries</c> call and the save itself would otherwise scan every tracked entity once more (a chat
    /// message's group commit scanned its batch three times). Inside the scope entities may be added, not changed.
    /// </summary>
    protected ChangesDetected DetectChangesOnce()
    {
        if (!ChangeTracker.AutoDetectChangesEnabled)
        {
            return default;
        }

        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        return new ChangesDetected(ChangeTracker);
    }

    /// <summary>Turns automatic change detection back on when disposed (see <see cref="DetectChangesOnce"/>); the default value does nothing.</summary>
    protected readonly struct ChangesDetected(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker? tracker) : IDisposable
    {
        public void Dispose()
        {
            if (tracker is not null)
            {
                tracker.AutoDetectChangesEnabled = true;
            }
        }
    }

    /// <summary>Writes must be audited in their own transaction, which the synchronous path does not do.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Module contexts save with SaveChangesAsync, which audits the write in its transaction.");

    private List<AuditRecord> PhiWritesOfThisSave()
    {
        var records = new List<AuditRecord>();
        var seen = new HashSet<(string, string, Guid)>();
        // One save's writes to one record are one entry: a record this save creates (a message, audited as its conversation) is
        // not logged as updated too (the conversation's last-message time, changed by the same message).
        var created = ChangeTracker.Entries<IPhiRecord>().Where(e => e.State == EntityState.Added)
            .Select(e => (e.Entity.AuditRecordType, e.Entity.AuditRecordId)).ToHashSet();
        foreach (var entry in ChangeTracker.Entries<IPhiRecord>())
        {
            if (entry.State == EntityState.Modified && created.Contains((entry.Entity.AuditRecordType, entry.Entity.AuditRecordId)))
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditActions.PhiCreate,
                EntityState.Modified => AuditActions.PhiUpdate,
                EntityState.Deleted => AuditActions.PhiDelete,
                _ => null,
            };
            if (action is not null && seen.Add((action, entry.Entity.AuditRecordType, entry.Entity.AuditRecordId)))
            {
                records.Add(UnitOfWork.Audit.PhiWrite(action, entry.Entity.AuditRecordType, entry.Entity.AuditRecordId, entry.Entity.AuditPatientId));
            }
        }

        return records;
    }

    /// <summary>Integration events raised by tracked entities join this save's outbox rows (and so its transaction).</summary>
    private void MoveDomainEventsToOutbox()
    {
        foreach (var entry in ChangeTracker.Entries<AggregateRoot>().ToList())
        {
            foreach (var raised in entry.Entity.DomainEvents.OfType<IntegrationEvent>())
            {
                Publish(raised);
            }

            entry.Entity.ClearDomainEvents();
        }
    }

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureModel(modelBuilder);
        foreach (var aggregate in modelBuilder.Model.GetEntityTypes().Where(e => typeof(AggregateRoot).IsAssignableFrom(e.ClrType)).ToList())
        {
            modelBuilder.Entity(aggregate.ClrType).Ignore(nameof(AggregateRoot.DomainEvents));
        }

        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyFieldEncryption();

        if (Database.IsPostgres())
        {
            modelBuilder.HasDefaultSchema(ModuleName);
        }
        else
        {
            foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
            {
                entity.SetTableName($"{ModuleName}_{entity.GetTableName()}");
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are UTC DateTime everywhere (SQLite cannot compare DateTimeOffset in SQL).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

/// <summary>
/// One model per context type and database provider, whichever host asks: the models live in a cache every host in the
/// process shares (<see cref="DatabaseSetup"/>), and a module's tables are named differently on PostgreSQL and SQLite.
/// </summary>
public sealed class ModuleModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => (context.GetType(), DatabaseProviders.NameOf(context.Database), designTime);
}

/// <summary>What every module context needs from the host: the field encryption, the audit collector of the current scope and the audit journal its writes' records go to.</summary>
public sealed record ModuleDbServices(FieldEncryption Encryption, AuditScope Audit, OutboxSignal OutboxSignal, IAuditJournal Journal);
