using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.WaitingRoom;

/// <summary>What a waiting patient is told: where they are and how long it may take. No names.</summary>
public sealed record QueueUpdate(Guid ConsultationId, string Status, int? Position, int? EstimatedWaitMinutes, bool Escalated);

/// <summary>What a doctor's dashboard is told: which request changed. It re-reads the queue through the API.</summary>
public sealed record QueueChange(Guid ConsultationId, string Change);

public sealed record EscalationAlert(Guid ConsultationId, string Specialty, DateTime? WaitingSince);

/// <summary>Publishes queue changes after they are committed: doctors' dashboards, and each waiting patient's new position and estimate.</summary>
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

        var key = c.Origin == ConsultationOrigin.Booked ? new QueueKey(c.DoctorUserId, null) : new QueueKey(null, c.Specialty);
        var position = (await queues.PositionsAsync(key, ct)).GetValueOrDefault(c.Id);
        return new QueueUpdate(c.Id, ConsultationViews.StatusName(c.Status), position?.Position, position?.EstimatedWaitMinutes, c.Escalated);
    }

    /// <summary>A consultation joined, left or moved in its queue (or was taken from it).</summary>
    public async Task QueueChangedAsync(Consultation consultation, string change, CancellationToken ct = default)
    {
        var notice = new QueueChange(consultation.Id, change);
        if (consultation.Origin == ConsultationOrigin.Booked && consultation.DoctorUserId is { } doctor)
        {
            await hub.Clients.Group(WaitingRoomHub.DoctorGroup(doctor)).SendAsync("queueChanged", notice, ct);
        }
        else
        {
            await hub.Clients.Groups(WaitingRoomHub.PoolGroup(consultation.Specialty), WaitingRoomHub.EscalatedPoolGroup).SendAsync("queueChanged", notice, ct);
        }

        await hub.Clients.Group(WaitingRoomHub.ConsultationGroup(consultation.Id)).SendAsync("queueUpdated", await UpdateFor(consultation.Id, ct), ct);
        await RepositionAsync(QueueKey.Of(consultation), ct);
    }

    /// <summary>A doctor started or finished a consultation: estimates in their queue and their pools change.</summary>
    public async Task DoctorLoadChangedAsync(Guid doctorUserId, IEnumerable<string> specialties, CancellationToken ct = default)
    {
        await RepositionAsync(new QueueKey(doctorUserId, null), ct);
        foreach (var specialty in specialties.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await RepositionAsync(new QueueKey(null, specialty), ct);
        }
    }

    public Task EscalatedAsync(Consultation consultation, CancellationToken ct = default) =>
        hub.Clients.Group(WaitingRoomHub.EscalationsGroup).SendAsync("consultationEscalated",
            new EscalationAlert(consultation.Id, consultation.Specialty, consultation.EnteredWaitingAt), ct);

    private async Task RepositionAsync(QueueKey queue, CancellationToken ct)
    {
        foreach (var (id, position) in await queues.PositionsAsync(queue, ct))
        {
            await hub.Clients.Group(WaitingRoomHub.ConsultationGroup(id)).SendAsync("queueUpdated",
                new QueueUpdate(id, "waiting", position.Position, position.EstimatedWaitMinutes, position.Escalated), ct);
        }
    }
}
