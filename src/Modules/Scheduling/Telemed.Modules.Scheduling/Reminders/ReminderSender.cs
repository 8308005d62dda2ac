using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.BuildingBlocks.Telemetry;

namespace Telemed.Modules.Scheduling.Reminders;

/// <summary>
/// Sends the reminders that are due. Plans live in the database, so nothing is lost to a restart:
/// what came due while the host was down goes out when it is back, if the appointment is still
/// ahead and no later reminder has come due too. Each reminder is claimed by a conditional update
/// before it is sent, so it goes out at most once, even with several hosts; a send interrupted by a
/// crash is marked failed rather than repeated.
/// </summary>
internal sealed class ReminderSender(SchedulingDbContext db, IDirectoryModule directory, INotificationSender sender, INotificationPreferences preferences, ActionLinks links,
    MessageTemplates templates, ScheduleReader schedules, TimeProvider clock, ILogger<ReminderSender> logger)
{
    public const int MaxAttempts = 3;
    private static readonly TimeSpan InterruptedAfter = TimeSpan.FromMinutes(10);

    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var interruptedBefore = now - InterruptedAfter;
        await db.Reminders.Where(r => r.Status == ReminderStatus.Sending && r.ClaimedAt < interruptedBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Failed).SetProperty(r => r.LastError, "interrupted"), ct);

        var due = await db.Reminders.AsNoTracking().Where(r => r.Status == ReminderStatus.Pending && r.DueAt <= now)
            .OrderBy(r => r.DueAt).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var reminder in due)
        {
            if (await SendOneAsync(reminder, due, now, ct))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> SendOneAsync(Reminder reminder, IReadOnlyList<Reminder> due, DateTime now, CancellationToken ct)
    {
        var claimed = await db.Reminders.Where(r => r.Id == reminder.Id && r.Status == ReminderStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ReminderStatus.Sending).SetProperty(r => r.ClaimedAt, now).SetProperty(r => r.Attempts, r => r.Attempts + 1), ct);
        if (claimed == 0)
        {
            return false;
        }

        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == reminder.AppointmentId, ct);
        var superseded = due.Any(other => other.AppointmentId == reminder.AppointmentId && other.Channel == reminder.Channel && other.OffsetHours < reminder.OffsetHours);
        var skip = appointment is null ? "appointment gone"
            : !appointment.IsOpen || appointment.Start != reminder.AppointmentStart ? "appointment changed"
            : appointment.Start <= now ? "too late"
            : superseded ? "superseded" : null;
        if (skip is not null)
        {
            await FinishAsync(reminder.Id, ReminderStatus.Skipped, skip, null, ct);
            return false;
        }

        var contact = await directory.GetPatientContactAsync(appointment!.PatientId, ct);
        var address = contact is null ? null : reminder.Channel == NotificationChannel.Email ? contact.Email : contact.Phone;
        if (string.IsNullOrWhiteSpace(address))
        {
            await FinishAsync(reminder.Id, ReminderStatus.Skipped, "no address", null, ct);
            return false;
        }

        if (!await preferences.AllowsAsync(contact!.UserId, NotificationTopics.Reminders, reminder.Channel, ct))
        {
            await FinishAsync(reminder.Id, ReminderStatus.Skipped, "switched off", null, ct);
            return false;
        }

        var doctor = await schedules.DoctorAsync(appointment.DoctorId, ct);
        var clinic = (await schedules.ClinicsAsync(ct)).GetValueOrDefault(appointment.ClinicId) ?? new ClinicSummary(appointment.ClinicId, "", "", "UTC");
        var confirmUrl = links.Issue(appointment.Id, LinkAction.Confirm, appointment.Start, now);
        var cancelUrl = links.Issue(appointment.Id, LinkAction.Cancel, appointment.Start, now);
        await db.SaveChangesAsync(ct);
        var message = templates.Reminder(contact!.PreferredLanguage, doctor?.DisplayName ?? "", clinic, appointment.Start, appointment.Kind, confirmUrl, cancelUrl);
        try
        {
            if (reminder.Channel == NotificationChannel.Email)
            {
                await sender.SendEmailAsync(address, message.Subject, message.EmailBody, ct);
            }
            else
            {
                await sender.SendSmsAsync(address, message.SmsBody, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var retry = reminder.Attempts + 1 < MaxAttempts;
            logger.LogWarning("Reminder {ReminderId} ({Channel}) was not delivered: {Error}; {Next}", reminder.Id, reminder.Channel, ex.GetType().Name,
                retry ? "will retry" : "giving up");
            await FinishAsync(reminder.Id, retry ? ReminderStatus.Pending : ReminderStatus.Failed, ex.GetType().Name, null, ct);
            // Each failed attempt counts (a retry that then succeeds counts once more as sent): the alert watches the ratio.
            Count(reminder, "failed");
            return false;
        }

        await FinishAsync(reminder.Id, ReminderStatus.Sent, null, now, ct);
        Count(reminder, "sent");
        return true;
    }

    private static void Count(Reminder reminder, string outcome) =>
        TelemedMetrics.Reminders.Add(1, new KeyValuePair<string, object?>("channel", reminder.Channel.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("outcome", outcome));

    private Task FinishAsync(Guid id, ReminderStatus status, string? error, DateTime? sentAt, CancellationToken ct) =>
        db.Reminders.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.LastError, error)
            .SetProperty(r => r.SentAt, sentAt), CancellationToken.None);
}
