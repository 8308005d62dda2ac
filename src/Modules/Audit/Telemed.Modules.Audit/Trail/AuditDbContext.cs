using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;

namespace Telemed.Modules.Audit.Trail;

internal sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "audit";

    public DbSet<AuditEntry> Entries => Set<AuditEntry>();
    public DbSet<AuditHead> Heads => Set<AuditHead>();
    public DbSet<AuditChainLink> Links => Set<AuditChainLink>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new AuditChainLinkConfiguration());
        modelBuilder.Entity<AuditHead>(b =>
        {
            b.ToTable("head");
            b.HasKey(h => h.Id);
            b.Property(h => h.Id).ValueGeneratedNever();
            b.Property(h => h.LastHash).HasMaxLength(64);
        });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const string ReasonPurpose = "AuditEntry.Reason";
    public const string ActorDisplayPurpose = "AuditEntry.ActorDisplay";

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        // The entry's place in the chain lives in audit.chain (AuditChainLink): sealing writes nothing here.
        builder.Ignore(e => e.IsSealed);
        builder.Ignore(e => e.Sequence);
        builder.Ignore(e => e.PreviousHash);
        builder.Ignore(e => e.Hash);
        builder.Property(e => e.Action).HasMaxLength(64);
        // Free text is encrypted at rest: names and break-glass reasons can carry PHI (ciphertext needs unbounded text).
        builder.Property(e => e.ActorDisplay).HasConversion(new AuditTextConverter(ActorDisplayPurpose));
        builder.Property(e => e.Reason).HasConversion(new AuditTextConverter(ReasonPurpose));
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.RecordType).HasMaxLength(64);
        builder.Property(e => e.RecordId).HasMaxLength(64);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.ActorId, e.OccurredAt });
        builder.HasIndex(e => new { e.RecordType, e.RecordId });
        // The patient's access report: their entries, newest first.
        builder.HasIndex(e => new { e.SubjectPatientId, e.OccurredAt });
    }
}
