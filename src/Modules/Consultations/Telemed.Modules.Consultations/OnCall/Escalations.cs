using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;
using Telemed.Modules.Consultations.Visits.End;
using Telemed.Modules.Consultations.WaitingRoom;

namespace Telemed.Modules.Consultations.OnCall;

/// <summary>
/// Requests nobody answers: an on-demand request left unaccepted is offered to every on-duty doctor and the
/// front desk is alerted; a booked patient whose doctor never came is released when the appointment ends.
/// </summary>
internal sealed class Escalations(ConsultationsDbContext db, WaitingRoomFeed feed, FailConsultation fail, AuditScope audit,
    IOptions<ConsultationsOptions> options, TimeProvider clock)
{
    public async Task<int> EscalateUnansweredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var threshold = now.AddSeconds(-options.Value.OnCall.EscalateAfterSeconds);
        var due = await db.Consultations.Where(c => c.Status == ConsultationStatus.Waiting && c.Origin == ConsultationOrigin.OnDemand && c.DoctorUserId == null
            && !c.Escalated && c.EnteredWaitingAt <= threshold).ToListAsync(ct);
        foreach (var consultation in due)
        {
            consultation.Escalate(now);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A doctor accepted it a moment ago: nothing left to escalate.
                db.Entry(consultation).State = EntityState.Detached;
                continue;
            }

            audit.Record("consultation.escalated", AuditOutcome.Success, ConsultationAccess.RecordType, consultation.Id.ToString());
            await feed.QueueChangedAsync(consultation, "updated");
            await feed.EscalatedAsync(consultation);
        }

        return due.Count;
    }

    public async Task<int> ReleaseAbandonedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var abandoned = await db.Consultations.Where(c => c.Status == ConsultationStatus.Waiting && c.Origin == ConsultationOrigin.Booked
            && c.WindowEnd != null && c.WindowEnd <= now).ToListAsync(ct);
        foreach (var consultation in abandoned)
        {
            await fail.HandleAsync(consultation, ConsultationRole.Doctor, new FailRequest(FailureReason.DoctorAbsent, "The appointment ended before the doctor joined."), ct);
        }

        return abandoned.Count;
    }
}
