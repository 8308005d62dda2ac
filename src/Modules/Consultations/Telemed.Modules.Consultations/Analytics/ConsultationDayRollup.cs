using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Telemed.BuildingBlocks.Analytics;

namespace Telemed.Modules.Consultations.Analytics;

/// <summary>
/// One day's consultations of one specialty at one clinic (<see cref="Guid.Empty"/> for on-demand ones, which have none): the
/// clinic analytics' roll-up of the consultations (docs/analytics.md). Two facts share a row: <c>Total</c>/<c>Completed</c> count
/// consultations on the day of their scheduled start (on-demand ones: when they were asked for), <c>Accepted</c>/<c>WaitSeconds</c>
/// those accepted that entered the waiting room that day, with the sum of their waits (accepted − entered). <c>UtcDay</c> is the
/// UTC date (the all-clinics view), <c>LocalDay</c> the date in the clinic's zone (UTC for on-demand). Counts only: no patient.
/// </summary>
internal sealed class ConsultationDayRollup : IDayRollup
{
    public Guid ClinicId { get; init; }
    public string Specialty { get; init; } = "";
    public DateOnly UtcDay { get; init; }
    public DateOnly LocalDay { get; init; }
    public int Total { get; set; }
    public int Completed { get; set; }
    public int Accepted { get; set; }
    public double WaitSeconds { get; set; }
}

internal sealed class ConsultationDayRollupConfiguration : IEntityTypeConfiguration<ConsultationDayRollup>
{
    public void Configure(EntityTypeBuilder<ConsultationDayRollup> builder)
    {
        builder.ToTable("consultation_day_rollups");
        builder.HasKey(r => new { r.ClinicId, r.Specialty, r.UtcDay, r.LocalDay });
        builder.Property(r => r.Specialty).HasMaxLength(100);
        // INCLUDE on PostgreSQL (migration 0005): the all-clinics view reads by UTC day, the one-clinic view by clinic and local day.
        builder.HasIndex(r => r.UtcDay).IncludeProperties(r => new { r.Specialty, r.Total, r.Completed, r.Accepted, r.WaitSeconds });
        builder.HasIndex(r => new { r.ClinicId, r.LocalDay }).IncludeProperties(r => new { r.Specialty, r.Total, r.Completed, r.Accepted, r.WaitSeconds });
    }
}
