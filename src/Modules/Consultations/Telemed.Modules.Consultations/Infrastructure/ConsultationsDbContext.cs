using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Analytics;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Consultations.Analytics;
using Telemed.Modules.Consultations.Attachments;
using Telemed.Modules.Consultations.Chat;
using Telemed.Modules.Consultations.OnCall;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.Infrastructure;

internal sealed class ConsultationsDbContext(DbContextOptions<ConsultationsDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "consultations";

    public DbSet<Consultation> Consultations => Set<Consultation>();
    public DbSet<DutyStatus> Duty => Set<DutyStatus>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ChatMessage> Messages => Set<ChatMessage>();
    public DbSet<ReadState> ReadStates => Set<ReadState>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Complaints.Drafts.ComplaintDraft> ComplaintDrafts => Set<Complaints.Drafts.ComplaintDraft>();
    public DbSet<ConsultationDayRollup> ConsultationDayRollups => Set<ConsultationDayRollup>();
    public DbSet<Calls.Group.CallGuest> CallGuests => Set<Calls.Group.CallGuest>();
    public DbSet<Calls.Group.GroupCallRoom> CallRooms => Set<Calls.Group.GroupCallRoom>();
    public DbSet<Calls.Recording.CallRecording> CallRecordings => Set<Calls.Recording.CallRecording>();
    public DbSet<Calls.Recording.CallRecordingTrack> CallRecordingTracks => Set<Calls.Recording.CallRecordingTrack>();
    public DbSet<Calls.Recording.RecordingPolicy> RecordingPolicies => Set<Calls.Recording.RecordingPolicy>();

    /// <summary>Saves, marking the UTC days of the consultations' analytics instants (before and after) for the roll-up, in the same transaction.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var detected = DetectChangesOnce();
        RollupMarks.Collect<Consultation>(this, nameof(Consultation.ScheduledStart), nameof(Consultation.CreatedAt), nameof(Consultation.EnteredWaitingAt));
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        // A new conversation sent again with its Idempotency-Key (a lost answer, a second click) finds the one it started (migration 0014).
        modelBuilder.MapCreateRequestKeys();
        modelBuilder.ApplyConfiguration(new ConsultationDayRollupConfiguration());
        modelBuilder.ApplyConfiguration(new RollupMarkConfiguration());
        modelBuilder.Entity<Consultation>(b =>
        {
            b.ToTable("consultations");
            b.HasKey(c => c.Id);
            b.Property(c => c.Origin).HasConversion<string>().HasMaxLength(16);
            b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(c => c.Priority).HasConversion<string>().HasMaxLength(16);
            b.Property(c => c.FailureReason).HasConversion<string>().HasMaxLength(32);
            b.Property(c => c.Specialty).HasMaxLength(100);
            b.Property(c => c.TriageRuleCodes).HasMaxLength(1000);
            b.Property(c => c.ComplaintJson).IsEncrypted();
            b.Property(c => c.ComplaintSummary).IsEncrypted();
            b.Property(c => c.FailureDetails).IsEncrypted();
            b.Property(c => c.Notes).IsEncrypted();
            b.Property(c => c.Version).IsConcurrencyToken();
            b.Ignore(c => c.DurationSeconds);
            // One consultation per appointment: entering twice finds the same one.
            b.HasIndex(c => c.AppointmentId).IsUnique();
            // A doctor is in one consultation at a time; the database refuses a second acceptance.
            b.HasIndex(c => c.DoctorUserId).IsUnique().HasFilter("\"Status\" = 'InProgress'").HasDatabaseName("IX_consultations_one_in_progress_per_doctor");
            b.HasIndex(c => new { c.Status, c.Specialty });
            b.HasIndex(c => new { c.DoctorUserId, c.Status });
            b.HasIndex(c => new { c.PatientUserId, c.CreatedAt });
            // The clinic analytics' waits and specialties of a period (migration 0004).
            b.HasIndex(c => c.EnteredWaitingAt).HasFilter("\"StartedAt\" IS NOT NULL").IncludeProperties(c => new { c.StartedAt, c.ClinicId });
            b.HasIndex(c => c.ScheduledStart).IncludeProperties(c => new { c.ClinicId, c.Specialty, c.Status });
            b.HasIndex(c => c.CreatedAt).HasFilter("\"ScheduledStart\" IS NULL").IncludeProperties(c => new { c.ClinicId, c.Specialty, c.Status })
                .HasDatabaseName("IX_consultations_CreatedAt_unscheduled");
        });
        modelBuilder.Entity<DutyStatus>(b =>
        {
            b.ToTable("duty");
            b.HasKey(d => d.DoctorUserId);
            b.Property(d => d.Specialties).HasMaxLength(1000);
            b.Ignore(d => d.SpecialtyList);
        });
        modelBuilder.Entity<Conversation>(b =>
        {
            b.ToTable("conversations");
            b.HasKey(c => c.Id);
            b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(c => c.Subject).IsEncrypted();
            b.HasIndex(c => c.ConsultationId).IsUnique();
            b.HasIndex(c => new { c.PatientUserId, c.LastMessageAt });
            b.HasIndex(c => new { c.DoctorUserId, c.LastMessageAt });
        });
        modelBuilder.Entity<ChatMessage>(b =>
        {
            b.ToTable("messages");
            b.HasKey(m => m.Id);
            b.Property(m => m.SenderRole).HasMaxLength(16);
            b.Property(m => m.Body).IsEncrypted();
            b.Property(m => m.AttachmentIds).HasMaxLength(400);
            b.Property(m => m.ClientMessageId).HasMaxLength(64);
            b.Ignore(m => m.Attachments);
            b.HasIndex(m => new { m.ConversationId, m.SentAt });
            // A retried send (same client id) is one message.
            b.HasIndex(m => new { m.ConversationId, m.SenderUserId, m.ClientMessageId }).IsUnique();
        });
        modelBuilder.Entity<ReadState>(b =>
        {
            b.ToTable("read_states");
            b.HasKey(r => new { r.ConversationId, r.UserId });
        });
        modelBuilder.Entity<Attachment>(b =>
        {
            b.ToTable("attachments");
            b.HasKey(a => a.Id);
            b.Property(a => a.ContentType).HasMaxLength(64);
            b.Property(a => a.ScanResult).HasMaxLength(100);
            b.Property(a => a.FileName).IsEncrypted();
            b.Ignore(a => a.StorageKey);
            b.HasIndex(a => a.UploaderUserId);
            // The retention of uploads attached to nothing reads them oldest first (migration 0012).
            b.HasIndex(a => a.UploadedAt).HasFilter("\"ConversationId\" IS NULL AND \"ConsultationId\" IS NULL");
        });
        modelBuilder.Entity<Complaints.Drafts.ComplaintDraft>(b =>
        {
            b.ToTable("complaint_drafts");
            b.HasKey(d => d.AppointmentId);
            b.Property(d => d.Json).IsEncrypted();
            // The retention of abandoned drafts reads them oldest first (migration 0013).
            b.HasIndex(d => d.UpdatedAt);
        });
        modelBuilder.Entity<Calls.OpenVideoProposal>(b =>
        {
            b.ToTable("video_proposals");
            b.HasKey(p => p.ConsultationId);
            b.Property(p => p.ProposedBy).HasMaxLength(16);
            b.HasIndex(p => p.ExpiresAt);
        });
        modelBuilder.Entity<Calls.Group.CallGuest>(b =>
        {
            b.ToTable("call_guests");
            b.HasKey(g => g.Id);
            b.Property(g => g.Role).HasConversion<string>().HasMaxLength(16);
            b.Property(g => g.Status).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(g => new { g.ConsultationId, g.UserId });
            b.HasIndex(g => new { g.UserId, g.Status });
            b.Property(g => g.Version).IsConcurrencyToken().HasDefaultValue(0);
        });
        modelBuilder.Entity<Calls.Group.GroupCallRoom>(b =>
        {
            b.ToTable("call_rooms");
            b.HasKey(r => r.ConsultationId);
            b.HasIndex(r => r.RoomId).IsUnique();
            b.Property(r => r.PatientMayShareScreen).HasDefaultValue(false);
        });
        modelBuilder.Entity<Calls.Recording.CallRecording>(b =>
        {
            b.ToTable("call_recordings");
            b.HasKey(r => r.Id);
            b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(r => r.StopReason).HasConversion<string>().HasMaxLength(16);
            b.Property(r => r.ConsentTextVersion).HasMaxLength(64);
            b.Property(r => r.Version).IsConcurrencyToken();
            b.HasMany(r => r.Tracks).WithOne().HasForeignKey(t => t.RecordingId);
            b.HasIndex(r => new { r.ConsultationId, r.RequestedAt });
            b.HasIndex(r => new { r.Status, r.RetainUntil });
        });
        modelBuilder.Entity<Calls.Recording.CallRecordingTrack>(b =>
        {
            b.ToTable("call_recording_tracks");
            b.HasKey(t => new { t.RecordingId, t.Index });
        });
        modelBuilder.Entity<Calls.Recording.RecordingPolicy>(b =>
        {
            b.ToTable("call_recording_policies");
            b.HasKey(p => p.ClinicId);
        });
    }
}
