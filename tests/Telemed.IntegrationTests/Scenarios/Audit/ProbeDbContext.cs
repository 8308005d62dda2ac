using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;

namespace Telemed.IntegrationTests.Scenarios.Audit;

/// <summary>
/// A module context of the test's own, built on the real <see cref="ModuleDbContext"/> and the host's real services
/// (audit journal, encryption, database): one PHI table, so a test can write, fail and roll back at will.
/// </summary>
public sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public override string ModuleName => "probe";

    public DbSet<ProbeRecord> Records => Set<ProbeRecord>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) => ConfigureRecords(modelBuilder);

    /// <summary>The probe table's mapping, shared with <see cref="PooledProbeDbContext"/>.</summary>
    public static void ConfigureRecords(ModelBuilder modelBuilder) => modelBuilder.Entity<ProbeRecord>(b =>
    {
        b.ToTable("records");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
    });

    public static string CreateTableSql(bool postgres) => postgres
        ? """CREATE SCHEMA IF NOT EXISTS probe; CREATE TABLE IF NOT EXISTS probe.records ("Id" uuid PRIMARY KEY, "Note" text NOT NULL)"""
        : """CREATE TABLE IF NOT EXISTS probe_records ("Id" TEXT NOT NULL PRIMARY KEY, "Note" TEXT NOT NULL)""";

    public static ProbeDbContext Open(DatabaseConnection database, ModuleDbServices services, IInterceptor? interceptor = null)
    {
        var builder = new DbContextOptionsBuilder<ProbeDbContext>();
        builder.UseTelemedDatabase(database.Options, database.ConnectionString);
        builder.AddInterceptors(AuditTransactionInterceptor.Instance);
        if (interceptor is not null)
        {
            builder.AddInterceptors(interceptor);
        }

        return new ProbeDbContext(builder.Options, services);
    }
}

public sealed class ProbeRecord : IPhiRecord
{
    public Guid Id { get; init; }
    public required string Note { get; init; }
    public string AuditRecordType => "ProbeRecord";
    public Guid AuditRecordId => Id;
}

/// <summary>Fails the trail's INSERT: the forced failure after the business write.</summary>
public sealed class FailTheAuditInsert : DbCommandInterceptor
{
    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        // An INSERT into the trail, alone or as a part of a one-statement save (PostgreSQL: WITH s0 AS (INSERT …), s1 AS (INSERT INTO audit.entries …)).
        command.CommandText.Contains("INSERT INTO audit", StringComparison.Ordinal)
            ? throw new InvalidOperationException("forced failure after the business write")
            : ValueTask.FromResult(result);
}
