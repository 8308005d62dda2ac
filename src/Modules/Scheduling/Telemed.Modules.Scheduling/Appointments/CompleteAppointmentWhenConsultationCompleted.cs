using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// A booked visit that took place online is complete when its consultation is: the consultation's transaction
/// only writes the event, and this handler completes the appointment from the outbox. Idempotent: a redelivered
/// event, an on-demand consultation (no appointment) or an appointment that is no longer checked in changes nothing.
/// </summary>
internal sealed class CompleteAppointmentWhenConsultationCompleted(ISchedulingModule scheduling) : IIntegrationEventHandler<ConsultationCompleted>
{
    public Task HandleAsync(ConsultationCompleted e, CancellationToken cancellationToken) =>
        e.AppointmentId is { } appointmentId ? scheduling.CompleteAsync(appointmentId, cancellationToken) : Task.CompletedTask;
}
