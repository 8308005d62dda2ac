using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Telemed.BuildingBlocks.Analytics;

namespace Telemed.Modules.Billing.Analytics;

/// <summary>
/// The ledger's captures and refunds of one day by currency, clinic and doctor (<see cref="Guid.Empty"/> for a movement without
/// one), in minor units: the clinic analytics' roll-up of <c>payment_movements</c> (docs/analytics.md). <c>UtcDay</c> is the
/// UTC date of the movement (the all-clinics view), <c>LocalDay</c> its date in the clinic's zone (the one-clinic view).
/// </summary>
internal sealed class RevenueDayRollup : IDayRollup
{
    public string Currency { get; init; } = "";
    public Guid ClinicId { get; init; }
    public Guid DoctorId { get; init; }
    public DateOnly UtcDay { get; init; }
    public DateOnly LocalDay { get; init; }
    public long CapturedMinor { get; set; }
    public long RefundedMinor { get; set; }
}

internal sealed class RevenueDayRollupConfiguration : IEntityTypeConfiguration<RevenueDayRollup>
{
    public void Configure(EntityTypeBuilder<RevenueDayRollup> builder)
    {
        builder.ToTable("revenue_day_rollups");
        builder.HasKey(r => new { r.ClinicId, r.DoctorId, r.Currency, r.UtcDay, r.LocalDay });
        builder.Property(r => r.Currency).HasMaxLength(3);
        // INCLUDE on PostgreSQL (migration 0003): the all-clinics view reads by UTC day, the one-clinic view by clinic and local day.
        builder.HasIndex(r => r.UtcDay).IncludeProperties(r => new { r.Currency, r.ClinicId, r.DoctorId, r.CapturedMinor, r.RefundedMinor });
        builder.HasIndex(r => new { r.ClinicId, r.LocalDay }).IncludeProperties(r => new { r.Currency, r.DoctorId, r.CapturedMinor, r.RefundedMinor });
    }
}

/// <summary>
/// The ledger's captures and refunds of one day at one clinic in one currency: <see cref="RevenueDayRollup"/> summed over the doctors,
/// so revenue by period reads a row per clinic, currency and day instead of one per doctor.
/// </summary>
internal sealed class RevenueDayTotal : IDayRollup
{
    public string Currency { get; init; } = "";
    public Guid ClinicId { get; init; }
    public DateOnly UtcDay { get; init; }
    public DateOnly LocalDay { get; init; }
    public long CapturedMinor { get; set; }
    public long RefundedMinor { get; set; }
}

internal sealed class RevenueDayTotalConfiguration : IEntityTypeConfiguration<RevenueDayTotal>
{
    public void Configure(EntityTypeBuilder<RevenueDayTotal> builder)
    {
        builder.ToTable("revenue_day_totals");
        builder.HasKey(r => new { r.ClinicId, r.Currency, r.UtcDay, r.LocalDay });
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.HasIndex(r => r.UtcDay);
        builder.HasIndex(r => new { r.ClinicId, r.LocalDay });
    }
}
