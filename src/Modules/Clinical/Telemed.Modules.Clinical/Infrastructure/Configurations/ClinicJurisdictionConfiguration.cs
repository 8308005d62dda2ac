using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Telemed.Modules.Clinical.Jurisdictions;

namespace Telemed.Modules.Clinical.Infrastructure.Configurations;

internal sealed class ClinicJurisdictionConfiguration : IEntityTypeConfiguration<ClinicJurisdiction>
{
    public void Configure(EntityTypeBuilder<ClinicJurisdiction> b)
    {
        b.ToTable("clinic_jurisdictions");
        b.HasKey(j => j.ClinicId);
        b.Property(j => j.Code).HasMaxLength(16);
    }
}
