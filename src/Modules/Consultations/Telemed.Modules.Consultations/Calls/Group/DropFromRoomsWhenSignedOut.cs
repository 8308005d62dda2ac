using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telemed.Modules.Consultations.Calls.Media;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Consultations.Calls.Group;

/// <summary>
/// A browser talks to the SFU directly with its seat's token, so closing Telemed's own connections at sign-out leaves that
/// one open. When a person's session ends, their seat in every open room (as the doctor, the patient or an admitted guest)
/// is withdrawn and their feeds kicked, as when the doctor removes a guest. A device of theirs that is still signed in asks
/// for its seat again through the call page's reconnect path (seats are per person, so it is kicked too); the signed-out one is refused the seat.
/// </summary>
internal sealed class DropFromRoomsWhenSignedOut(ConsultationsDbContext db, ISelectiveForwardingUnit sfu, ILogger<DropFromRoomsWhenSignedOut> logger)
    : ISessionEndedHandler
{
    public async Task SessionsEndedAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!sfu.Available)
        {
            return;
        }

        var rooms = await (from r in db.CallRooms.AsNoTracking()
                           join c in db.Consultations.AsNoTracking() on r.ConsultationId equals c.Id
                           where r.ClosedAt == null && c.Status == ConsultationStatus.InProgress
                                 && (c.PatientUserId == userId || c.DoctorUserId == userId
                                     || db.CallGuests.Any(g => g.ConsultationId == c.Id && g.UserId == userId && g.Status == CallGuestStatus.Admitted))
                           select r.RoomId).ToListAsync(cancellationToken);
        foreach (var room in rooms)
        {
            try
            {
                await sfu.DropAsync(room, userId, cancellationToken);
            }
            catch (SfuUnavailableException e)
            {
                logger.LogWarning("A signed-out participant could not be dropped from SFU room {Room}: {Error}", room, e.Message);
            }
        }
    }
}
