using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Ids;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Scheduling.Appointments.CareAccess;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>
/// A booked appointment gives the doctor a care relationship with the patient (the record-access rules), bounded by
/// <see cref="AppointmentCareAccessRule"/>: until 30 days after the visit. Granting never shortens a relationship, so a batch
/// or a redelivery is harmless.
/// </summary>
internal sealed class GrantCareAccessWhenBooked(ICareAccess care) : IIntegrationEventBatchHandler<AppointmentBooked>
{
    /// <inheritdoc />
    public Task HandleAsync(AppointmentBooked e, CancellationToken cancellationToken) => HandleAsync([e], cancellationToken);

    /// <inheritdoc />
    public Task HandleAsync(IReadOnlyList<AppointmentBooked> events, CancellationToken cancellationToken) =>
        care.GrantAsync([.. events.Select(e => (new UserId(e.DoctorUserId), new PatientId(e.PatientId), (DateTime?)(e.End + AppointmentCareAccessRule.AfterTheVisit)))],
            CareRelationshipKind.Appointment, cancellationToken);
}

/// <summary>
/// An appointment cancelled, moved or missed: the doctor's access from appointments with that patient is worked out again from
/// the visits that still stand (<see cref="AppointmentCareAccessRule"/>) and set exactly — ended when none stands, shortened or
/// lengthened otherwise. Keyed by the appointment (its doctor and patient) and computed from the current state, so a redelivered
/// event leaves the same result. Another appointment with the same doctor keeps the access; a consultation or care-team
/// relationship is another kind and is not touched.
/// </summary>
internal sealed class ReviseCareAccessWhenAppointmentChanges(SchedulingDbContext db, AppointmentCareAccessRevision revision) :
    IIntegrationEventHandler<AppointmentCancelled>, IIntegrationEventHandler<AppointmentRescheduled>, IIntegrationEventHandler<AppointmentMarkedNoShow>
{
    /// <inheritdoc />
    public Task HandleAsync(AppointmentCancelled e, CancellationToken cancellationToken) => ReviseAsync(e.AppointmentId, cancellationToken);

    /// <inheritdoc />
    public Task HandleAsync(AppointmentRescheduled e, CancellationToken cancellationToken) => ReviseAsync(e.AppointmentId, cancellationToken);

    /// <inheritdoc />
    public Task HandleAsync(AppointmentMarkedNoShow e, CancellationToken cancellationToken) => ReviseAsync(e.AppointmentId, cancellationToken);

    private async Task ReviseAsync(Guid appointmentId, CancellationToken cancellationToken)
    {
        var pair = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId)
            .Select(a => new { a.DoctorUserId, a.PatientId }).SingleOrDefaultAsync(cancellationToken);
        if (pair is not null)
        {
            await revision.ReviseAsync(pair.DoctorUserId, pair.PatientId, cancellationToken);
        }
    }
}
