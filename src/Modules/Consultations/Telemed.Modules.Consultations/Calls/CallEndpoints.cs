using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Calls.Group;
using Telemed.Modules.Consultations.Calls.Media;
using Telemed.Modules.Consultations.Calls.Recording;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.Calls;

/// <summary>
/// What a participant's page needs to join the call. <c>Role</c>: caller (doctor), callee (patient) or guest. <c>Media</c>:
/// <c>peer</c> (one-to-one WebRTC, signalled through the call hub) or <c>sfu</c> (the room in <c>Sfu</c>, from the doctor's
/// first admitted guest, or the start of a recording, until the consultation ends). <c>GroupCalls</c>: the doctor may invite guests
/// (an SFU is configured). <c>Recording</c>: where recording stands and whether it is offered at all. <c>PatientMayShareScreen</c>:
/// the doctor let the patient share a screen in the room.
/// </summary>
public sealed record CallView(string CallToken, DateTime ExpiresAt, string Role, IReadOnlyList<IceServer> IceServers, string IceTransportPolicy,
    string Media, SfuSeat? Sfu, bool GroupCalls, CallRecordingState Recording, bool PatientMayShareScreen);

internal static class CallEndpoints
{
    public static void MapCallEndpoints(this IEndpointRouteBuilder consultations) =>
        consultations.MapGet("/{id:guid}/call", CallAsync).RequireAuthorization(Policies.SignedIn).WithTags("Video").WithName("GetCall").DeclaresProblems(401, 404, 409, 503);

    private static async Task<Results<Ok<CallView>, ProblemHttpResult>> CallAsync(Guid id, ICurrentUser user, ConsultationAccess access, CallTokens tokens,
        IceServers ice, GroupCalls groupCalls, CallRecordings recordings, ISelectiveForwardingUnit sfu, ScreenSharing sharing, ConsultationsDbContext db, CancellationToken ct)
    {
        var me = user.RequireUserId();
        string role;
        Consultation? c;
        if (await groupCalls.IsInvitedGuestAsync(id, ct))
        {
            if (!await groupCalls.IsAdmittedGuestAsync(id, ct))
            {
                return Problems.From(GroupCallErrors.NotAdmitted);
            }

            role = "guest";
            c = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Status == ConsultationStatus.InProgress, ct);
            if (c is null)
            {
                return Problems.From(ConsultationErrors.CallClosed);
            }
        }
        else
        {
            (c, var asRole) = await access.FindAsAsync(id, [ConsultationRole.Patient, ConsultationRole.Doctor], ct, track: false);
            if (c is null)
            {
                return Problems.From(ConsultationErrors.NotFound);
            }

            if (c.Status != ConsultationStatus.InProgress)
            {
                return Problems.From(ConsultationErrors.CallClosed);
            }

            role = asRole == ConsultationRole.Doctor ? "caller" : "callee";
        }

        SfuSeat? seat;
        try
        {
            var seated = await groupCalls.SeatAsync(id, role, ct);
            if (!seated.IsSuccess)
            {
                return Problems.From(seated.Error!);
            }

            seat = seated.Value;
        }
        catch (SfuUnavailableException)
        {
            return Problems.From(GroupCallErrors.SfuFailed);
        }

        var (token, expires) = tokens.Issue(id, me);
        return TypedResults.Ok(new CallView(token, expires, role, ice.For(me), ice.TransportPolicy, seat is null ? "peer" : "sfu", seat, sfu.Available,
            await recordings.StateAsync(c, ct), seat is not null && await sharing.PatientMayShareAsync(id, ct)));
    }
}
