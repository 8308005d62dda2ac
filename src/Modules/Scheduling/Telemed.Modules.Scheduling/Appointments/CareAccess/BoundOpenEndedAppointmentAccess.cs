using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Scheduling.Appointments.CareAccess;

/// <summary>
/// At start-up, bounds the access from appointments granted before it was bounded (those relationships have no end): each is
/// worked out again from the pair's visits that still stand, as a cancellation would (<see cref="AppointmentCareAccessRevision"/>),
/// so it lasts until 30 days after the last standing visit or ends now when none stands. Nothing grants an appointment
/// relationship without an end any more, so once a pass has run none is left: the state records that the pass is done, and every
/// later start finds nothing to do (one read of the relationships without an end). Two hosts starting together set the same ends.
/// </summary>
internal sealed class BoundOpenEndedAppointmentAccess(ICareAccess care, AppointmentCareAccessRevision revision, ILogger<BoundOpenEndedAppointmentAccess> logger)
    : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var open = await care.OpenEndedAsync(CareRelationshipKind.Appointment, cancellationToken);
        foreach (var (doctor, patient) in open)
        {
            await revision.ReviseAsync(doctor.Value, patient.Value, cancellationToken);
        }

        if (open.Count > 0)
        {
            logger.LogInformation("Bounded {Count} care relationships from appointments granted without an end", open.Count);
        }
    }
}
