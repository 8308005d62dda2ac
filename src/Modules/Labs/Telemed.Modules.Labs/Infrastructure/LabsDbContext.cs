using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Labs.Orders;
using Telemed.Modules.Labs.PartnerLabs;
using Telemed.Modules.Labs.Results;

namespace Telemed.Modules.Labs.Infrastructure;

/// <summary>The labs schema: partner labs, orders (tests encrypted) and reports (values and note encrypted).</summary>
internal sealed class LabsDbContext(DbContextOptions<LabsDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "labs";

    public DbSet<PartnerLab> PartnerLabs => Set<PartnerLab>();
    public DbSet<LabOrder> Orders => Set<LabOrder>();
    public DbSet<LabReport> Reports => Set<LabReport>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        // A doctor's order sent again with its Idempotency-Key (a lost answer) finds the order it placed (migration 0004).
        modelBuilder.MapCreateRequestKeys();
        modelBuilder.Entity<PartnerLab>(b =>
        {
            b.ToTable("partner_labs");
            b.HasKey(l => l.Id);
            b.Property(l => l.Name).HasMaxLength(PartnerLab.MaxNameLength);
            b.Property(l => l.Address).HasMaxLength(PartnerLab.MaxAddressLength);
            b.Property(l => l.FhirBaseUrl).HasMaxLength(PartnerLab.MaxUrlLength);
        });
        modelBuilder.Entity<LabOrder>(b =>
        {
            b.ToTable("orders");
            b.HasKey(o => o.Id);
            b.Property(o => o.Tests).IsEncrypted();
            b.Property(o => o.Status).HasMaxLength(32);
            b.Property(o => o.ExternalIds).HasMaxLength(2000);
            b.Property(o => o.Version).IsConcurrencyToken();
            b.Ignore(o => o.ExternalIdList);
            b.Ignore(o => o.AwaitsSending);
            b.HasIndex(o => o.PatientId);
            b.HasIndex(o => o.ConsultationId);
            b.HasIndex(o => new { o.Status, o.LastPolledAt });
            b.HasIndex(o => new { o.Status, o.SendAttemptAt });
        });
        modelBuilder.Entity<LabReport>(b =>
        {
            b.ToTable("reports");
            b.HasKey(r => r.Id);
            b.Property(r => r.Values).IsEncrypted();
            b.Property(r => r.DoctorNote).IsEncrypted();
            b.Property(r => r.ExternalId).HasMaxLength(LabReport.MaxExternalIdLength);
            b.Property(r => r.PanelCode).HasMaxLength(LabReport.MaxPanelCodeLength);
            b.Property(r => r.Status).HasMaxLength(32);
            b.Property(r => r.Version).IsConcurrencyToken();
            b.Ignore(r => r.IsReleased);
            b.Ignore(r => r.IsWithdrawn);
            // A lab report fetched twice is stored once.
            b.HasIndex(r => new { r.OrderId, r.ExternalId }).IsUnique();
            b.HasIndex(r => new { r.PatientId, r.Status });
            b.HasIndex(r => new { r.DoctorUserId, r.ReceivedAt });
            b.HasIndex(r => new { r.Status, r.ReceivedAt });
        });
    }
}
