using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.Modules.Interop.Ledger;

namespace Telemed.Modules.Interop.Infrastructure;

/// <summary>The interop schema: the import ledger (ids and hashes only).</summary>
internal sealed class InteropDbContext(DbContextOptions<InteropDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "interop";

    public DbSet<ImportLedgerEntry> Ledger => Set<ImportLedgerEntry>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<ImportLedgerEntry>(b =>
        {
            b.ToTable("import_ledger");
            b.HasKey(e => e.Id);
            b.Property(e => e.SourceSystem).HasMaxLength(ImportLedgerEntry.MaxSourceSystemLength);
            b.Property(e => e.ResourceType).HasMaxLength(64);
            b.Property(e => e.SourceKey).HasMaxLength(100);
            b.Property(e => e.ContentHash).HasMaxLength(64);
            b.Property(e => e.TargetRef).HasMaxLength(100);
            // The same source resource imported twice (or by two admins at once) is one line.
            b.HasIndex(e => new { e.SourceSystem, e.ResourceType, e.SourceKey }).IsUnique();
            b.HasIndex(e => e.PatientId);
        });
}
