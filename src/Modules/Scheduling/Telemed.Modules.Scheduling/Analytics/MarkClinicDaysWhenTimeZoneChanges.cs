using Telemed.BuildingBlocks.Analytics;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Analytics;

/// <summary>A clinic moved to another time zone: its <see cref="VisitDayRollup"/> rows' local days are rebuilt in the new zone (docs/analytics.md).</summary>
internal sealed class MarkClinicDaysWhenTimeZoneChanges(SchedulingDbContext db) : IIntegrationEventHandler<ClinicTimeZoneChanged>
{
    public Task HandleAsync(ClinicTimeZoneChanged integrationEvent, CancellationToken cancellationToken) =>
        RollupMarks.MarkClinicAsync<VisitDayRollup>(db, integrationEvent.ClinicId, cancellationToken);
}
