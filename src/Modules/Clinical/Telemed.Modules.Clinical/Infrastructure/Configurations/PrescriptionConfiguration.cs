using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Clinical.Formulary;
using Telemed.Modules.Clinical.Prescriptions;

namespace Telemed.Modules.Clinical.Infrastructure.Configurations;

internal sealed class PrescriptionConfiguration : IEntityTypeConfiguration<Prescription>
{
    public void Configure(EntityTypeBuilder<Prescription> b)
    {
        b.ToTable("prescriptions");
        b.HasKey(p => p.Id);
        b.HasIndex(p => p.ConsultationId);
        b.HasIndex(p => p.PatientId);
        b.HasIndex(p => p.VerificationCode).IsUnique();
        b.Property(p => p.Status).HasMaxLength(16);
        b.Property(p => p.ContentJson).IsEncrypted();
        b.Property(p => p.OverridesJson).IsEncrypted();
        b.Property(p => p.CancelReason).IsEncrypted();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Property(p => p.SignedBy).HasMaxLength(200);
        b.Property(p => p.VerificationCode).HasMaxLength(32);
        b.Ignore(p => p.IsDraft);
        b.Ignore(p => p.Content);
        b.Ignore(p => p.Overrides);
    }
}

internal sealed class FormularyMedicineConfiguration : IEntityTypeConfiguration<FormularyMedicine>
{
    public void Configure(EntityTypeBuilder<FormularyMedicine> b)
    {
        b.ToTable("formulary");
        b.HasKey(m => m.Code);
        b.Property(m => m.Code).HasMaxLength(64);
        b.Property(m => m.MinDailyDose).HasPrecision(12, 3);
        b.Property(m => m.MaxDailyDose).HasPrecision(12, 3);
    }
}
