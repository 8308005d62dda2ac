using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Pharmacy.Dispensing;
using Telemed.Modules.Pharmacy.Pharmacies;

namespace Telemed.Modules.Pharmacy.Infrastructure;

internal sealed class PharmacyDbContext(DbContextOptions<PharmacyDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "pharmacy";

    public DbSet<PharmacyStore> Pharmacies => Set<PharmacyStore>();
    public DbSet<PharmacistMembership> Memberships => Set<PharmacistMembership>();
    public DbSet<PrescriptionDispensing> Dispensings => Set<PrescriptionDispensing>();
    public DbSet<DispensingRecord> Records => Set<DispensingRecord>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PharmacyStore>(b =>
        {
            b.ToTable("pharmacies");
            b.HasKey(p => p.Id);
            b.Ignore(p => p.Location);
            b.Property(p => p.Name).HasMaxLength(PharmacyStore.MaxNameLength);
            b.Property(p => p.Address).HasMaxLength(PharmacyStore.MaxAddressLength);
            b.Property(p => p.City).HasMaxLength(100);
            b.Property(p => p.Phone).HasMaxLength(32);
            b.Property(p => p.OpeningHours).HasMaxLength(PharmacyStore.MaxHoursLength);
            // The bounding-box prefilter of "near me" is a range on both columns.
            b.HasIndex(p => new { p.Latitude, p.Longitude });
        });
        modelBuilder.Entity<PharmacistMembership>(b =>
        {
            b.ToTable("pharmacist_memberships");
            b.HasKey(m => m.UserId);
            b.HasIndex(m => m.PharmacyId);
        });
        modelBuilder.Entity<PrescriptionDispensing>(b =>
        {
            b.ToTable("prescription_dispensings");
            b.HasKey(d => d.PrescriptionId);
            b.Property(d => d.PatientId).IsEncrypted();
            b.Property(d => d.DeclineReason).IsEncrypted();
            b.Property(d => d.Status).HasMaxLength(32);
            b.Property(d => d.Version).IsConcurrencyToken();
            b.HasIndex(d => new { d.PharmacyId, d.UpdatedAt });
        });
        modelBuilder.Entity<DispensingRecord>(b =>
        {
            b.ToTable("dispensing_records");
            b.HasKey(r => r.Id);
            b.HasIndex(r => r.PrescriptionId);
        });
        modelBuilder.MapCreateRequestKeys();
    }
}
