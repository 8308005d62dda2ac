using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;

namespace Telemed.UnitTests.Data;

/// <summary>
/// Probes of a module context's plain save on a SQLite file through the group commit, with the write gate's interceptors as the
/// host has them, compared with EF Core's own SaveChanges (the same context saving inside a caller's transaction).
/// </summary>
public sealed class OneCommandSaveParityTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"one-command-probe-{Guid.NewGuid():N}.db");
    private readonly SqliteWriteGate _gate;
    private readonly SqliteWriteGateInterceptor _interceptor;

    public OneCommandSaveParityTests()
    {
        _gate = SqliteWriteGate.ForConnectionString(ConnectionString);
        _interceptor = new SqliteWriteGateInterceptor(_gate);
        using var db = Context();
        db.Database.EnsureCreated();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    private string ConnectionString => $"Data Source={_file};Default Timeout=5";

    private ParityItemsContext Context() =>
        new(new DbContextOptionsBuilder<ParityItemsContext>().UseSqlite(ConnectionString).AddInterceptors(_interceptor.All)
            .ReplaceService<Microsoft.EntityFrameworkCore.Storage.IRelationalTransactionFactory, RollbackOnDisposeTransactionFactory>()
            .ReplaceService<IModelCacheKeyFactory, ModuleModelCacheKeyFactory>().Options,
            new ModuleDbServices(new FieldEncryption(), new AuditScope(TimeProvider.System), new OutboxSignal(), new NoJournal()));

    /// <summary>Pins the brief's guarantee end to end (PASSES): the refused save's first statement had run in the shared transaction.</summary>
    [Fact]
    public async Task Given_two_saves_in_one_batch_When_the_second_is_refused_by_a_unique_key_at_its_second_statement_Then_the_first_is_stored_and_nothing_of_the_second()
    {
        await using (var seed = Context())
        {
            var owner = new ParityItem { Id = Guid.NewGuid(), Text = "owner" };
            seed.AddRange(owner, new ParityKeyed { Id = Guid.NewGuid(), ItemId = owner.Id, Code = "taken" });
            await seed.SaveChangesAsync();
        }

        var before = SqliteGroupCommit.For(_gate)!.Batches;
        var saves = new List<Task>();
        await using (await _gate.EnterAsync())
        {
            foreach (var (text, code) in new[] { ("first", "free"), ("second, half written", "taken") })
            {
                saves.Add(Task.Run(async () =>
                {
                    await using var db = Context();
                    var item = new ParityItem { Id = Guid.NewGuid(), Text = text };
                    // Its item is its first statement (principal first), its code the second.
                    db.AddRange(new ParityKeyed { Id = Guid.NewGuid(), ItemId = item.Id, Code = code }, item);
                    await db.SaveChangesAsync();
                }));
                await SqliteGroupCommit.For(_gate)!.UntilInLineAsync(saves.Count); // in this order, both in line before the gate is free
            }
        }

        await saves[0];
        (await Should.ThrowAsync<DbUpdateException>(() => saves[1])).IsUniqueViolation().ShouldBeTrue();
        (SqliteGroupCommit.For(_gate)!.Batches - before).ShouldBe(1, "both saves were in one batch");
        await using var check = Context();
        (await check.Items.OrderBy(i => i.Text).Select(i => i.Text).ToListAsync()).ShouldBe(["first", "owner"]);
        (await check.Keyed.OrderBy(k => k.Code).Select(k => k.Code).ToListAsync()).ShouldBe(["free", "taken"]);
    }

    /// <summary>Pins (PASSES): a save of more values than SQLite's 100 a statement is split and stored whole.</summary>
    [Fact]
    public async Task Given_a_save_of_more_rows_than_one_SQLite_statement_takes_Then_every_row_is_stored()
    {
        await using (var db = Context())
        {
            db.Items.AddRange(Enumerable.Range(0, 500).Select(i => new ParityItem { Id = Guid.NewGuid(), Text = $"bulk {i:000}" }));
            (await db.SaveChangesAsync()).ShouldBe(500);
        }

        await using var check = Context();
        (await check.Items.CountAsync(i => i.Text.StartsWith("bulk "))).ShouldBe(500);
    }

    /// <summary>
    /// FAILS: EF Core's SaveChanges wraps a foreign key's refusal in a <see cref="DbUpdateException"/>; through the group commit
    /// the raw <see cref="SqliteException"/> reaches the caller (MultiRowInsert.ExecuteAsync wraps only unique violations).
    /// </summary>
    [Fact]
    public async Task Given_a_row_whose_foreign_key_points_nowhere_When_saved_through_the_group_commit_Then_it_fails_with_a_DbUpdateException_as_EF_Cores_save_does()
    {
        async Task<Exception?> RefusedAsync(bool throughEf)
        {
            await using var db = Context();
            db.Keyed.Add(new ParityKeyed { Id = Guid.NewGuid(), ItemId = Guid.NewGuid(), Code = Guid.NewGuid().ToString("N") });
            try
            {
                if (throughEf)
                {
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                }
                else
                {
                    await db.SaveChangesAsync();
                }

                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }

        var byEf = await RefusedAsync(throughEf: true);
        byEf.ShouldBeAssignableTo<DbUpdateException>($"EF Core's own path threw {byEf?.GetType().Name}");
        var byOneCommand = await RefusedAsync(throughEf: false);
        byOneCommand.ShouldNotBeNull();
        byOneCommand.ShouldBeAssignableTo<DbUpdateException>($"the group commit threw {byOneCommand.GetType().FullName}: {byOneCommand.Message}");
    }

    /// <summary>
    /// FAILS: a <c>bit(n)</c> column keeps its type in the VALUES cast, and PostgreSQL's explicit cast to bit(n) cuts or pads a
    /// value silently (B'10101'::bit(3) is 101), where the assignment of a single row's UPDATE refuses a value of another
    /// length. Only varchar(n), char(n) and varbit(n) lose their length in ValuesType. (A bare <c>character</c> is safe: Npgsql
    /// names it character(1), which becomes bpchar.)
    /// </summary>
    [Fact]
    public void Given_a_bit_n_column_When_two_rows_change_it_Then_the_grouped_UPDATE_casts_to_a_type_that_cannot_cut_the_value()
    {
        using var db = new CastsContext();
        var rows = Enumerable.Range(0, 2).Select(_ => new CastRow { Id = Guid.NewGuid(), Bits = new System.Collections.BitArray(3) }).ToList();
        db.AttachRange(rows);
        foreach (var row in rows)
        {
            row.Bits = new System.Collections.BitArray([true, false, true, false, true]);
        }

        var plan = OneCommandSave.For(db).ShouldNotBeNull();
        var text = new System.Text.StringBuilder();
        OneCommandSave.Append(db, plan, text, [], "t");
        var sql = text.ToString();
        sql.ShouldContain("FROM (VALUES");
        db.Model.FindEntityType(typeof(CastRow))!.FindProperty(nameof(CastRow.Bits))!.GetColumnType().ShouldBe("bit(3)");
        sql.ShouldNotContain("::bit(3)", customMessage: sql);
    }

    private sealed class CastRow
    {
        public Guid Id { get; set; }

        public System.Collections.BitArray Bits { get; set; } = new(3);
    }

    /// <summary>A model only: no connection is opened.</summary>
    private sealed class CastsContext : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseNpgsql("Host=unused");

        protected override void OnModelCreating(ModelBuilder model)
        {
            model.Entity<CastRow>().Property(r => r.Bits).HasColumnType("bit(3)");
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    private sealed class NoJournal : IAuditJournal
    {
        public Task WriteAsync(DatabaseFacade database, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No probe save carries audit records.");

        public bool TryAppend(DatabaseFacade database, IReadOnlyList<AuditRecord> records, System.Text.StringBuilder sql, List<object?> parameters) =>
            throw new InvalidOperationException("No probe save carries audit records.");
    }
}

internal sealed class ParityItem
{
    public Guid Id { get; set; }

    public string Text { get; set; } = "";
}

internal sealed class ParityKeyed
{
    public Guid Id { get; set; }

    public Guid ItemId { get; set; }

    public string Code { get; set; } = "";
}

internal sealed class ParityItemsContext(DbContextOptions<ParityItemsContext> options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public override string ModuleName => "probe";

    public DbSet<ParityItem> Items => Set<ParityItem>();

    public DbSet<ParityKeyed> Keyed => Set<ParityKeyed>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ParityItem>().ToTable("items");
        modelBuilder.Entity<ParityKeyed>(b =>
        {
            b.ToTable("keyed");
            b.HasIndex(k => k.Code).IsUnique();
            b.HasOne<ParityItem>().WithMany().HasForeignKey(k => k.ItemId);
        });
    }
}
