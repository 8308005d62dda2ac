using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Consultations.WaitingRoom;

namespace Telemed.Modules.Consultations.Calls;

public sealed record JoinedCall(string Role, bool PeerPresent);

public sealed record Signal(string Kind, string Payload);

/// <summary>
/// WebRTC signaling for one-to-one calls. Only the consultation's two participants may join, only with their
/// call token and only while it is in progress; signals go to the other participant and nobody else.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
internal sealed class CallHub(ConsultationsDbContext db, CallTokens tokens, CallRoster roster) : Hub
{
    public const string Path = "/hubs/call";
    private const int MaxPayloadChars = 64 * 1024;
    private static readonly HashSet<string> SignalKinds = ["offer", "answer", "candidate", "bye"];

    public async Task<JoinedCall> JoinCall(Guid consultationId, string callToken)
    {
        var me = HubCaller.UserId(Context);
        var role = await RoleInOpenCallAsync(consultationId, me) ?? throw new HubException("You cannot join this call.");
        if (!tokens.IsValid(callToken, consultationId, me))
        {
            throw new HubException("You cannot join this call.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, CallRoster.GroupOf(consultationId), Context.ConnectionAborted);
        var peerPresent = roster.Join(consultationId, Context.ConnectionId, role);
        await Clients.OthersInGroup(CallRoster.GroupOf(consultationId)).SendAsync("peerJoined", new { role }, Context.ConnectionAborted);
        return new JoinedCall(role, peerPresent);
    }

    /// <summary>Signaling happens while a person is in a call: it counts as activity.</summary>
    [CountsAsActivity]
    public async Task SendSignal(Guid consultationId, string kind, string payload)
    {
        if (!roster.IsIn(consultationId, Context.ConnectionId) || await RoleInOpenCallAsync(consultationId, HubCaller.UserId(Context)) is null)
        {
            throw new HubException("You are not in this call.");
        }

        if (!SignalKinds.Contains(kind) || payload is null || payload.Length > MaxPayloadChars)
        {
            throw new HubException("That is not a signaling message.");
        }

        await Clients.OthersInGroup(CallRoster.GroupOf(consultationId)).SendAsync("signal", new Signal(kind, payload), Context.ConnectionAborted);
    }

    public Task LeaveCall(Guid consultationId) => LeaveAsync();

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

    /// <summary>"caller" for the doctor, "callee" for the patient; null when the call is closed to this user.</summary>
    private async Task<string?> RoleInOpenCallAsync(Guid consultationId, Guid userId)
    {
        var c = await db.Consultations.AsNoTracking().Where(x => x.Id == consultationId)
            .Select(x => new { x.Status, x.PatientUserId, x.DoctorUserId }).FirstOrDefaultAsync(Context.ConnectionAborted);
        if (c is null || c.Status != ConsultationStatus.InProgress)
        {
            return null;
        }

        return c.DoctorUserId == userId ? "caller" : c.PatientUserId == userId ? "callee" : null;
    }
}
