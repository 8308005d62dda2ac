using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.Modules.Consultations.OnCall;

/// <summary>The on-demand queue and the duty roster as counts for the admin's home page; reads no record's content.</summary>
internal sealed class OnCallFiguresReader(ConsultationsDbContext db) : IOnCallFigures
{
    /// <summary>A request waits from when it entered the waiting room (its creation when it has not recorded that).</summary>
    public async Task<OnDemandQueueFigures> OnDemandQueueAsync(CancellationToken cancellationToken = default)
    {
        var since = await db.Consultations.AsNoTracking()
            .Where(c => c.Origin == ConsultationOrigin.OnDemand && c.Status == ConsultationStatus.Waiting)
            .Select(c => c.EnteredWaitingAt ?? c.CreatedAt).ToListAsync(cancellationToken);
        return new OnDemandQueueFigures(since.Count, since.Count == 0 ? null : DateTime.SpecifyKind(since.Min(), DateTimeKind.Utc));
    }

    public async Task<int> CountDoctorsOnDutyAsync(IReadOnlyCollection<Guid>? doctorIds, CancellationToken cancellationToken = default)
    {
        var onDuty = db.Duty.AsNoTracking().Where(d => d.OnDuty);
        if (doctorIds is not null)
        {
            var ids = doctorIds.ToList();
            onDuty = onDuty.Where(d => ids.Contains(d.DoctorId));
        }

        return await onDuty.CountAsync(cancellationToken);
    }
}
