using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Feedback.Reviews;

namespace Telemed.Modules.Feedback.Infrastructure;

internal sealed class FeedbackDbContext(DbContextOptions<FeedbackDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "feedback";

    public DbSet<Review> Reviews => Set<Review>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Review>(b =>
        {
            b.ToTable("reviews");
            b.HasKey(r => r.Id);
            b.Property(r => r.Text).IsEncrypted();
            b.Property(r => r.HiddenReason).IsEncrypted();
            b.Property(r => r.Version).IsConcurrencyToken();
            // One review per visit, kept by the database: two tabs sending at once give one review and one 409.
            b.HasIndex(r => r.ConsultationId).IsUnique();
            // The public list and its average and count: a doctor's visible reviews, newest first.
            b.HasIndex(r => new { r.DoctorId, r.Hidden, r.CreatedAt });
            b.HasIndex(r => new { r.DoctorUserId, r.CreatedAt });
            b.HasIndex(r => new { r.ClinicId, r.CreatedAt });
            b.HasIndex(r => new { r.Hidden, r.CreatedAt });
            // The clinic analytics' NPS of a period (migration 0002).
            b.HasIndex(r => r.CreatedAt).HasFilter("\"Nps\" IS NOT NULL").IncludeProperties(r => new { r.DoctorId, r.Nps, r.ClinicId }).HasDatabaseName("IX_reviews_CreatedAt_nps");
        });
    }
}
