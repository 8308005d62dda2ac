using Telemed.BuildingBlocks.Analytics;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.Modules.Consultations.Analytics;

/// <summary>A clinic moved to another time zone: its <see cref="ConsultationDayRollup"/> rows' local days are rebuilt in the new zone (docs/analytics.md).</summary>
internal sealed class MarkClinicDaysWhenTimeZoneChanges(ConsultationsDbContext db) : IIntegrationEventHandler<ClinicTimeZoneChanged>
{
    public Task HandleAsync(ClinicTimeZoneChanged integrationEvent, CancellationToken cancellationToken) =>
        RollupMarks.MarkClinicAsync<ConsultationDayRollup>(db, integrationEvent.ClinicId, cancellationToken);
}
