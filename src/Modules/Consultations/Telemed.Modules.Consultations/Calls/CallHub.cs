using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Consultations.WaitingRoom;

namespace Telemed.Modules.Consultations.Calls;

public sealed record JoinedCall(string Role, bool PeerPresent);

public sealed record Signal(string Kind, string Payload);

/// <summary>
/// WebRTC signaling for one-to-one calls. Only the consultation's two participants may join, only with their
/// call token and only while it is in progress; signals go to the other participant and nobody else. Anyone else is
/// told the consultation does not exist (<c>consultation.not_found</c>, as for an unknown id) and the refusal is audited.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class CallHub(ConsultationsDbContext db, CallTokens tokens, CallRoster roster, VideoProposals proposals, AuditScope audit) : Hub
{
    public const string Path = "/hubs/call";
    private const int MaxPayloadChars = 64 * 1024;
    private static readonly HashSet<string> SignalKinds = ["offer", "answer", "candidate", "bye"];
    private static readonly Error BadToken = Error.Forbidden("consultation.call_token_invalid", "This call link is not valid any more; open the call again.");
    private static readonly Error NotInCall = Error.Validation("consultation.not_in_call", "Join the call first.");
    private static readonly Error NotASignal = Error.Validation("consultation.not_a_signal", "That is not a signaling message.");

    public async Task<JoinedCall> JoinCall(Guid consultationId, string callToken)
    {
        var me = HubCaller.UserId(Context);
        var role = await RoleInOpenCallAsync(consultationId, me);
        if (!tokens.IsValid(callToken, consultationId, me))
        {
            throw HubErrors.From(BadToken);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, CallRoster.GroupOf(consultationId), Context.ConnectionAborted);
        var peerPresent = await roster.JoinAsync(consultationId, Context.ConnectionId, role);
        await Clients.OthersInGroup(CallRoster.GroupOf(consultationId)).SendAsync("peerJoined", new { role }, Context.ConnectionAborted);
        return new JoinedCall(role, peerPresent);
    }

    /// <summary>
    /// WebRTC signalling: offers, answers and ICE candidates that the browser sends by itself (renegotiation, ICE restarts
    /// after a network change), so it is not a person's action and does not extend the session (issue 11, item 9's kind).
    /// The access decision is the one <see cref="JoinCall"/> made for this connection, kept in the roster: the roster drops
    /// the connection when the call ends (on every host) and when the connection closes (sign-out and revocation close it),
    /// so a signal costs no database read — a call's set-up sends dozens of ICE candidates. A connection not in the call is
    /// refused with the reason the database gives (<c>consultation.not_found</c>, <c>consultation.call_closed</c>), else
    /// <c>consultation.not_in_call</c>.
    /// </summary>
    public async Task SendSignal(Guid consultationId, string kind, string payload)
    {
        if (!roster.IsIn(consultationId, Context.ConnectionId))
        {
            _ = await RoleInOpenCallAsync(consultationId, HubCaller.UserId(Context));
            throw HubErrors.From(NotInCall);
        }

        if (!SignalKinds.Contains(kind) || payload is null || payload.Length > MaxPayloadChars)
        {
            throw HubErrors.From(NotASignal);
        }

        await Clients.OthersInGroup(CallRoster.GroupOf(consultationId)).SendAsync("signal", new Signal(kind, payload), Context.ConnectionAborted);
    }

    public Task LeaveCall(Guid consultationId) => LeaveAsync();

    /// <summary>
    /// A participant's page of a chat consultation listens for proposals to switch to video (<c>videoProposed</c>,
    /// <c>videoAnswered</c>) and learns the current state. Errors as for <see cref="JoinCall"/> (no call token needed: no media flows).
    /// </summary>
    public async Task<ChatCallState> WatchCall(Guid consultationId)
    {
        _ = await RoleInOpenCallAsync(consultationId, HubCaller.UserId(Context));
        var kind = await db.Consultations.AsNoTracking().Where(x => x.Id == consultationId).Select(x => x.Kind).FirstAsync(Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, VideoProposals.WatchGroupOf(consultationId), Context.ConnectionAborted);
        // The call's group also carries callEnded: a chat page learns the doctor ended the consultation.
        await Groups.AddToGroupAsync(Context.ConnectionId, CallRoster.GroupOf(consultationId), Context.ConnectionAborted);
        return new ChatCallState(ConsultationViews.Camel(kind.ToString()), await proposals.ProposedByAsync(consultationId, Context.ConnectionAborted));
    }

    /// <summary>One side of a chat consultation in progress proposes video; the other is asked. Error: <c>consultation.not_a_chat</c>.</summary>
    [CountsAsActivity]
    public async Task ProposeVideo(Guid consultationId)
    {
        var side = SideOf(await RoleInOpenCallAsync(consultationId, HubCaller.UserId(Context)));
        var kind = await db.Consultations.AsNoTracking().Where(x => x.Id == consultationId).Select(x => x.Kind).FirstAsync(Context.ConnectionAborted);
        if (kind != Contracts.ConsultationKind.Chat)
        {
            throw HubErrors.From(ConsultationErrors.NotAChat);
        }

        await proposals.ProposeAsync(consultationId, side, Context.ConnectionAborted);
        // Stored: the other side is told even if the proposer's connection drops now.
        await Clients.Group(VideoProposals.WatchGroupOf(consultationId)).SendAsync("videoProposed", new VideoProposal(consultationId, side), CancellationToken.None);
    }

    /// <summary>
    /// The other side answers a proposal. Accepting makes the consultation a video call (saved and audited) and tells both pages;
    /// declining tells the proposer. Errors: <c>consultation.no_video_proposal</c> (none open, or one's own), <c>consultation.not_a_chat</c>.
    /// </summary>
    [CountsAsActivity]
    public async Task AnswerVideo(Guid consultationId, bool accept)
    {
        var side = SideOf(await RoleInOpenCallAsync(consultationId, HubCaller.UserId(Context)));
        if (!await proposals.TryAnswerAsync(consultationId, side, Context.ConnectionAborted))
        {
            throw HubErrors.From(ConsultationErrors.NoVideoProposal);
        }

        // The proposal is consumed (committed): the switch and the answer to the pages follow whatever the answerer's connection
        // does now, or the proposal would be gone with neither the switch nor the proposer told.
        if (accept)
        {
            var consultation = await db.Consultations.FirstAsync(x => x.Id == consultationId, CancellationToken.None);
            var switched = consultation.SwitchToVideo();
            if (!switched.IsSuccess)
            {
                throw HubErrors.From(switched.Error!);
            }

            db.AuditWithNextSave("consultation.switched_to_video", ConsultationAccess.RecordType, consultationId.ToString());
            await db.SaveChangesAsync(CancellationToken.None);
        }

        await Clients.Group(VideoProposals.WatchGroupOf(consultationId)).SendAsync("videoAnswered", new VideoAnswer(consultationId, accept), CancellationToken.None);
    }

    private static string SideOf(string callRole) => callRole == "caller" ? "doctor" : "patient";

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await LeaveAsync();
        await base.OnDisconnectedAsync(exception);
    }

    private async Task LeaveAsync()
    {
        var role = roster.Leave(Context.ConnectionId, out var consultationId);
        if (role is not null)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, CallRoster.GroupOf(consultationId));
            await Clients.OthersInGroup(CallRoster.GroupOf(consultationId)).SendAsync("peerLeft", new { role });
        }
    }

    /// <summary>
    /// "caller" for the doctor, "callee" for the patient. Throws <c>consultation.not_found</c> for an unknown id or a
    /// stranger (audited as denied) and <c>consultation.call_closed</c> for a participant when the consultation is not in progress.
    /// </summary>
    private async Task<string> RoleInOpenCallAsync(Guid consultationId, Guid userId)
    {
        var c = await db.Consultations.AsNoTracking().Where(x => x.Id == consultationId)
            .Select(x => new { x.Status, x.PatientUserId, x.DoctorUserId }).FirstOrDefaultAsync(Context.ConnectionAborted)
            ?? throw HubErrors.From(ConsultationErrors.NotFound);
        var role = c.DoctorUserId == userId ? "caller" : c.PatientUserId == userId ? "callee" : null;
        if (role is null)
        {
            audit.RecordDenied(ConsultationAccess.RecordType, consultationId, "not a participant of the call");
            throw HubErrors.From(ConsultationErrors.NotFound);
        }

        return c.Status == ConsultationStatus.InProgress ? role : throw HubErrors.From(ConsultationErrors.CallClosed);
    }
}
