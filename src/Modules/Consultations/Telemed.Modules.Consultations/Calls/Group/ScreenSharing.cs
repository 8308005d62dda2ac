using FluentValidation;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Calls.Media;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.Calls.Group;

/// <summary>Answer of <c>PUT /consultations/{id}/screen-sharing</c> and the <c>screenSharingChanged</c> event: whether the patient may share a screen.</summary>
public sealed record ScreenSharingView(bool PatientAllowed);

/// <summary>Body of <c>PUT /consultations/{id}/screen-sharing</c>; <c>patientAllowed</c> is required (a missing value is refused, not read as "no").</summary>
public sealed record ScreenSharingRequest(bool? PatientAllowed);

internal sealed class ScreenSharingRequestValidator : AbstractValidator<ScreenSharingRequest>
{
    public ScreenSharingRequestValidator() =>
        RuleFor(r => r.PatientAllowed).NotNull().WithMessage("Say whether the patient may share their screen (patientAllowed: true or false).");
}

/// <summary>
/// The doctor shares a screen whenever they like; the patient only once the doctor lets them (issue 16), and only in the SFU
/// room. Withdrawing the permission kicks the patient's screen publisher out of the room at once, so it holds even against a
/// page that ignores the event. Changes reach the call's pages as <c>screenSharingChanged</c>.
/// </summary>
internal sealed class ScreenSharing(ConsultationsDbContext db, ConsultationAccess access, ISelectiveForwardingUnit sfu, IHubContext<CallHub> hub)
{
    public static readonly Error NeedsGroupCall = Error.Conflict("consultation.screen_sharing_needs_sfu", "The patient can share a screen once the call runs through the group call server.");

    /// <summary>Errors: <c>consultation.not_found</c>, <c>consultation.call_closed</c>, <c>consultation.screen_sharing_needs_sfu</c>, <c>consultation.sfu_unavailable</c>.</summary>
    public async Task<Result<ScreenSharingView>> SetAsync(Guid consultationId, bool patientAllowed, CancellationToken ct)
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

        var room = await db.CallRooms.FirstOrDefaultAsync(r => r.ConsultationId == consultationId && r.ClosedAt == null, ct);
        if (room is null)
        {
            return NeedsGroupCall;
        }

        room.LetPatientShareScreen(patientAllowed);
        db.AuditWithNextSave(patientAllowed ? "consultation.patient_screen_allowed" : "consultation.patient_screen_withdrawn",
            ConsultationAccess.RecordType, consultationId.ToString());
        await db.SaveChangesAsync(ct);
        // Committed: neither the pages' notice nor the SFU's drop is cancelled with the doctor's request, and a failed notice
        // does not skip the drop (a withdrawn permission must take the patient's screen out of the room).
        var dropped = true;
        try
        {
            await hub.Clients.Group(CallRoster.GroupOf(consultationId)).SendAsync("screenSharingChanged", new { consultationId, patientAllowed }, CancellationToken.None);
        }
        finally
        {
            if (!patientAllowed)
            {
                dropped = await DropScreenAsync(room.RoomId, c.PatientUserId);
            }
        }

        return dropped ? new ScreenSharingView(patientAllowed) : GroupCallErrors.SfuFailed;
    }

    private async Task<bool> DropScreenAsync(long roomId, Guid patientUserId)
    {
        try
        {
            await sfu.DropScreenAsync(roomId, patientUserId, CancellationToken.None);
            return true;
        }
        catch (SfuUnavailableException)
        {
            return false;
        }
    }

    /// <summary>Whether the patient may share a screen in this consultation's call now.</summary>
    public Task<bool> PatientMayShareAsync(Guid consultationId, CancellationToken ct) =>
        db.CallRooms.AsNoTracking().AnyAsync(r => r.ConsultationId == consultationId && r.ClosedAt == null && r.PatientMayShareScreen, ct);
}
