using Telemed.BuildingBlocks.Ids;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Consultations.Visits;

/// <summary>An accepted consultation gives the doctor a care relationship with the patient (the record-access rules).</summary>
internal sealed class GrantCareAccessWhenStarted(ICareAccess care) : IIntegrationEventHandler<ConsultationStarted>
{
    public Task HandleAsync(ConsultationStarted e, CancellationToken cancellationToken) =>
        care.GrantAsync(new UserId(e.DoctorUserId), new PatientId(e.PatientId), CareRelationshipKind.Consultation, null, cancellationToken);
}
