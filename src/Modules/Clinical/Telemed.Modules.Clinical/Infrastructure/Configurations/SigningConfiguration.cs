using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Clinical.Signing;

namespace Telemed.Modules.Clinical.Infrastructure.Configurations;

internal sealed class SigningAuthorityConfiguration : IEntityTypeConfiguration<SigningAuthority>
{
    public void Configure(EntityTypeBuilder<SigningAuthority> b)
    {
        b.ToTable("signing_authorities");
        b.HasKey(a => a.Kind);
        b.Property(a => a.Kind).HasMaxLength(16);
        b.Property(a => a.PrivateKey).IsEncrypted();
    }
}

internal sealed class SigningCredentialConfiguration : IEntityTypeConfiguration<SigningCredential>
{
    public void Configure(EntityTypeBuilder<SigningCredential> b)
    {
        b.ToTable("signing_credentials");
        b.HasKey(c => c.Id);
        b.HasIndex(c => c.DoctorUserId);
        // One active credential per doctor (migration 0009): two first signatures at once cannot both issue one.
        b.HasIndex(c => c.DoctorUserId, "IX_signing_credentials_DoctorUserId_active").IsUnique().HasFilter("\"RevokedAt\" IS NULL");
        b.HasIndex(c => c.SerialNumber).IsUnique();
        b.Property(c => c.SerialNumber).HasMaxLength(64);
        b.Property(c => c.SubjectName).HasMaxLength(400);
        b.Property(c => c.RevocationReason).HasMaxLength(32);
        b.Property(c => c.PrivateKey).IsEncrypted();
        // Revoking writes "WHERE RevokedAt IS NULL": of two rotations (or revocations) that read the same active credential at once,
        // only the first revokes it; the other's save, its new certificate with it, is refused (DbUpdateConcurrencyException, 409
        // conflict.concurrent_update), so no rotation answers a certificate that another has already superseded.
        b.Property(c => c.RevokedAt).IsConcurrencyToken();
    }
}
