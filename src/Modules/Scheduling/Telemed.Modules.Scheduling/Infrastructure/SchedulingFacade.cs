using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Scheduling.Infrastructure;

internal sealed class SchedulingFacade(SchedulingDbContext db) : ISchedulingModule
{
    public async Task EnsureWeeklyHoursAsync(Guid doctorId, Guid clinicId, IReadOnlyList<WeeklyRange> ranges, CancellationToken cancellationToken = default)
    {
        if (await db.WeeklyHours.AnyAsync(w => w.DoctorId == doctorId && w.ClinicId == clinicId, cancellationToken))
        {
            return;
        }

        db.WeeklyHours.AddRange(ranges.Select(r => new WeeklyHours
        {
            DoctorId = doctorId, ClinicId = clinicId, DayOfWeek = r.Day, StartMinute = r.Start.Hour * 60 + r.Start.Minute,
            EndMinute = r.End == TimeOnly.MaxValue ? 24 * 60 : r.End.Hour * 60 + r.End.Minute,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
