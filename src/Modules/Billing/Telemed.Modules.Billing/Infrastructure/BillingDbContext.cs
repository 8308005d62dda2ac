using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Analytics;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Security;
using Telemed.BuildingBlocks.Telemetry;
using Telemed.Modules.Billing.Analytics;
using Telemed.Modules.Billing.Claims;
using Telemed.Modules.Billing.ClinicRules;
using Telemed.Modules.Billing.Payments;
using Telemed.Modules.Billing.Payments.Gateways.Sandbox;
using Telemed.Modules.Billing.Payments.Settlement;
using Telemed.Modules.Billing.Payments.Webhooks;
using Telemed.Modules.Billing.Receipts;

namespace Telemed.Modules.Billing.Infrastructure;

internal sealed class BillingDbContext(DbContextOptions<BillingDbContext> options) : ModuleDbContext(options)
{
    public override string ModuleName => "billing";

    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentMovement> PaymentMovements => Set<PaymentMovement>();
    public DbSet<RefundRequestKey> RefundRequestKeys => Set<RefundRequestKey>();
    public DbSet<ProcessedGatewayEvent> ProcessedGatewayEvents => Set<ProcessedGatewayEvent>();
    public DbSet<PendingSettlement> PendingSettlements => Set<PendingSettlement>();
    public DbSet<ClinicBillingRules> ClinicRules => Set<ClinicBillingRules>();
    public DbSet<Receipt> Receipts => Set<Receipt>();
    public DbSet<InsuranceClaim> Claims => Set<InsuranceClaim>();
    public DbSet<SandboxIntent> SandboxIntents => Set<SandboxIntent>();
    public DbSet<SandboxRequest> SandboxRequests => Set<SandboxRequest>();
    public DbSet<RevenueDayRollup> RevenueDayRollups => Set<RevenueDayRollup>();
    public DbSet<RevenueDayTotal> RevenueDayTotals => Set<RevenueDayTotal>();

