using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Auditing;
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
/// <remarks>
/// Throughput: reminders come due in waves (every appointment at 09:00 has its 48-hour and 2-hour reminders due at the same
/// minute), and a provider answers each message in tens to hundreds of milliseconds. A pass used to send at most 100 reminders,
/// one after another, every 15 s: 6.7 reminders/s whatever the machine, so a clinic's morning wave went out hours late or was
/// skipped as too late. Now a pass works through batches of <see cref="BatchSize"/> until nothing is due or
/// <see cref="BatchesPerPass"/> batches are done (then the worker runs again at once); a batch's appointments, contacts and
/// channel choices are read together, its links saved together, and its messages sent up to <see cref="SendsAtOnce"/> at a time
/// (each channel keeps to its provider's limit).
/// </remarks>
internal sealed class ReminderSender(SchedulingDbContext db, IDirectoryModule directory, INotificationPreferences preferences, ActionLinks links,
    MessageTemplates templates, ScheduleReader schedules, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReminderSender> logger)
{
    public const int MaxAttempts = 3;

    /// <summary>Reminders claimed and sent together.</summary>
    public const int BatchSize = 100;

    /// <summary>Batches one pass works through before it lets the worker's other duties run (the worker then comes back at once).</summary>
    public const int BatchesPerPass = 10;

    /// <summary>Messages of a batch on their way at once; each channel also keeps to its own provider's limit.</summary>
    public const int SendsAtOnce = 64;

    private static readonly TimeSpan InterruptedAfter = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Sends what is due now, batch after batch. Returns how many went out and whether more were due when the pass stopped
    /// (<see cref="BatchesPerPass"/> reached): the caller should run again without waiting. A reminder whose send failed in this
    /// pass is retried in a later pass, not in this one.
    /// </summary>
    public async Task<ReminderPass> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var interruptedBefore = now - InterruptedAfter;
        await db.Reminders.Where(r => r.Status == ReminderStatus.Sending && r.ClaimedAt < interruptedBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReminderStatus.Failed).SetProperty(r => r.LastError, "interrupted"), ct);

        var sent = 0;
        for (var batch = 0; batch < BatchesPerPass; batch++)
        {
            // Claimed in this pass (at `now`) and released after a failure: left for the next pass.
            var due = await db.Reminders.AsNoTracking()
                .Where(r => r.Status == ReminderStatus.Pending && r.DueAt <= now && (r.ClaimedAt == null || r.ClaimedAt < now))
                .OrderBy(r => r.DueAt).ThenBy(r => r.Id).Take(BatchSize).ToListAsync(ct);
            sent += await SendBatchAsync(due, now, ct);
            db.ChangeTracker.Clear();
            if (due.Count < BatchSize)
            {
                return new ReminderPass(sent, MoreDue: false);
            }
        }

        return new ReminderPass(sent, MoreDue: true);
    }

    private async Task<int> SendBatchAsync(List<Reminder> due, DateTime now, CancellationToken ct)
    {
        var claimed = new List<Reminder>(due.Count);
        foreach (var reminder in due)
        {
            if (await db.Reminders.Where(r => r.Id == reminder.Id && r.Status == ReminderStatus.Pending).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, ReminderStatus.Sending).SetProperty(r => r.ClaimedAt, now).SetProperty(r => r.Attempts, r => r.Attempts + 1), ct) == 1)
            {
                claimed.Add(reminder);
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var appointmentIds = claimed.Select(r => r.AppointmentId).Distinct().ToList();
        var appointments = await db.Appointments.AsNoTracking().Where(a => appointmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var contacts = await directory.GetPatientContactsAsync([.. appointments.Values.Select(a => a.PatientId).Distinct()], ct);
        var allowed = await preferences.AllowedChannelsAsync([.. contacts.Values.Select(c => c.UserId).Distinct()], NotificationTopics.Reminders,
            [NotificationChannel.Email, NotificationChannel.Sms], ct);

        var skipped = new List<(Guid Id, string Reason)>();
        var outgoing = new List<(Reminder Reminder, string Address, Message Message, EmailSubscription Subscription)>(claimed.Count);
        foreach (var reminder in claimed)
        {
            var appointment = appointments.GetValueOrDefault(reminder.AppointmentId);
            var contact = appointment is null ? null : contacts.GetValueOrDefault(appointment.PatientId);
            var address = contact is null ? null : reminder.Channel == NotificationChannel.Email ? contact.Email : contact.Phone;
            var skip = appointment is null ? "appointment gone"
                : !appointment.IsOpen || appointment.Start != reminder.AppointmentStart ? "appointment changed"
                : appointment.Start <= now ? "too late"
                : Superseded(reminder, due) ? "superseded"
                : string.IsNullOrWhiteSpace(address) ? "no address"
                : !allowed.GetValueOrDefault(contact!.UserId, []).Contains(reminder.Channel) ? "switched off"
                : null;
            if (skip is not null)
            {
                skipped.Add((reminder.Id, skip));
                continue;
            }

            var doctor = await schedules.DoctorAsync(appointment!.DoctorId, ct);
            var clinic = (await schedules.ClinicsAsync(ct)).GetValueOrDefault(appointment.ClinicId) ?? new ClinicSummary(appointment.ClinicId, "", "", "UTC");
            var confirmUrl = links.Issue(appointment.Id, LinkAction.Confirm, appointment.Start, now);
            var cancelUrl = links.Issue(appointment.Id, LinkAction.Cancel, appointment.Start, now);
            outgoing.Add((reminder, address!, templates.Reminder(contact!.PreferredLanguage, doctor?.DisplayName ?? "", clinic, appointment.Start, appointment.Kind,
                confirmUrl, cancelUrl), new EmailSubscription(contact.UserId, NotificationTopics.Reminders, contact.PreferredLanguage)));
        }

        foreach (var group in skipped.GroupBy(s => s.Reason))
        {
            await FinishAsync([.. group.Select(s => s.Id)], ReminderStatus.Skipped, group.Key, null);
        }

        if (outgoing.Count == 0)
        {
            return 0;
        }

        // Every message's links in one save, before anything is sent: a link in a message must already work.
        await db.SaveChangesAsync(ct);
        var errors = new Exception?[outgoing.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, outgoing.Count), new ParallelOptions { MaxDegreeOfParallelism = SendsAtOnce, CancellationToken = ct },
            async (i, token) =>
            {
                // A scope per send: the senders are scoped (the development outbox writes through a database context of its own).
                await using var scope = scopes.CreateAsyncScope();
                var sender = scope.ServiceProvider.GetRequiredService<INotificationSender>();
                var (reminder, address, message, subscription) = outgoing[i];
                try
                {
                    if (reminder.Channel == NotificationChannel.Email)
                    {
                        await sender.SendEmailAsync(new EmailMessage(address, message.Subject, message.EmailBody) { Subscription = subscription }, token);
                    }
                    else
                    {
                        await sender.SendSmsAsync(address, message.SmsBody, token);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    errors[i] = ex;
                }

                await scope.ServiceProvider.GetRequiredService<AuditScope>().FlushAsync(scope.ServiceProvider.GetRequiredService<IAuditTrail>(), ct: token);
            });

        var delivered = new List<Guid>(outgoing.Count);
        for (var i = 0; i < outgoing.Count; i++)
        {
            var reminder = outgoing[i].Reminder;
            if (errors[i] is not { } error)
            {
                delivered.Add(reminder.Id);
                Count(reminder, "sent");
                continue;
            }

            var retry = reminder.Attempts + 1 < MaxAttempts;
            logger.LogWarning("Reminder {ReminderId} ({Channel}) was not delivered: {Error}; {Next}", reminder.Id, reminder.Channel, error.GetType().Name,
                retry ? "will retry" : "giving up");
            await FinishAsync([reminder.Id], retry ? ReminderStatus.Pending : ReminderStatus.Failed, error.GetType().Name, null);
            // Each failed attempt counts (a retry that then succeeds counts once more as sent): the alert watches the ratio.
            Count(reminder, "failed");
        }

        await FinishAsync(delivered, ReminderStatus.Sent, null, now);
        return delivered.Count;
    }

    /// <summary>A later reminder (smaller offset) of the same appointment and channel is due too: only that one goes out.</summary>
    private static bool Superseded(Reminder reminder, IReadOnlyList<Reminder> due) =>
        due.Any(other => other.AppointmentId == reminder.AppointmentId && other.Channel == reminder.Channel && other.OffsetHours < reminder.OffsetHours);

    private static void Count(Reminder reminder, string outcome) =>
        TelemedMetrics.Reminders.Add(1, new KeyValuePair<string, object?>("channel", reminder.Channel.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("outcome", outcome));

    // Not cancellable: a send happened (or was decided against), and its outcome must be written whatever the host's token does.
    private async Task FinishAsync(List<Guid> ids, ReminderStatus status, string? error, DateTime? sentAt)
    {
        if (ids.Count > 0)
        {
            await db.Reminders.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.LastError, error)
                .SetProperty(r => r.SentAt, sentAt), CancellationToken.None);
        }
    }
}

/// <summary>What a reminder pass did: messages sent, and whether reminders were still due when it stopped.</summary>
internal sealed record ReminderPass(int Sent, bool MoreDue);
