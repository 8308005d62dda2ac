using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Records.Documents;

namespace Telemed.Modules.Records.Infrastructure;

internal sealed class RecordsDbContext(DbContextOptions<RecordsDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "records";

    public DbSet<PatientDocument> Documents => Set<PatientDocument>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PatientDocument>(b =>
        {
            b.ToTable("documents");
            b.HasKey(d => d.Id);
            b.Property(d => d.Type).HasMaxLength(32);
            b.Property(d => d.Description).IsEncrypted();
            b.Property(d => d.FileName).IsEncrypted();
            b.Property(d => d.ContentType).HasMaxLength(64);
            b.Property(d => d.Status).HasMaxLength(32);
            b.Property(d => d.ScanDetail).HasMaxLength(200);
            b.Property(d => d.Sharing).HasMaxLength(32);
            b.Property(d => d.Version).IsConcurrencyToken();
            b.HasIndex(d => new { d.PatientId, d.DocumentDate });
            // The scanner's queue: what is still in quarantine, oldest first.
            b.HasIndex(d => new { d.Status, d.UploadedAt });
        });
        modelBuilder.MapCreateRequestKeys();
    }
}
