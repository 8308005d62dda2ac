using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Telemed.BuildingBlocks.Analytics;

namespace Telemed.Modules.Scheduling.Analytics;

/// <summary>
/// One doctor's visits at one clinic starting on one day, by what became of them: the clinic analytics' roll-up of the
/// appointments (docs/analytics.md). <c>UtcDay</c> is the UTC date of the start (the all-clinics view) and <c>LocalDay</c> its
/// date in the clinic's zone (the one-clinic view); a day's visits around midnight split over two rows. <c>BookedSeconds</c> is
/// the appointments' own length of every visit not cancelled. Counts only: no patient is in it.
/// </summary>
internal sealed class VisitDayRollup : IDayRollup
{
    public Guid ClinicId { get; init; }
    public Guid DoctorId { get; init; }
    public DateOnly UtcDay { get; init; }
    public DateOnly LocalDay { get; init; }
    public int Upcoming { get; set; }
    public int Completed { get; set; }
    public int Cancelled { get; set; }
    public int NoShows { get; set; }
    public long BookedSeconds { get; set; }
}

internal sealed class VisitDayRollupConfiguration : IEntityTypeConfiguration<VisitDayRollup>
{
    public void Configure(EntityTypeBuilder<VisitDayRollup> builder)
    {
        builder.ToTable("visit_day_rollups");
        builder.HasKey(r => new { r.ClinicId, r.DoctorId, r.UtcDay, r.LocalDay });
        // The all-clinics view reads by UTC day, the one-clinic view by clinic and local day; INCLUDE on PostgreSQL (migration 0005).
        builder.HasIndex(r => r.UtcDay).IncludeProperties(r => new { r.DoctorId, r.Upcoming, r.Completed, r.Cancelled, r.NoShows, r.BookedSeconds });
        builder.HasIndex(r => new { r.ClinicId, r.LocalDay }).IncludeProperties(r => new { r.DoctorId, r.Upcoming, r.Completed, r.Cancelled, r.NoShows, r.BookedSeconds });
    }
}

/// <summary>
/// All doctors' visits at one clinic starting on one day: <see cref="VisitDayRollup"/> summed over the doctors, so the dashboard's
/// series reads a row per clinic and day (two years of two clinics: ~1,500 rows) instead of a row per doctor and day.
/// </summary>
internal sealed class VisitDayTotal : IDayRollup
{
    public Guid ClinicId { get; init; }
    public DateOnly UtcDay { get; init; }
    public DateOnly LocalDay { get; init; }
    public int Upcoming { get; set; }
    public int Completed { get; set; }
    public int Cancelled { get; set; }
    public int NoShows { get; set; }
}

internal sealed class VisitDayTotalConfiguration : IEntityTypeConfiguration<VisitDayTotal>
{
    public void Configure(EntityTypeBuilder<VisitDayTotal> builder)
    {
        builder.ToTable("visit_day_totals");
        builder.HasKey(r => new { r.ClinicId, r.UtcDay, r.LocalDay });
        builder.HasIndex(r => r.UtcDay);
        builder.HasIndex(r => new { r.ClinicId, r.LocalDay });
    }
}
