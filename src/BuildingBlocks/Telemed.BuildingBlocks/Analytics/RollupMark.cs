using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Telemed.BuildingBlocks.Analytics;

/// <summary>
/// A UTC day whose rolled-up analytics figures are out of date. Written in the transaction of the change that made them so
/// (<see cref="RollupMarks.Collect{T}"/>), read by the dashboard (which reads such days from the source rows instead of the
/// roll-up) and removed by the module's <see cref="RollupRefresher{TContext}"/> once the day is rebuilt.
/// </summary>
public sealed class RollupMark
{
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>The UTC calendar day (00:00Z–24:00Z) of an instant that changed.</summary>
    public DateOnly Day { get; init; }

    /// <summary>
    /// The one subject whose rows of <see cref="Day"/> changed, for a module whose roll-up is keyed by it (scheduling: the
    /// doctor), so the refresher rebuilds that subject's rows of the day and not the whole day; null for the whole day.
    /// </summary>
    public Guid? Scope { get; init; }
}

/// <summary>The module's <c>rollup_marks</c> table (no index beyond the key: it holds the few days changed since the last pass).</summary>
public sealed class RollupMarkConfiguration : IEntityTypeConfiguration<RollupMark>
{
    public void Configure(EntityTypeBuilder<RollupMark> builder)
    {
        builder.ToTable("rollup_marks");
        builder.HasKey(m => m.Id);
    }
}
