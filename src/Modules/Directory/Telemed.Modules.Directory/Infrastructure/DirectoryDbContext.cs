using Telemed.BuildingBlocks.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Directory.Clinics;
using Telemed.Modules.Directory.Doctors;
using Telemed.Modules.Directory.Patients;

namespace Telemed.Modules.Directory.Infrastructure;

internal sealed class DirectoryDbContext(DbContextOptions<DirectoryDbContext> options) : ModuleDbContext(options)
{
    private DirectoryCache? _cache;

    public override string ModuleName => "directory";

    /// <summary>The host's directory cache, cleared by saves that change what it holds.</summary>
    private DirectoryCache Cache => _cache ?? throw new InvalidOperationException("The directory's context was used outside a unit of work.");

    protected override void OnRented(IServiceProvider? scope) => _cache = scope?.GetRequiredService<DirectoryCache>();

    /// <summary>Saves, then clears the cached reference data the save changed (after the commit, so no reader caches the old rows again).</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var detected = DetectChangesOnce();
        var changed = DirectoryCache.PendingIn(this);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            // Also on failure: the rows may have committed before the error surfaced; clearing too often only costs a read.
            Cache.Invalidate(changed);
        }
    }

    public DbSet<Clinic> Clinics => Set<Clinic>();
    public DbSet<Clinics.Pages.ClinicPage> ClinicPages => Set<Clinics.Pages.ClinicPage>();
    public DbSet<DoctorProfile> Doctors => Set<DoctorProfile>();
    public DbSet<PatientProfile> Patients => Set<PatientProfile>();
    public DbSet<PatientClinicalSummary> ClinicalSummaries => Set<PatientClinicalSummary>();
    public DbSet<Patients.Dependents.PatientGuardian> Guardians => Set<Patients.Dependents.PatientGuardian>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        // A child added again with its Idempotency-Key (a lost answer) finds the profile it created (migration 0010).
        modelBuilder.MapCreateRequestKeys();
        // The versions DirectoryReferenceWatch reads to clear the host's caches after any writer's change (migration 0011).
        modelBuilder.MapReferenceVersions();
        modelBuilder.Entity<Clinics.Pages.ClinicPage>(b =>
        {
            b.ToTable("clinic_pages");
            b.HasKey(p => new { p.ClinicId, p.Language });
            b.Property(p => p.Language).HasMaxLength(8);
            b.HasOne<Clinic>().WithMany().HasForeignKey(p => p.ClinicId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Clinic>(b =>
        {
            b.ToTable("clinics");
            b.HasKey(c => c.Id);
            b.Property(c => c.Name).HasMaxLength(200);
            b.HasIndex(c => c.Name).IsUnique();
            b.Property(c => c.NameKey).HasMaxLength(200);
            b.HasIndex(c => c.NameKey).IsUnique();
            b.Property(c => c.Address).HasMaxLength(300);
            b.Property(c => c.City).HasMaxLength(100);
            b.Property(c => c.TimeZone).HasMaxLength(64);
            // Defaults only so that 0003 can add the columns to existing rows.
            b.Property(c => c.Phone).HasMaxLength(32).HasDefaultValue("");
            b.Property(c => c.Email).HasMaxLength(200).HasDefaultValue("");
            b.Property(c => c.OpeningHours).HasMaxLength(500).HasDefaultValue("");
            b.Property(c => c.Translations).HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null),
                v => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, Contracts.ClinicTexts>>(v, (System.Text.Json.JsonSerializerOptions?)null) ?? new(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<Dictionary<string, Contracts.ClinicTexts>>(
                    (a, c) => a!.Count == c!.Count && a.All(p => c.ContainsKey(p.Key) && c[p.Key] == p.Value), v => v.Count, v => v.ToDictionary()))
                .HasDefaultValue(new Dictionary<string, Contracts.ClinicTexts>());
        });
        modelBuilder.Entity<DoctorProfile>(b =>
        {
            b.ToTable("doctors");
            b.HasKey(d => d.Id);
            b.HasIndex(d => d.UserId).IsUnique();
            b.Property(d => d.DisplayName).HasMaxLength(200);
            b.Property(d => d.NormalizedName).HasMaxLength(200);
            b.Property(d => d.Currency).HasMaxLength(3);
            b.Property(d => d.Bio).HasMaxLength(4000);
            b.Property(d => d.BioTranslations).HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null),
                v => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(v, (System.Text.Json.JsonSerializerOptions?)null) ?? new(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<Dictionary<string, string>>(
                    (a, c) => a!.Count == c!.Count && a.All(p => c.ContainsKey(p.Key) && c[p.Key] == p.Value), v => v.Count, v => v.ToDictionary()))
                .HasDefaultValue(new Dictionary<string, string>());
            b.Property(d => d.PhotoUrl).HasMaxLength(500);
            // Defaults only so that 0002 can add the columns to existing rows; the entity always writes them.
            b.Property(d => d.LicenceNumber).HasMaxLength(64).HasDefaultValue("");
            b.Property(d => d.LicenceIssuer).HasMaxLength(200).HasDefaultValue("");
            b.Property(d => d.Status).HasConversion<string>().HasMaxLength(32);
            b.Property(d => d.QualificationCategory).HasConversion<string>().HasMaxLength(16);
            b.Property(d => d.Education).HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null),
                v => System.Text.Json.JsonSerializer.Deserialize<List<Contracts.EducationEntry>>(v, (System.Text.Json.JsonSerializerOptions?)null) ?? new(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<Contracts.EducationEntry>>(
                    (a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList()));
            b.HasIndex(d => new { d.Status, d.HourlyRateMinor });
            b.HasMany(d => d.Specialties).WithOne().HasForeignKey(s => s.DoctorId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(d => d.Languages).WithOne().HasForeignKey(s => s.DoctorId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(d => d.Clinics).WithOne().HasForeignKey(s => s.DoctorId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DoctorSpecialty>(b =>
        {
            b.ToTable("doctor_specialties");
            b.HasKey(s => new { s.DoctorId, s.Code });
            b.Property(s => s.Code).HasMaxLength(32);
            b.HasIndex(s => s.Code);
        });
        modelBuilder.Entity<DoctorLanguage>(b =>
        {
            b.ToTable("doctor_languages");
            b.HasKey(s => new { s.DoctorId, s.Code });
            b.Property(s => s.Code).HasMaxLength(8);
            b.HasIndex(s => s.Code);
        });
        modelBuilder.Entity<DoctorClinic>(b =>
        {
            b.ToTable("doctor_clinics");
            b.HasKey(s => new { s.DoctorId, s.ClinicId });
            b.HasOne<Clinic>().WithMany().HasForeignKey(s => s.ClinicId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<PatientProfile>(b =>
        {
            b.ToTable("patients");
            b.HasKey(p => p.Id);
            b.HasIndex(p => p.UserId).IsUnique();
            b.Property(p => p.GivenName).IsEncrypted();
            b.Property(p => p.FamilyName).IsEncrypted();
            b.Property(p => p.DateOfBirth).IsEncrypted();
            b.Property(p => p.Email).IsEncrypted();
            b.Property(p => p.Phone).IsEncrypted();
            b.Property(p => p.Address).IsEncrypted();
            b.Property(p => p.InsuranceProvider).IsEncrypted();
            b.Property(p => p.InsurancePolicyNumber).IsEncrypted();
            b.Property(p => p.Sex).HasMaxLength(16);
            b.Property(p => p.PreferredLanguage).HasMaxLength(8);
            b.Property(p => p.FamilyNameLookup).HasMaxLength(64);
            b.Property(p => p.EmailLookup).HasMaxLength(64);
            b.Property(p => p.PhoneLookup).HasMaxLength(64);
            b.HasIndex(p => p.FamilyNameLookup);
            b.HasIndex(p => p.EmailLookup);
            b.HasIndex(p => p.PhoneLookup);
        });
        modelBuilder.Entity<PatientClinicalSummary>(b =>
        {
            b.ToTable("patient_clinical_summaries");
            b.HasKey(p => p.PatientId);
            b.Property(p => p.Allergies).IsEncrypted();
            b.Property(p => p.ChronicConditions).IsEncrypted();
            b.Property(p => p.Medications).IsEncrypted();
            b.HasOne<PatientProfile>().WithOne().HasForeignKey<PatientClinicalSummary>(p => p.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Patients.Dependents.PatientGuardian>(b =>
        {
            b.ToTable("patient_guardians");
            b.HasKey(g => new { g.PatientId, g.GuardianUserId });
            b.HasIndex(g => g.GuardianUserId);
            b.HasOne<PatientProfile>().WithMany().HasForeignKey(g => g.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
