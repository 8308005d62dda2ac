using Telemed.BuildingBlocks.Ids;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>A booked appointment gives the doctor a care relationship with the patient, for the record-access rules.</summary>
internal sealed class GrantCareAccessWhenBooked(ICareAccess care) : IIntegrationEventBatchHandler<AppointmentBooked>
{
    public Task HandleAsync(AppointmentBooked e, CancellationToken cancellationToken) =>
        care.GrantAsync(new UserId(e.DoctorUserId), new PatientId(e.PatientId), CareRelationshipKind.Appointment, null, cancellationToken);

    public Task HandleAsync(IReadOnlyList<AppointmentBooked> events, CancellationToken cancellationToken) =>
        care.GrantAsync([.. events.Select(e => (new UserId(e.DoctorUserId), new PatientId(e.PatientId)))], CareRelationshipKind.Appointment, null, cancellationToken);
}
