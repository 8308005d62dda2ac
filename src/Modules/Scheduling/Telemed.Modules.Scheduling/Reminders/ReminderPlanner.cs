using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.ClinicRules;

namespace Telemed.Modules.Scheduling.Reminders;

/// <summary>Plans an appointment's reminders (every clinic offset × e-mail and SMS) in the same transaction as the booking.</summary>
internal sealed class ReminderPlanner(SchedulingDbContext db)
{
    public void Plan(Appointment appointment, ClinicPolicy policy, DateTime now)
    {
        foreach (var hours in policy.ReminderOffsets.Distinct())
        {
            var due = appointment.Start.AddHours(-hours);
            if (due <= now)
            {
                continue;   // booked later than this reminder would go out: the booking confirmation says it all
            }

            foreach (var channel in new[] { NotificationChannel.Email, NotificationChannel.Sms })
            {
                db.Reminders.Add(new Reminder { AppointmentId = appointment.Id, AppointmentStart = appointment.Start, OffsetHours = hours, Channel = channel, DueAt = due });
            }
        }
    }

    /// <summary>The appointment moved or ended: what has not gone out yet will not, and its old links stop working.</summary>
    public async Task WithdrawAsync(Guid appointmentId, CancellationToken ct)
    {
        await db.Reminders.Where(r => r.AppointmentId == appointmentId && r.Status == ReminderStatus.Pending).ExecuteDeleteAsync(ct);
        await db.ActionLinks.Where(l => l.AppointmentId == appointmentId && l.UsedAt == null).ExecuteDeleteAsync(ct);
    }
}
