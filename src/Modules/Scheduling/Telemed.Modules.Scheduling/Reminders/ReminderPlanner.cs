using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.ClinicRules;

namespace Telemed.Modules.Scheduling.Reminders;

/// <summary>
/// Plans an appointment's reminders (every clinic offset × e-mail and SMS) in the same transaction as the booking or move.
/// The patient is sent a confirmation (or a move notice) with the same one-tap links right after that transaction, so a
/// reminder is planned only when it would tell the patient something the confirmation did not: see <see cref="ReminderRules"/>.
/// </summary>
internal sealed class ReminderPlanner(SchedulingDbContext db)
{
    public void Plan(Appointment appointment, ClinicPolicy policy, DateTime now) => db.Reminders.AddRange(For(appointment, policy, now));

    /// <summary>The reminders to plan (every offset worth planning × e-mail and SMS), not yet added to anything.</summary>
    public static IReadOnlyList<Reminder> For(Appointment appointment, ClinicPolicy policy, DateTime now)
    {
        var planned = new List<Reminder>();
        foreach (var hours in policy.ReminderOffsets.Distinct())
        {
            var due = appointment.Start.AddHours(-hours);
            if (!ReminderRules.ReminderIsWorthPlanning(due, now))
            {
                continue;
            }

            foreach (var channel in new[] { NotificationChannel.Email, NotificationChannel.Sms })
            {
                planned.Add(new Reminder { AppointmentId = appointment.Id, AppointmentStart = appointment.Start, OffsetHours = hours, Channel = channel, DueAt = due });
            }
        }

        return planned;
    }

    /// <summary>The appointment moved or ended: what has not gone out yet will not, and its old links stop working.</summary>
    public async Task WithdrawAsync(Guid appointmentId, CancellationToken ct)
    {
        await db.Reminders.Where(r => r.AppointmentId == appointmentId && r.Status == ReminderStatus.Pending).ExecuteDeleteAsync(ct);
        await db.ActionLinks.Where(l => l.AppointmentId == appointmentId && l.UsedAt == null).ExecuteDeleteAsync(ct);
    }
}

/// <summary>When reminders go out, given that every booking and move is confirmed to the patient at once.</summary>
internal static class ReminderRules
{
    /// <summary>How soon after the confirmation a reminder would only repeat it.</summary>
    public static readonly TimeSpan ConfirmationCovers = TimeSpan.FromHours(1);

    /// <summary>
    /// A reminder whose time has passed is not planned: the confirmation, sent when the visit was booked or moved, carries
    /// the same time and the same confirm/cancel links (a visit booked 47 hours ahead gets the confirmation now and the
    /// 2-hour reminder, not a late "48-hour" one). Nor is a reminder due within <see cref="ConfirmationCovers"/> of the
    /// booking (UTC instants), which would arrive on the heels of the confirmation.
    /// </summary>
    public static bool ReminderIsWorthPlanning(DateTime due, DateTime bookedAt) => due - bookedAt >= ConfirmationCovers;
}
