using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios.Audit;

/// <summary>
/// Module contexts are pooled per host and rented per unit of work (<see cref="DatabaseSetup.AddModuleDbContext{TContext}"/>):
/// a context that served one request serves the next one as if new. Registered exactly as the modules register theirs, on the
/// host's real database, encryption and audit journal.
/// </summary>
public abstract class PooledContextScenarios(TelemedHost host)
{
    private readonly RawDatabase _db = new(host);

    [Fact]
    public async Task Given_a_context_returned_to_the_pool_When_the_next_unit_of_work_rents_it_Then_it_audits_there_and_carries_nothing_over()
    {
        await using (var connection = await _db.OpenAsync())
        {
            await RawDatabase.ExecuteAsync(connection, ProbeDbContext.CreateTableSql(_db.IsPostgres));
        }

        await using var provider = Services().BuildServiceProvider();
        var saved = Guid.NewGuid();
        var queuedOnly = Guid.NewGuid();
        PooledProbeDbContext first;
        await using (var scope = provider.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<PooledProbeDbContext>();
            first.Records.Add(new ProbeRecord { Id = saved, Note = "saved by the first unit of work" });
            await first.SaveChangesAsync();
            // Queued for a save that never comes: the unit of work ends first.
            first.InsertRowsOnSave([new ProbeRecord { Id = queuedOnly, Note = "never saved" }]);
            first.Records.Add(new ProbeRecord { Id = Guid.NewGuid(), Note = "tracked, never saved" });
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<PooledProbeDbContext>();

            second.ShouldBeSameAs(first, "the pool hands the same instance to the next unit of work");
            second.ChangeTracker.Entries().ShouldBeEmpty();
            (await second.Records.SingleAsync(r => r.Id == saved)).Note.ShouldBe("saved by the first unit of work");
            scope.ServiceProvider.GetRequiredService<AuditScope>().Drain()
                .ShouldContain(r => r.Action == AuditActions.PhiRead && r.RecordId == saved.ToString(), "the read is audited in the renter's unit of work");
            await second.SaveChangesAsync();
        }

        (await CountAsync($"""SELECT COUNT(*) FROM {_db.Table("probe", "records")} WHERE "Id" = '{Text(queuedOnly)}'""")).ShouldBe(0);
        (await CountAsync($"""SELECT COUNT(*) FROM {_db.Table("probe", "records")} WHERE "Note" = 'tracked, never saved'""")).ShouldBe(0);
        // A reference kept past its unit of work cannot act for the next one.
        await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            first.Records.Add(new ProbeRecord { Id = Guid.NewGuid(), Note = "after the unit of work" });
            await first.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Given_PHI_records_When_a_unit_of_work_loads_them_tracked_and_untracked_Then_each_entity_it_materialises_is_one_audited_read()
    {
        await using (var connection = await _db.OpenAsync())
        {
            await RawDatabase.ExecuteAsync(connection, ProbeDbContext.CreateTableSql(_db.IsPostgres));
        }

        await using var provider = Services().BuildServiceProvider();
        Guid[] ids = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PooledProbeDbContext>();
            db.Records.AddRange(ids.Select(id => new ProbeRecord { Id = id, Note = "read back" }));
            await db.SaveChangesAsync();
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PooledProbeDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<AuditScope>();

            var untracked = ids[..3];
            (await db.Records.AsNoTracking().Where(r => untracked.Contains(r.Id)).ToListAsync()).Count.ShouldBe(3);
            (await db.Records.SingleAsync(r => r.Id == ids[3])).Note.ShouldBe("read back");

            var reads = audit.Drain().Where(r => r.Action == AuditActions.PhiRead).Select(r => r.RecordId).ToList();
            reads.Count.ShouldBe(4, "three rows untracked, one tracked: every entity materialised is a read");
            reads.ShouldBe([.. ids.Select(id => id.ToString())], ignoreOrder: true);
        }
    }

    /// <summary>The host's own singletons, a unit of work per scope, and the probe context registered as every module's is.</summary>
    private ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton(host.Services.GetRequiredService<DatabaseConnection>());
        services.AddSingleton(host.Services.GetRequiredService<FieldEncryption>());
        services.AddSingleton(host.Services.GetRequiredService<OutboxSignal>());
        services.AddSingleton(host.Services.GetRequiredService<IAuditJournal>());
        services.AddSingleton(host.Services.GetRequiredService<TimeProvider>());
        services.AddScoped<AuditScope>();
        services.AddScoped<ModuleDbServices>();
        services.AddModuleDbContext<PooledProbeDbContext>();
        return services;
    }

    private string Text(Guid id) => _db.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant();

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _db.OpenAsync();
        return long.Parse((await RawDatabase.RowsAsync(connection, sql)).Single(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The probe table (<see cref="ProbeDbContext"/>) through a pooled context: one constructor, its options only.</summary>
public sealed class PooledProbeDbContext(DbContextOptions<PooledProbeDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "probe";

    public DbSet<ProbeRecord> Records => Set<ProbeRecord>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) => ProbeDbContext.ConfigureRecords(modelBuilder);
}

public sealed class PooledContextScenariosOnSqlite(SqliteHost host) : PooledContextScenarios(host), IClassFixture<SqliteHost>;

public sealed class PooledContextScenariosOnPostgres(PostgresHost host) : PooledContextScenarios(host), IClassFixture<PostgresHost>;
