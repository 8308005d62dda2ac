using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.FrontOffice.Messages;
using Telemed.Modules.FrontOffice.ReviewFlags;

namespace Telemed.Modules.FrontOffice.Infrastructure;

internal sealed class FrontOfficeDbContext(DbContextOptions<FrontOfficeDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "frontoffice";

    public DbSet<ClinicMessage> Messages => Set<ClinicMessage>();
    public DbSet<ReviewFlag> Flags => Set<ReviewFlag>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ClinicMessage>(b =>
        {
            b.ToTable("clinic_messages");
            b.HasKey(m => m.Id);
            b.Property(m => m.Author).HasConversion<string>().HasMaxLength(16);
            b.Property(m => m.Body).IsEncrypted();
            b.HasIndex(m => new { m.PatientId, m.SentAt });
        });
        modelBuilder.Entity<ReviewFlag>(b =>
        {
            b.ToTable("review_flags");
            b.HasKey(f => f.Id);
            b.Property(f => f.Reason).IsEncrypted();
            b.Property(f => f.ResolutionNote).IsEncrypted();
            b.HasIndex(f => new { f.DoctorUserId, f.ResolvedAt });
            b.HasIndex(f => new { f.PatientId, f.RaisedAt });
        });
        modelBuilder.MapCreateRequestKeys();
    }
}
