using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Calls.Media;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.Calls.Group;

/// <summary>
/// A consultation's SFU room from the first move to the SFU (a guest admitted, a recording consent) until it is stored: opened in
/// the SFU before the change that needs it is saved, and destroyed again when that change is not stored. Shares the request's
/// <see cref="ConsultationsDbContext"/> with the change it saves (scoped). Effects outside the database before a save that may
/// fail: ADR 0015.
/// </summary>
internal sealed class GroupCallRooms(ConsultationsDbContext db, ISelectiveForwardingUnit sfu, IOptions<ConsultationsOptions> options, TimeProvider clock,
    ILogger<GroupCallRooms> log)
{
    /// <summary>
    /// The consultation's SFU room, opened in the SFU (idempotent) and added to the context when there was none (<c>Opened</c>);
    /// null when the room was closed (the consultation ended), which is never opened again. Call it only once everything else
    /// that could refuse the change was checked, and save with <see cref="SaveWithRoomAsync"/>, which then says whether to call
    /// <see cref="GroupCalls.MovedToSfuAsync"/>. Throws <see cref="SfuUnavailableException"/>.
    /// </summary>
    public async Task<(GroupCallRoom Room, bool Opened)?> EnsureRoomAsync(Guid consultationId, CancellationToken ct)
    {
        var room = await db.CallRooms.FirstOrDefaultAsync(r => r.ConsultationId == consultationId, ct);
        if (room is { ClosedAt: not null })
        {
            // The end destroyed it in the SFU: creating it again would leave a room nothing closes.
            return null;
        }

        var opened = room is null;
        if (room is null)
        {
            // The number is derived from the consultation, so a first move racing this one (another admission, a consent, on any
            // host) opens this same room, and SaveWithRoomAsync keeps whichever row is stored first.
            room = new GroupCallRoom(consultationId, await FreeRoomIdAsync(consultationId, ct), clock.GetUtcNow().UtcDateTime);
            db.CallRooms.Add(room);
        }

        // Not cancelled half-way: a room Janus created must reach the save (or be destroyed again), which runs whatever the caller does.
        await sfu.OpenRoomAsync(room.RoomId, Publishers, CancellationToken.None);
        return (room, opened);
    }

    /// <summary>
    /// Saves the change <see cref="EnsureRoomAsync"/> was called for, with the room's row when it was <paramref name="opened"/>
    /// there; true when this save stored the room (the caller then calls <see cref="GroupCalls.MovedToSfuAsync"/>). Not cancellable: the
    /// room is open in the SFU already, and only a stored row lets the consultation's end destroy it (ADR 0015).
    /// <list type="bullet">
    /// <item>Another request stored the call's room first (a second admission or a consent at the same moment, on any host): it
    /// opened the very same room, so this request's row is dropped and the rest of its change saved again.</item>
    /// <item>Any other failed save destroys the room this request opened (unless a row names it by then) and throws.</item>
    /// </list>
    /// Errors (nothing saved, this request's room destroyed): <c>consultation.call_room_changed</c> when the stored room is not the
    /// one this request opened (stored with a random number by a host of an earlier version), <c>consultation.call_closed</c> when
    /// the consultation ended meanwhile.
    /// </summary>
    public async Task<Result<bool>> SaveWithRoomAsync(GroupCallRoom room, bool opened)
    {
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            if (opened)
            {
                await OpenAgainAsync(room.RoomId);
            }

            return opened;
        }
        catch (DbUpdateException e) when (opened && e.IsUniqueViolation())
        {
            db.Entry(room).State = EntityState.Detached;
            var stored = await db.CallRooms.AsNoTracking().FirstOrDefaultAsync(r => r.ConsultationId == room.ConsultationId, CancellationToken.None);
            if (stored is null || stored.RoomId != room.RoomId || stored.ClosedAt is not null)
            {
                await ReleaseAsync(room.RoomId);
                return stored is { ClosedAt: not null } ? ConsultationErrors.CallClosed : GroupCallErrors.RoomChanged;
            }
        }
        catch (Exception) when (opened)
        {
            await ReleaseAsync(room.RoomId);
            throw;
        }

        // The room is stored (by the other request) and is the one this request opened: the rest of the change, without the row.
        await db.SaveChangesAsync(CancellationToken.None);
        return false;
    }

    /// <summary>
    /// For a change that stops after <see cref="EnsureRoomAsync"/> without saving (what came next was refused): the room this request
    /// opened is taken out of the context and destroyed in the SFU, unless a row names it by then.
    /// </summary>
    public async Task DiscardRoomAsync(GroupCallRoom room, bool opened)
    {
        if (opened)
        {
            db.Entry(room).State = EntityState.Detached;
            await ReleaseAsync(room.RoomId);
        }
    }

    /// <summary>Publishers a room takes: everyone's camera and a screen each.</summary>
    private int Publishers => 2 * (options.Value.Video.Sfu.MaxGuests + 2);

    /// <summary>
    /// The consultation's derived room number, or the next candidate while another consultation's row holds it (52-bit numbers:
    /// practically never), so that a collision never seats this call in someone else's room.
    /// </summary>
    private async Task<long> FreeRoomIdAsync(Guid consultationId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var candidate = sfu.RoomIdOf(consultationId, attempt);
            if (!await db.CallRooms.AsNoTracking().AnyAsync(r => r.RoomId == candidate && r.ConsultationId != consultationId, ct))
            {
                return candidate;
            }
        }

        throw new SfuUnavailableException("No free room number for the call.");
    }

    /// <summary>
    /// Destroys a room this request opened for a change that was not stored, unless an open row names it (a racing first move of the
    /// same call stored it). One that stores it between the check and the destroy is covered twice: the room is opened again here
    /// when a row names it after the destroy, and by <see cref="OpenAgainAsync"/> after that request's save. Failures are logged
    /// with the room's number: this runs on a failure path already.
    /// </summary>
    private async Task ReleaseAsync(long roomId)
    {
        try
        {
            if (await OpenRowNamesAsync(roomId))
            {
                return;
            }

            await sfu.CloseRoomAsync(roomId, [], CancellationToken.None);
            if (await OpenRowNamesAsync(roomId))
            {
                await sfu.OpenRoomAsync(roomId, Publishers, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            log.LogError(e, "SFU room {Room}, opened for a change that was not stored, may stay open in the SFU", roomId);
        }
    }

    /// <summary>
    /// After the save that stored the room: opens it again (a no-op unless a racing request whose own save failed destroyed it
    /// between this request's open and its save). A failure is logged; the pages' reconnect asks for seats again.
    /// </summary>
    private async Task OpenAgainAsync(long roomId)
    {
        try
        {
            await sfu.OpenRoomAsync(roomId, Publishers, CancellationToken.None);
        }
        catch (SfuUnavailableException e)
        {
            log.LogError(e, "SFU room {Room} was stored but could not be opened again", roomId);
        }
    }

    private Task<bool> OpenRowNamesAsync(long roomId) =>
        db.CallRooms.AsNoTracking().AnyAsync(r => r.RoomId == roomId && r.ClosedAt == null, CancellationToken.None);
}
