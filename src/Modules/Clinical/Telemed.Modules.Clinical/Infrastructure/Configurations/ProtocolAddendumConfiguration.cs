using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Clinical.Protocols;

namespace Telemed.Modules.Clinical.Infrastructure.Configurations;

internal sealed class ProtocolAddendumConfiguration : IEntityTypeConfiguration<ProtocolAddendum>
{
    public void Configure(EntityTypeBuilder<ProtocolAddendum> b)
    {
        b.ToTable("protocol_addenda");
        b.HasKey(a => a.Id);
        b.HasIndex(a => new { a.ProtocolId, a.CreatedAt });
        b.Property(a => a.Text).IsEncrypted();
        b.Property(a => a.SignedBy).HasMaxLength(200);
    }
}
