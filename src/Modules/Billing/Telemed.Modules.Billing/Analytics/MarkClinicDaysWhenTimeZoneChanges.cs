using Telemed.BuildingBlocks.Analytics;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Billing.Infrastructure;

namespace Telemed.Modules.Billing.Analytics;

/// <summary>A clinic moved to another time zone: its <see cref="RevenueDayRollup"/> rows' local days are rebuilt in the new zone (docs/analytics.md).</summary>
internal sealed class MarkClinicDaysWhenTimeZoneChanges(BillingDbContext db) : IIntegrationEventHandler<ClinicTimeZoneChanged>
{
    public Task HandleAsync(ClinicTimeZoneChanged integrationEvent, CancellationToken cancellationToken) =>
        RollupMarks.MarkClinicAsync<RevenueDayRollup>(db, integrationEvent.ClinicId, cancellationToken);
}
