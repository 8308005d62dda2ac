using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Calls.Media;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Consultations.Calls.Group;

/// <summary>A guest of a call as the doctor and the patient see it. <c>Role</c>: interpreter, family, consultingDoctor; <c>Status</c>: invited, waiting, admitted, removed.</summary>
public sealed record CallGuestView(Guid GuestId, string DisplayName, string Role, string Status, DateTime InvitedAt);

/// <summary>An invitation as the invited person sees it (only while the consultation is in progress).</summary>
public sealed record CallInvitationView(Guid ConsultationId, Guid GuestId, string DoctorName, string Role, string Status);

/// <summary>
/// Calls of more than two: the doctor invites a guest by the e-mail of an existing account, the guest asks to join, the doctor
/// admits them, and from the first admission the whole call moves to the SFU room (<c>mediaChanged</c> to the call's pages).
/// The doctor may remove a guest at any time (dropped from the SFU at once). Every step is audited; strangers are told the
/// consultation does not exist and the refusal is audited.
/// </summary>
internal sealed class GroupCalls(ConsultationsDbContext db, ConsultationAccess access, ICurrentUser user, IIdentityModule identity, ISelectiveForwardingUnit sfu,
    IOptions<ConsultationsOptions> options, AuditScope audit, TimeProvider clock, IHubContext<CallHub> hub, ILogger<GroupCalls> log,
    GroupCallRooms rooms)
{
    public const string RecordType = "CallGuest";

    public async Task<Result<List<CallGuestView>>> ListAsync(Guid consultationId, CancellationToken ct)
    {
        var (c, _) = await access.FindAsAsync(consultationId, [ConsultationRole.Doctor, ConsultationRole.Patient], ct, track: false);
        if (c is null)
        {
            return ConsultationErrors.NotFound;
        }

        var guests = await db.CallGuests.AsNoTracking().Where(g => g.ConsultationId == consultationId && g.Status != CallGuestStatus.Removed)
            .OrderBy(g => g.InvitedAt).ThenBy(g => g.Id).ToListAsync(ct);
        return await ViewsAsync(guests, ct);
    }

    public async Task<Result<CallGuestView>> InviteAsync(Guid consultationId, string? email, string? role, CancellationToken ct)
    {
        var (c, _) = await access.FindAsAsync(consultationId, [ConsultationRole.Doctor], ct, track: false);
        if (c is null)
        {
            return ConsultationErrors.NotFound;
        }

        if (!sfu.Available)
        {
            return GroupCallErrors.Unavailable;
        }

        if (c.Status != ConsultationStatus.InProgress)
        {
            return ConsultationErrors.CallClosed;
        }

        if (string.IsNullOrWhiteSpace(email) || email.Length > 256 || !email.Contains('@') || GuestRoles.Parse(role) is not { } guestRole)
        {
            return GroupCallErrors.InvalidGuest;
        }

        if (await identity.FindUserIdByEmailAsync(email, ct) is not { } guestUserId)
        {
            return GroupCallErrors.AccountNotFound;
        }

        if (guestUserId == c.PatientUserId || guestUserId == c.DoctorUserId)
        {
            return GroupCallErrors.Participant;
        }

        var current = await db.CallGuests.Where(g => g.ConsultationId == consultationId && g.Status != CallGuestStatus.Removed).ToListAsync(ct);
        if (current.Any(g => g.UserId == guestUserId))
        {
            return GroupCallErrors.AlreadyInvited;
        }

        if (current.Count >= options.Value.Video.Sfu.MaxGuests)
        {
            return GroupCallErrors.Limit;
        }

        var guest = new CallGuest(consultationId, guestUserId, guestRole, user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
        db.CallGuests.Add(guest);
        db.AuditWithNextSave("consultation.guest_invited", RecordType, guest.Id.ToString());
        await db.SaveChangesAsync(ct);
        await GuestsChangedAsync(consultationId);
        return (await ViewsAsync([guest], ct))[0];
    }

    public async Task<Result<CallGuestView>> KnockAsync(Guid consultationId, CancellationToken ct)
    {
        var guest = await MyInvitationAsync(consultationId, ct);
        if (guest is null)
        {
            return ConsultationErrors.NotFound;
        }

        if (!await InProgressAsync(consultationId, ct))
        {
            return ConsultationErrors.CallClosed;
        }

        var knocked = guest.Knock();
        if (!knocked.IsSuccess)
        {
            return knocked.Error!;
        }

        await db.SaveChangesAsync(ct);
        await GuestsChangedAsync(consultationId);
        return (await ViewsAsync([guest], ct))[0];
    }

    /// <summary>The caller's own invitation to this call (the guest page polls it); removed or never invited: <c>consultation.not_found</c>.</summary>
    public async Task<Result<CallGuestView>> MineAsync(Guid consultationId, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var guest = await db.CallGuests.AsNoTracking().Where(g => g.ConsultationId == consultationId && g.UserId == me)
            .OrderByDescending(g => g.InvitedAt).ThenBy(g => g.Id).FirstOrDefaultAsync(ct);
        if (guest is null)
        {
            audit.RecordDenied(ConsultationAccess.RecordType, consultationId, "not invited to the call");
            return ConsultationErrors.NotFound;
        }

        return (await ViewsAsync([guest], ct))[0];
    }

    public async Task<IReadOnlyList<CallInvitationView>> InvitationsAsync(CancellationToken ct)
    {
        var me = user.RequireUserId();
        var rows = await (from g in db.CallGuests.AsNoTracking()
                          join c in db.Consultations.AsNoTracking() on g.ConsultationId equals c.Id
                          where g.UserId == me && g.Status != CallGuestStatus.Removed && c.Status == ConsultationStatus.InProgress
                          orderby g.InvitedAt descending, g.Id
                          select new { g.ConsultationId, g.Id, g.Role, g.Status, c.DoctorUserId }).Take(20).ToListAsync(ct);
        var result = new List<CallInvitationView>(rows.Count);
        foreach (var r in rows)
        {
            var doctor = r.DoctorUserId is { } d ? await identity.GetDisplayNameAsync(d, ct) : null;
            result.Add(new CallInvitationView(r.ConsultationId, r.Id, doctor ?? "", GuestRoles.Name(r.Role), GuestRoles.Name(r.Status)));
        }

        return result;
    }

    public async Task<Result<CallGuestView>> AdmitAsync(Guid consultationId, Guid guestId, CancellationToken ct)
    {
        var (c, _) = await access.FindAsAsync(consultationId, [ConsultationRole.Doctor], ct, track: false);
        if (c is null)
        {
            return ConsultationErrors.NotFound;
        }

        if (c.Status != ConsultationStatus.InProgress)
        {
            return ConsultationErrors.CallClosed;
        }

        var guest = await db.CallGuests.FirstOrDefaultAsync(g => g.Id == guestId && g.ConsultationId == consultationId && g.Status != CallGuestStatus.Removed, ct);
        if (guest is null)
        {
            return ConsultationErrors.NotFound;
        }

        var admitted = guest.Admit(clock.GetUtcNow().UtcDateTime);
        if (!admitted.IsSuccess)
        {
            return admitted.Error!;
        }

        GroupCallRoom room;
        bool opened;
        try
        {
            if (await rooms.EnsureRoomAsync(consultationId, ct) is not { } ensured)
            {
                return ConsultationErrors.CallClosed;
            }

            (room, opened) = ensured;
        }
        catch (SfuUnavailableException)
        {
            return GroupCallErrors.SfuFailed;
        }

        var saved = await rooms.SaveWithRoomAsync(room, opened);
        if (!saved.IsSuccess)
        {
            return saved.Error!;
        }

        // Recorded once stored: an admission whose save failed or was refused is not in the trail as given.
        audit.Record("consultation.guest_admitted", AuditOutcome.Success, RecordType, guest.Id.ToString());

        // The consultation may have ended between the check above and this save, its closing reading the guests and the room
        // before this admission stored them: nothing else would remove the guest or destroy the room. Closing again is harmless
        // when the end's closing sees them too. The room is destroyed by its number as well: when it existed already, the end may
        // have closed its row and destroyed it just before this admission opened it again.
        if (!await InProgressAsync(consultationId, CancellationToken.None))
        {
            try
            {
                await CloseAsync(consultationId, c.PatientUserId, c.DoctorUserId, CancellationToken.None);
                await sfu.CloseRoomAsync(room.RoomId, [guest.UserId], CancellationToken.None);
            }
            catch (SfuUnavailableException e)
            {
                log.LogWarning(e, "The SFU was unavailable to close the group call of a consultation that ended while a guest was admitted");
            }

            return ConsultationErrors.CallClosed;
        }

        if (saved.Value)
        {
            await MovedToSfuAsync(consultationId);
        }

        await GuestsChangedAsync(consultationId);
        return (await ViewsAsync([guest], ct))[0];
    }

    public async Task<Result> RemoveAsync(Guid consultationId, Guid guestId, CancellationToken ct)
    {
        var (c, _) = await access.FindAsAsync(consultationId, [ConsultationRole.Doctor], ct, track: false);
        if (c is null)
        {
            return ConsultationErrors.NotFound;
        }

        var guest = await db.CallGuests.FirstOrDefaultAsync(g => g.Id == guestId && g.ConsultationId == consultationId, ct);
        if (guest is null)
        {
            return ConsultationErrors.NotFound;
        }

        guest.Remove(clock.GetUtcNow().UtcDateTime);
        db.AuditWithNextSave("consultation.guest_removed", RecordType, guest.Id.ToString());
        // Saved first: from this moment the host hands them no seat, whatever the SFU says next. What follows is not cancelled
        // with the doctor's request: a removed guest must not stay in the room because the doctor's page went away.
        await db.SaveChangesAsync(ct);
        var room = await db.CallRooms.AsNoTracking().FirstOrDefaultAsync(r => r.ConsultationId == consultationId, CancellationToken.None);
        if (room is not null)
        {
            try
            {
                await sfu.DropAsync(room.RoomId, guest.UserId, CancellationToken.None);
            }
            catch (SfuUnavailableException)
            {
                return GroupCallErrors.SfuFailed;
            }
        }

        await GuestsChangedAsync(consultationId);
        return Result.Success;
    }

    /// <summary>
    /// Tells the call's pages to leave the peer connection for the room (<c>mediaChanged</c>). It follows a committed change
    /// (a guest admitted, a recording started), so it is not cancelled with the request that made it: a page left peer-to-peer
    /// would split the call.
    /// </summary>
    public Task MovedToSfuAsync(Guid consultationId) =>
        hub.Clients.Group(CallRoster.GroupOf(consultationId)).SendAsync("mediaChanged", new { consultationId, media = "sfu" }, CancellationToken.None);

    /// <summary>
    /// The caller's seat in the SFU room when the call has moved there (null while it is peer-to-peer); <paramref name="role"/>
    /// is the caller's call role. The SFU learns of the participant here, so a seat is only ever issued to someone the host just
    /// checked. A guest removed while their seat was being issued gets <c>consultation.guest_not_admitted</c> and no seat: the
    /// seat is withdrawn again. Throws <see cref="SfuUnavailableException"/>.
    /// </summary>
    public async Task<Result<SfuSeat?>> SeatAsync(Guid consultationId, string role, CancellationToken ct)
    {
        var room = await db.CallRooms.AsNoTracking().FirstOrDefaultAsync(r => r.ConsultationId == consultationId && r.ClosedAt == null, ct);
        if (room is null)
        {
            return (SfuSeat?)null;
        }

        var me = user.RequireUserId();
        var display = await identity.GetDisplayNameAsync(me, ct) ?? role;
        var seat = await sfu.AdmitAsync(room.RoomId, me, display, ct);
        if (role != "guest")
        {
            return seat;
        }

        // The caller's admission was checked before the SFU took the seat; a removal committed in between dropped a seat that did
        // not exist yet. Checked again now that it exists: a removal committed before this read is seen here, and one committed
        // after it drops this seat itself (RemoveAsync drops after its save). Not cancelled: the seat is in the SFU already.
        if (!await IsAdmittedGuestAsync(consultationId, CancellationToken.None))
        {
            await sfu.DropAsync(room.RoomId, me, CancellationToken.None);
            return GroupCallErrors.NotAdmitted;
        }

        audit.Record("consultation.guest_joined", AuditOutcome.Success, ConsultationAccess.RecordType, consultationId.ToString());
        return seat;
    }

    /// <summary>The caller is an admitted guest of this consultation in progress (the call endpoint's third kind of participant).</summary>
    public async Task<bool> IsAdmittedGuestAsync(Guid consultationId, CancellationToken ct)
    {
        var me = user.RequireUserId();
        return await db.CallGuests.AsNoTracking().AnyAsync(g => g.ConsultationId == consultationId && g.UserId == me && g.Status == CallGuestStatus.Admitted, ct);
    }

    /// <summary>The caller was invited and not removed (but may not be admitted yet).</summary>
    public async Task<bool> IsInvitedGuestAsync(Guid consultationId, CancellationToken ct) => await MyInvitationAsync(consultationId, ct) is not null;

    private async Task<CallGuest?> MyInvitationAsync(Guid consultationId, CancellationToken ct)
    {
        var me = user.RequireUserId();
        return await db.CallGuests.FirstOrDefaultAsync(g => g.ConsultationId == consultationId && g.UserId == me && g.Status != CallGuestStatus.Removed, ct);
    }

    private Task<bool> InProgressAsync(Guid consultationId, CancellationToken ct) =>
        db.Consultations.AsNoTracking().AnyAsync(c => c.Id == consultationId && c.Status == ConsultationStatus.InProgress, ct);

    /// <summary>Tells the call's pages that its guests changed; after a commit, so never cancelled with the request that changed them.</summary>
    private Task GuestsChangedAsync(Guid consultationId) =>
        hub.Clients.Group(CallRoster.GroupOf(consultationId)).SendAsync("guestsChanged", new { consultationId }, CancellationToken.None);

    private async Task<List<CallGuestView>> ViewsAsync(IReadOnlyList<CallGuest> guests, CancellationToken ct)
    {
        var views = new List<CallGuestView>(guests.Count);
        foreach (var g in guests)
        {
            views.Add(new CallGuestView(g.Id, await identity.GetDisplayNameAsync(g.UserId, ct) ?? "", GuestRoles.Name(g.Role), GuestRoles.Name(g.Status), g.InvitedAt));
        }

        return views;
    }

    /// <summary>
    /// After the consultation ended: every guest is removed, the room closed and destroyed in the SFU with all tokens withdrawn.
    /// An SFU that does not answer is logged by the caller; the room is closed here regardless (no new seat is issued).
    /// </summary>
    public async Task CloseAsync(Guid consultationId, Guid patientUserId, Guid? doctorUserId, CancellationToken ct)
    {
        List<CallGuest> guests;
        GroupCallRoom? room;
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            guests = await db.CallGuests.Where(g => g.ConsultationId == consultationId).ToListAsync(ct);
            room = await db.CallRooms.FirstOrDefaultAsync(r => r.ConsultationId == consultationId && r.ClosedAt == null, ct);
            if (guests.Count == 0 && room is null)
            {
                return;
            }

            guests.ForEach(g => g.Remove(now));
            room?.Close(now);
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // A guest knocked or was admitted as the call closed: read them again, so that the closing removes them all the same.
                db.ChangeTracker.Clear();
            }
        }

        if (room is not null)
        {
            var participants = guests.Select(g => g.UserId).Append(patientUserId).ToList();
            if (doctorUserId is { } d)
            {
                participants.Add(d);
            }

            await sfu.CloseRoomAsync(room.RoomId, participants, CancellationToken.None);
        }
    }
}
