using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Privacy.Consents;
using Telemed.Modules.Privacy.Erasure;

namespace Telemed.Modules.Privacy.Infrastructure;

internal sealed class PrivacyDbContext(DbContextOptions<PrivacyDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "privacy";

    public DbSet<ConsentText> ConsentTexts => Set<ConsentText>();
    public DbSet<ConsentDecision> ConsentDecisions => Set<ConsentDecision>();
    public DbSet<ErasureRequest> ErasureRequests => Set<ErasureRequest>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ConsentText>(b =>
        {
            b.ToTable("consent_texts");
            b.HasKey(t => t.Id);
            b.Property(t => t.Kind).HasMaxLength(32);
            b.Property(t => t.TextEn).HasMaxLength(ConsentText.MaxTextLength);
            b.Property(t => t.TextRu).HasMaxLength(ConsentText.MaxTextLength);
            // Two admins publishing at once: one wins, the other is told to retry.
            b.HasIndex(t => new { t.Kind, t.Version }).IsUnique();
        });
        modelBuilder.Entity<ConsentDecision>(b =>
        {
            b.ToTable("consent_decisions");
            b.HasKey(d => d.Id);
            b.Property(d => d.Kind).HasMaxLength(32);
            b.HasIndex(d => new { d.PatientId, d.Kind, d.DecidedAt });
        });
        modelBuilder.Entity<ErasureRequest>(b =>
        {
            b.ToTable("erasure_requests");
            b.HasKey(r => r.Id);
            b.Property(r => r.Reason).IsEncrypted();
            b.Property(r => r.DeclineReason).IsEncrypted();
            b.Property(r => r.Status).HasMaxLength(16);
            b.Property(r => r.StepsDone).HasMaxLength(200);
            b.Property(r => r.FailedStep).HasMaxLength(32);
            b.Property(r => r.Version).IsConcurrencyToken();
            b.Ignore(r => r.FinishedSteps);
            b.Ignore(r => r.Kept);
            b.HasIndex(r => new { r.PatientId, r.RequestedAt });
            // One open request per patient, kept by the database: two requests sent at once once both passed the check before the insert.
            b.HasIndex(r => r.PatientId).IsUnique().HasFilter("\"Status\" IN ('requested', 'inProgress')").HasDatabaseName("IX_erasure_requests_one_open_per_patient");
            b.HasIndex(r => new { r.Status, r.RequestedAt });
        });
    }
}
