using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>Counts appointments by status for the admin's home page; reads statuses only, never a record.</summary>
internal sealed class VisitFiguresReader(SchedulingDbContext db) : IVisitFigures
{
    public async Task<VisitCounts> CountVisitsAsync(Guid? clinicId, DateTime fromUtc, DateTime untilUtc, CancellationToken cancellationToken = default)
    {
        var query = db.Appointments.AsNoTracking().Where(a => a.Start >= fromUtc && a.Start < untilUtc);
        if (clinicId is { } clinic)
        {
            query = query.Where(a => a.ClinicId == clinic);
        }

        var byStatus = await query.GroupBy(a => a.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(params AppointmentStatus[] statuses) => byStatus.Where(s => statuses.Contains(s.Status)).Sum(s => s.Count);
        return new VisitCounts(
            Booked: Count(AppointmentStatus.Booked, AppointmentStatus.Confirmed, AppointmentStatus.CheckedIn),
            Completed: Count(AppointmentStatus.Completed),
            Cancelled: Count(AppointmentStatus.Cancelled),
            NoShows: Count(AppointmentStatus.NoShow));
    }
}
