using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Analytics;
using Telemed.BuildingBlocks.Caching;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Scheduling.Analytics;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Calendars;
using Telemed.Modules.Scheduling.ClinicRules;
using Telemed.Modules.Scheduling.Notices;
using Telemed.Modules.Scheduling.Reminders;
using Telemed.Modules.Scheduling.Slots;
using Telemed.Modules.Scheduling.Waitlist;

namespace Telemed.Modules.Scheduling.Infrastructure;

internal sealed class SchedulingDbContext(DbContextOptions<SchedulingDbContext> options) : ModuleDbContext(options)
{
    private SchedulingReferenceData? _reference;

    public override string ModuleName => "scheduling";

    /// <summary>The host's cache of doctors' rules and clinic policies, cleared by saves that change them.</summary>
    public SchedulingReferenceData Reference =>
        _reference ?? throw new InvalidOperationException("The scheduling context was used outside a unit of work.");

    protected override void OnRented(IServiceProvider? scope) => _reference = scope?.GetRequiredService<SchedulingReferenceData>();

    /// <summary>Saves, then clears the cached rules the save changed (see <see cref="SchedulingReferenceData"/>).</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var detected = DetectChangesOnce();
        var changed = SchedulingReferenceData.PendingIn(this);
        RollupMarks.CollectScoped<Appointment>(this, nameof(Appointment.DoctorId), nameof(Appointment.Start));
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            Reference.Invalidate(changed);
        }
    }

    public DbSet<WeeklyHours> WeeklyHours => Set<WeeklyHours>();
    public DbSet<AvailabilityException> Exceptions => Set<AvailabilityException>();
    public DbSet<AppointmentTypeSettings> AppointmentTypes => Set<AppointmentTypeSettings>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<TimeBlock> TimeBlocks => Set<TimeBlock>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<ClinicPolicy> ClinicPolicies => Set<ClinicPolicy>();
    public DbSet<WaitlistEntry> WaitlistEntries => Set<WaitlistEntry>();
    public DbSet<WaitlistOffer> WaitlistOffers => Set<WaitlistOffer>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<ActionLink> ActionLinks => Set<ActionLink>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<PatientNotice> PatientNotices => Set<PatientNotice>();
    public DbSet<VisitDayRollup> VisitDayRollups => Set<VisitDayRollup>();
    public DbSet<VisitDayTotal> VisitDayTotals => Set<VisitDayTotal>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.MapReferenceVersions();
        modelBuilder.ApplyConfiguration(new VisitDayRollupConfiguration());
        modelBuilder.ApplyConfiguration(new VisitDayTotalConfiguration());
        modelBuilder.ApplyConfiguration(new RollupMarkConfiguration());
        modelBuilder.Entity<WeeklyHours>(b =>
        {
            b.ToTable("weekly_hours");
            b.HasKey(w => w.Id);
            b.HasIndex(w => new { w.DoctorId, w.ClinicId, w.DayOfWeek });
        });
        modelBuilder.Entity<AvailabilityException>(b =>
        {
            b.ToTable("availability_exceptions");
            b.HasKey(e => e.Id);
            b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(e => new { e.DoctorId, e.Date });
        });
        modelBuilder.Entity<AppointmentTypeSettings>(b =>
        {
            b.ToTable("appointment_types");
            b.HasKey(t => new { t.DoctorId, t.Kind });
            b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<Appointment>(b =>
        {
            b.ToTable("appointments");
            b.HasKey(a => a.Id);
            b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(a => a.CancellationReason).IsEncrypted();
            b.Property(a => a.CancellationCode).HasMaxLength(32);
            b.Property(a => a.Version).IsConcurrencyToken();
            b.HasIndex(a => new { a.DoctorId, a.Start });
            // The clinic analytics read a period's visits from these two alone (INCLUDE on PostgreSQL; migration 0004).
            b.HasIndex(a => new { a.ClinicId, a.Start }).IncludeProperties(a => new { a.DoctorId, a.Status, a.End });
            b.HasIndex(a => a.Start).IncludeProperties(a => new { a.ClinicId, a.DoctorId, a.Status, a.End });
            b.HasIndex(a => new { a.PatientId, a.Start });
        });
        modelBuilder.Entity<TimeBlock>(b =>
        {
            b.ToTable("time_blocks");
            b.HasKey(t => new { t.DoctorId, t.Granule });
            b.Property(t => t.OwnerKind).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(t => t.OwnerId);
            // Covers slot search (doctor, time range, unexpired) without visiting the table; see migration 0002.
            b.HasIndex(t => new { t.DoctorId, t.Granule, t.ExpiresAt });
        });
        modelBuilder.Entity<IdempotencyRecord>(b =>
        {
            b.ToTable("idempotency_records");
            b.HasKey(r => new { r.UserId, r.Key });
            b.Property(r => r.Key).HasMaxLength(100);
            b.Property(r => r.RequestHash).HasMaxLength(64);
            b.Property(r => r.ErrorCode).HasMaxLength(64);
            b.HasIndex(r => r.CreatedAt);
        });
        modelBuilder.Entity<ClinicPolicy>(b =>
        {
            b.ToTable("clinic_policies");
            b.HasKey(p => p.ClinicId);
            b.Property(p => p.ReminderOffsetsHours).HasMaxLength(100);
            b.Ignore(p => p.ReminderOffsets);
        });
        modelBuilder.MapCreateRequestKeys();
        modelBuilder.Entity<WaitlistEntry>(b =>
        {
            b.ToTable("waitlist_entries");
            b.HasKey(e => e.Id);
            b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(e => e.Specialty).HasMaxLength(64);
            b.HasIndex(e => new { e.Status, e.CreatedAt });
            b.HasIndex(e => e.PatientId);
        });
        modelBuilder.Entity<WaitlistOffer>(b =>
        {
            b.ToTable("waitlist_offers");
            b.HasKey(o => o.Id);
            b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(o => o.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
            b.HasIndex(o => new { o.EntryId, o.DoctorId, o.Start }).IsUnique();
            b.HasIndex(o => new { o.Status, o.ExpiresAt });
        });
        modelBuilder.Entity<Reminder>(b =>
        {
            b.ToTable("reminders");
            b.HasKey(r => r.Id);
            b.Property(r => r.Channel).HasConversion<string>().HasMaxLength(16);
            b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(r => r.LastError).HasMaxLength(200);
            b.HasIndex(r => new { r.AppointmentId, r.AppointmentStart, r.OffsetHours, r.Channel }).IsUnique();
            b.HasIndex(r => new { r.Status, r.DueAt });
        });
        modelBuilder.Entity<ActionLink>(b =>
        {
            b.ToTable("action_links");
            b.HasKey(l => l.TokenHash);
            b.Property(l => l.TokenHash).HasMaxLength(64);
            b.Property(l => l.Action).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(l => l.AppointmentId);
        });
        modelBuilder.Entity<CalendarFeed>(b =>
        {
            b.ToTable("calendar_feeds");
            b.HasKey(f => f.DoctorId);
            b.Property(f => f.TokenHash).HasMaxLength(64);
            b.HasIndex(f => f.TokenHash).IsUnique();
        });
        modelBuilder.Entity<PatientNotice>(b =>
        {
            b.ToTable("patient_notices");
            b.HasKey(n => new { n.EventId, n.Channel });
            b.Property(n => n.Channel).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(n => n.AppointmentId);
        });
    }
}
