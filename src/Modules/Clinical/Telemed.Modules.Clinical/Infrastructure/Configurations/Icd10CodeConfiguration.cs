using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Telemed.Modules.Clinical.Icd10;

namespace Telemed.Modules.Clinical.Infrastructure.Configurations;

internal sealed class Icd10CodeConfiguration : IEntityTypeConfiguration<Icd10Code>
{
    public void Configure(EntityTypeBuilder<Icd10Code> b)
    {
        b.ToTable("icd10_codes");
        b.HasKey(c => c.Code);
        b.Property(c => c.Code).HasMaxLength(Icd10Code.MaxCodeLength);
        b.Property(c => c.Edition).HasMaxLength(40);
    }
}
