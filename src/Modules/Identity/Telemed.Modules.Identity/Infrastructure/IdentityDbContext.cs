using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.CareAccess;
using Telemed.Modules.Identity.Invitations;
using Telemed.Modules.Identity.Sessions;

namespace Telemed.Modules.Identity.Infrastructure;

internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "identity";

    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<CareRelationship> CareRelationships => Set<CareRelationship>();
    public DbSet<BreakGlassGrant> BreakGlassGrants => Set<BreakGlassGrant>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserAccount>(b =>
        {
            b.ToTable("users");
            b.HasKey(u => u.Id);
            b.Property(u => u.Email).IsEncrypted();
            b.Property(u => u.DisplayName).IsEncrypted();
            b.Property(u => u.AuthenticatorKey).IsEncrypted();
            b.Property(u => u.RecoveryCodes).IsEncrypted();
            b.Property(u => u.EmailLookup).HasMaxLength(64);
            b.HasIndex(u => u.EmailLookup).IsUnique();
            b.Property(u => u.PreferredLanguage).HasMaxLength(8);
            b.Property(u => u.SecurityStamp).HasMaxLength(64);
            b.Property(u => u.ConcurrencyStamp).HasMaxLength(64).IsConcurrencyToken();
            b.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
            b.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<UserRole>(b =>
        {
            b.ToTable("user_roles");
            b.HasKey(r => new { r.UserId, r.Role });
            b.Property(r => r.Role).HasMaxLength(32);
            b.HasIndex(r => r.Role);
        });
        modelBuilder.Entity<UserSession>(b =>
        {
            b.ToTable("sessions");
            b.HasKey(s => s.Id);
            b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(s => s.TokenHash).HasMaxLength(64);
            b.Property(s => s.EndReason).HasMaxLength(32);
            b.HasIndex(s => s.TokenHash).IsUnique();
            b.HasIndex(s => new { s.UserId, s.EndedAt });
        });
        modelBuilder.Entity<Invitation>(b =>
        {
            b.ToTable("invitations");
            b.HasKey(i => i.Id);
            b.Property(i => i.Role).HasMaxLength(32);
            b.Property(i => i.TokenHash).HasMaxLength(64);
            b.HasIndex(i => i.TokenHash).IsUnique();
        });
        modelBuilder.Entity<CareRelationship>(b =>
        {
            b.ToTable("care_relationships");
            b.HasKey(r => r.Id);
            b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(r => new { r.DoctorUserId, r.PatientId, r.Kind }).IsUnique();
        });
        modelBuilder.Entity<BreakGlassGrant>(b =>
        {
            b.ToTable("break_glass_grants");
            b.HasKey(g => g.Id);
            b.Property(g => g.Reason).IsEncrypted();
            b.HasIndex(g => new { g.DoctorUserId, g.PatientId, g.ExpiresAt });
        });
    }
}
