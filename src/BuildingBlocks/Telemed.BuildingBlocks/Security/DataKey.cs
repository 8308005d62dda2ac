using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Telemed.BuildingBlocks.Data;

namespace Telemed.BuildingBlocks.Security;

/// <summary>A data-encryption key, stored wrapped (encrypted) by a master key.</summary>
public sealed class DataKey
{
    public required string Id { get; init; }
    public required string MasterKeyId { get; set; }
    public required byte[] WrappedKey { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? RetiredAt { get; set; }
}

internal sealed class DataKeyConfiguration : IEntityTypeConfiguration<DataKey>
{
    public void Configure(EntityTypeBuilder<DataKey> builder)
    {
        builder.ToTable("data_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(64);
        builder.Property(k => k.MasterKeyId).HasMaxLength(64);
    }
}

public sealed class SecurityDbContext(DbContextOptions<SecurityDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "security";

    public DbSet<DataKey> DataKeys => Set<DataKey>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new DataKeyConfiguration());
}