    /// <summary>
    /// Saves, marking the UTC days of new ledger movements for the analytics roll-up (same transaction), then counts each payment
    /// that entered a state (<c>telemed.payments.transitions</c>, label <c>state</c>).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var detected = DetectChangesOnce();
        RollupMarks.Collect<PaymentMovement>(this, nameof(PaymentMovement.At));
        var entered = ChangeTracker.Entries<Payment>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(p => p.Status).IsModified))
            .Select(e => e.Entity.Status).ToList();
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        foreach (var status in entered)
        {
            TelemedMetrics.PaymentTransitions.Add(1, new KeyValuePair<string, object?>("state", StateLabel(status)));
        }

        return written;
    }

    /// <summary><c>AwaitingPayment</c> → <c>awaiting_payment</c>: Prometheus-style label values.</summary>
    private static string StateLabel(PaymentStatus status) =>
        string.Concat(status.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new RevenueDayRollupConfiguration());
        modelBuilder.ApplyConfiguration(new RevenueDayTotalConfiguration());
        modelBuilder.ApplyConfiguration(new RollupMarkConfiguration());
        modelBuilder.Entity<Payment>(b =>
        {
            b.ToTable("payments");
            b.HasKey(p => p.Id);
            // One payment per appointment and per idempotency key, whatever races: the database decides.
            b.HasIndex(p => p.IdempotencyKey).IsUnique();
            b.HasIndex(p => p.AppointmentId).IsUnique();
            b.HasIndex(p => p.IntentId);
            b.HasIndex(p => new { p.ClinicId, p.Status });
            // The administrator's list, newest first with the id as the tie-break, all clinics or one (migration 0010).
            b.HasIndex(p => new { p.CreatedAt, p.Id });
            b.HasIndex(p => new { p.ClinicId, p.CreatedAt, p.Id });
            b.HasIndex(p => p.PatientId);
            b.Property(p => p.IdempotencyKey).HasMaxLength(100);
            b.Property(p => p.Kind).HasMaxLength(16);
            b.Property(p => p.Currency).HasMaxLength(3);
            b.Property(p => p.QualificationFactor).HasPrecision(6, 3);
            b.Property(p => p.Status).HasConversion<string>().HasMaxLength(24);
            b.Property(p => p.Gateway).HasMaxLength(16);
            b.Property(p => p.IntentId).HasMaxLength(GatewayEventBounds.MaxIntentIdLength);
            b.Property(p => p.ClientSecret).IsEncrypted();
            b.Property(p => p.DeclineCode).HasMaxLength(GatewayEventBounds.MaxDeclineCodeLength);
            b.Property(p => p.CardBrand).HasMaxLength(GatewayEventBounds.MaxCardBrandLength);
            b.Property(p => p.CardLast4).HasMaxLength(GatewayEventBounds.MaxCardLast4Length);
            b.Property(p => p.SettlementReason).HasMaxLength(32);
            b.Property(p => p.Version).IsConcurrencyToken();
            b.HasMany(p => p.Movements).WithOne().HasForeignKey(m => m.PaymentId);
            b.Navigation(p => p.Movements).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<PaymentMovement>(b =>
        {
            b.ToTable("payment_movements");
            b.HasKey(m => m.Id);
            // Ids are made by the aggregate: a movement reached through the payment is new, not an existing row.
            b.Property(m => m.Id).ValueGeneratedNever();
            b.Property(m => m.Type).HasMaxLength(16);
            b.Property(m => m.Currency).HasMaxLength(3);
            b.Property(m => m.Reason).HasMaxLength(32);
            b.Property(m => m.GatewayReference).HasMaxLength(GatewayEventBounds.MaxRefundIdLength);
            b.HasIndex(m => new { m.ClinicId, m.At });
            // The clinic analytics' revenue of a period, from the index alone on PostgreSQL (migration 0002).
            b.HasIndex(m => m.At).IncludeProperties(m => new { m.Type, m.Currency, m.AmountMinor, m.ClinicId, m.DoctorId });
        });
        modelBuilder.Entity<RefundRequestKey>(b =>
        {
            b.ToTable("payment_refund_requests");
            // One answer per request: a retry, or the same request racing itself, finds the key taken.
            b.HasKey(k => new { k.PaymentId, k.RequestKey });
            b.Property(k => k.RequestKey).HasMaxLength(RefundRequestKey.MaxLength);
            b.Property(k => k.RefundId).HasMaxLength(GatewayEventBounds.MaxRefundIdLength);
            b.HasOne<Payment>().WithMany().HasForeignKey(k => k.PaymentId);
        });
        modelBuilder.Entity<ProcessedGatewayEvent>(b =>
        {
            b.ToTable("processed_gateway_events");
            // A delivery seen twice hits this key: the second one changes nothing.
            b.HasKey(e => new { e.Gateway, e.EventId });
            b.Property(e => e.Gateway).HasMaxLength(16);
            b.Property(e => e.EventId).HasMaxLength(GatewayEventBounds.MaxEventIdLength);
            b.Property(e => e.Type).HasMaxLength(GatewayEventBounds.MaxTypeLength);
        });
        modelBuilder.Entity<PendingSettlement>(b =>
        {
            b.ToTable("pending_settlements");
            // A redelivered event finds its settlement parked already.
            b.HasKey(p => new { p.AppointmentId, p.Kind });
            b.Property(p => p.Kind).HasMaxLength(16);
            b.Property(p => p.Reason).HasMaxLength(32);
        });
        modelBuilder.Entity<ClinicBillingRules>(b =>
        {
            b.ToTable("clinic_rules");
            b.HasKey(r => r.ClinicId);
            b.Property(r => r.FactorNone).HasPrecision(6, 3);
            b.Property(r => r.FactorSecond).HasPrecision(6, 3);
            b.Property(r => r.FactorFirst).HasPrecision(6, 3);
            b.Property(r => r.FactorHighest).HasPrecision(6, 3);
        });
        modelBuilder.Entity<Receipt>(b =>
        {
            b.ToTable("receipts");
            b.HasKey(r => r.Id);
            b.Ignore(r => r.Display);
            // Gap-free numbering per clinic and year, and one receipt per payment, enforced by the database.
            b.HasIndex(r => new { r.ClinicId, r.Year, r.Number }).IsUnique();
            b.HasIndex(r => r.PaymentId).IsUnique();
        });
        modelBuilder.Entity<InsuranceClaim>(b =>
        {
            b.ToTable("claims");
            b.HasKey(c => c.Id);
            // One claim per paid visit, whatever redeliveries happen.
            b.HasIndex(c => c.PaymentId).IsUnique();
            b.HasIndex(c => new { c.ClinicId, c.ServiceDate });
            b.HasIndex(c => new { c.Status, c.CreatedAt });
            b.Property(c => c.Kind).HasMaxLength(16);
            b.Property(c => c.InsurerName).IsEncrypted();
            b.Property(c => c.PolicyNumber).IsEncrypted();
            b.Property(c => c.Currency).HasMaxLength(3);
            b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(c => c.Note).IsEncrypted();
            b.Property(c => c.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<SandboxIntent>(b =>
        {
            b.ToTable("sandbox_intents");
            b.HasKey(i => i.Id);
            b.Property(i => i.Id).HasMaxLength(120);
            b.Property(i => i.ClientSecret).HasMaxLength(200);
            b.HasIndex(i => i.ClientSecret).IsUnique();
            b.Property(i => i.Currency).HasMaxLength(3);
            b.Property(i => i.Status).HasMaxLength(32);
            b.Property(i => i.DeclineCode).HasMaxLength(64);
            b.Property(i => i.CardBrand).HasMaxLength(24);
            b.Property(i => i.CardLast4).HasMaxLength(4);
        });
        modelBuilder.Entity<SandboxRequest>(b =>
        {
            b.ToTable("sandbox_requests");
            b.HasKey(r => r.IdempotencyKey);
            b.Property(r => r.IdempotencyKey).HasMaxLength(200);
            b.Property(r => r.Operation).HasMaxLength(16);
            b.Property(r => r.IntentId).HasMaxLength(120);
            b.Property(r => r.RefundId).HasMaxLength(120);
        });
    }
}
