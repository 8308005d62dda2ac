using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Scheduling.FrontDesk;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Appointments;

/// <summary>Confirm, check in, complete, no-show: a state change the appointment guards itself, with nothing to reserve or free.</summary>
internal sealed class ChangeAppointmentStatus(SchedulingDbContext db, FrontDeskFeed feed, TimeProvider clock)
{
    /// <summary>Runs <paramref name="transition"/> (one of the appointment's methods) at the current UTC instant; returns its error (409) unchanged.</summary>
    public async Task<Result<Appointment>> RunAsync(Appointment appointment, Func<Appointment, DateTime, Result> transition, CancellationToken ct)
    {
        var changed = transition(appointment, clock.GetUtcNow().UtcDateTime);
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        await db.SaveChangesAsync(ct);
        await feed.PublishAsync(appointment);
        return appointment;
    }
}
