using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.WaitingRoom;

/// <summary>
/// What a waiting patient is told: where they are and how long it may take (null minutes: nobody can say; <c>NobodyOnDuty</c>:
/// no doctor of the specialty is on duty). No names.
/// </summary>
public sealed record QueueUpdate(Guid ConsultationId, string Status, int? Position, int? EstimatedWaitMinutes, bool Escalated, bool NobodyOnDuty = false);

/// <summary>What a doctor's dashboard is told: which request changed. It re-reads the queue through the API.</summary>
public sealed record QueueChange(Guid ConsultationId, string Change);

/// <summary>To the front desk: a request nobody took in time. <c>Kind</c> is <c>video</c> or <c>chat</c>; no names (the page reads them).</summary>
public sealed record EscalationAlert(Guid ConsultationId, string Specialty, DateTime? WaitingSince, string Kind);

/// <summary>
/// Publishes queue changes after they are committed: doctors' dashboards, and each waiting patient's new position and estimate.
/// Never cancelled with the request that made the change: it is stored, and the others must not keep a stale queue because the
/// caller left (closed the tab) a moment after its commit.
/// </summary>
internal sealed class WaitingRoomFeed(IHubContext<WaitingRoomHub> hub, ConsultationsDbContext db, QueueReader queues)
{
    public async Task<QueueUpdate> UpdateFor(Guid consultationId, CancellationToken ct)
    {
        var c = await db.Consultations.AsNoTracking().Where(x => x.Id == consultationId)
            .Select(x => new { x.Id, x.Status, x.Origin, x.DoctorUserId, x.Specialty, x.Escalated }).FirstAsync(ct);
        if (c.Status != ConsultationStatus.Waiting)
        {
            return new QueueUpdate(c.Id, ConsultationViews.StatusName(c.Status), null, null, c.Escalated);
        }

        var position = (await queues.PositionsAsync(QueueKey.Of(c.DoctorUserId, c.Specialty), ct)).GetValueOrDefault(c.Id);
        return new QueueUpdate(c.Id, ConsultationViews.StatusName(c.Status), position?.Position, position?.EstimatedWaitMinutes, c.Escalated,
            position?.NobodyOnDuty ?? false);
    }

    /// <summary>A consultation joined, left or moved in its queue (or was taken from it).</summary>
    public async Task QueueChangedAsync(Consultation consultation, string change)
    {
        var ct = CancellationToken.None;
        var notice = new QueueChange(consultation.Id, change);
        if (consultation.DoctorUserId is { } doctor)
        {
            await hub.Clients.Group(WaitingRoomHub.DoctorGroup(doctor)).SendAsync("queueChanged", notice, ct);
        }

        if (consultation.Origin == ConsultationOrigin.OnDemand)
        {
            // The specialty's pool sees it come, go, or be handed to one doctor; escalation never widens it to other specialties.
            await hub.Clients.Group(WaitingRoomHub.PoolGroup(consultation.Specialty)).SendAsync("queueChanged", notice, ct);
        }

        await hub.Clients.Group(WaitingRoomHub.ConsultationGroup(consultation.Id)).SendAsync("queueUpdated", await UpdateFor(consultation.Id, ct), ct);
        await RepositionAsync(QueueKey.Of(consultation), ct);
    }

    /// <summary>A doctor started or finished a consultation: estimates in their queue and their pools change.</summary>
    public async Task DoctorLoadChangedAsync(Guid doctorUserId, IEnumerable<string> specialties)
    {
        var ct = CancellationToken.None;
        await RepositionAsync(new QueueKey(doctorUserId, null), ct);
        foreach (var specialty in specialties.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await RepositionAsync(new QueueKey(null, specialty), ct);
        }
    }

    /// <summary>A request left a specialty's pool without being accepted (handed to one doctor): the others in it move up.</summary>
    public Task PoolChangedAsync(string specialty) => RepositionAsync(new QueueKey(null, specialty), CancellationToken.None);

    public Task EscalatedAsync(Consultation consultation) =>
        hub.Clients.Group(WaitingRoomHub.EscalationsGroup).SendAsync("consultationEscalated",
            new EscalationAlert(consultation.Id, consultation.Specialty, consultation.EnteredWaitingAt, ConsultationViews.Camel(consultation.Kind.ToString())), CancellationToken.None);

    private async Task RepositionAsync(QueueKey queue, CancellationToken ct)
    {
        foreach (var (id, position) in await queues.PositionsAsync(queue, ct))
        {
            await hub.Clients.Group(WaitingRoomHub.ConsultationGroup(id)).SendAsync("queueUpdated",
                new QueueUpdate(id, "waiting", position.Position, position.EstimatedWaitMinutes, position.Escalated, position.NobodyOnDuty), ct);
        }
    }
}
