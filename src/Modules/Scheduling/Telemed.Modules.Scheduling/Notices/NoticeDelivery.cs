using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Infrastructure;
using Telemed.Modules.Scheduling.Reminders;

namespace Telemed.Modules.Scheduling.Notices;

/// <summary>
/// Sends one event's notice to the patient's channels, each at most once (see <see cref="PatientNotice"/>): e-mail, and
/// SMS when the patient has a phone, each unless they switched booking news off on it; the channels side by side. A channel that
/// fails is released and the exception rethrown, so the outbox delivers the event again and only that channel is tried again.
/// </summary>
internal sealed class NoticeDelivery(SchedulingDbContext db, IDirectoryModule directory, INotificationPreferences preferences,
    IServiceScopeFactory scopes,
    TimeProvider clock, ILogger<NoticeDelivery> logger)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// At most this many of a batch's messages (a confirmation's e-mail and its SMS count as two) are being sent at once; each
    /// channel also keeps to its provider's limit
    /// (<c>Notifications:Email:MaxConnections</c>, <c>Notifications:Sms:MaxConcurrentRequests</c>). A provider takes tens to
    /// hundreds of milliseconds per message, so this, not the machine, sets how many bookings' notices go out per second: with 8
    /// (as before) and 50 ms per message, 80 bookings/s.
    /// </summary>
    public const int SendsAtOnce = 64;

    /// <param name="compose">
    /// Builds the message and its calendar file in the patient's language; called only if a channel is left to send. What it adds
    /// to the scheduling context (action links) is saved with the channels' claims, in one transaction.
    /// </param>
    public async Task SendAsync(Guid eventId, Appointment appointment, Func<string, Task<(Message Message, EmailAttachment Calendar)>> compose, CancellationToken ct)
    {
        var contact = await directory.GetPatientContactAsync(appointment.PatientId, ct);
        if (contact is null)
        {
            return;
        }

        var possible = string.IsNullOrWhiteSpace(contact.Phone) ? [NotificationChannel.Email] : new[] { NotificationChannel.Email, NotificationChannel.Sms };
        // The patient (or the guardian who receives for them) may have switched booking news off on a channel.
        var wanted = await preferences.AllowedChannelsAsync(contact.UserId, NotificationTopics.Bookings, possible, ct);
        if (wanted.Count == 0)
        {
            return;
        }

        var (channels, composed) = await ClaimAndComposeAsync(eventId, wanted, appointment.Id, () => compose(contact.PreferredLanguage), ct);
        if (channels.Count == 0)
        {
            return;
        }

        var errors = await SendSideBySideAsync([.. channels.Select(channel => (eventId, contact, channel, composed))], ct);
        var failure = errors.FirstOrDefault(e => e is not null);
        await SettleAsync(eventId, [.. channels.Where((_, k) => errors[k] is null)], [.. channels.Where((_, k) => errors[k] is not null)]);
        if (failure is not null)
        {
            throw new InvalidOperationException($"An appointment notice could not be delivered ({failure.GetType().Name}).");
        }
    }

    /// <summary>
    /// Several events' notices (a batch of bookings) as <see cref="SendAsync(Guid, Appointment, Func{string, Task{ValueTuple{Message, EmailAttachment}}}, CancellationToken)"/>
    /// sends each, with every event's claims and links saved in one transaction and the sent marks in one statement. A redelivery
    /// (claims refused) goes through the events one by one. A message that cannot be composed saves nothing and throws, and so does
    /// a channel that failed (after the others were marked sent): the outbox then delivers each event alone, which sends only what
    /// is still unclaimed or was released.
    /// </summary>
    public async Task SendAsync(IReadOnlyList<NoticeJob> jobs, CancellationToken ct)
    {
        // Who hears of each, and on which channels, read for the whole batch at once.
        var contacts = await directory.GetPatientContactsAsync([.. jobs.Select(j => j.Appointment.PatientId)], ct);
        var allowed = await preferences.AllowedChannelsAsync([.. contacts.Values.Select(c => c.UserId)], NotificationTopics.Bookings,
            [NotificationChannel.Email, NotificationChannel.Sms], ct);
        var planned = new List<(NoticeJob Job, PatientContact Contact, IReadOnlyList<NotificationChannel> Channels)>(jobs.Count);
        foreach (var job in jobs)
        {
            if (!contacts.TryGetValue(job.Appointment.PatientId, out var contact))
            {
                continue;
            }

            var wanted = allowed[contact.UserId].Where(c => c == NotificationChannel.Email || !string.IsNullOrWhiteSpace(contact.Phone)).ToList();
            if (wanted.Count > 0)
            {
                planned.Add((job, contact, wanted));
            }
        }

        if (planned.Count == 0)
        {
            return;
        }

        var composed = new List<(Message Message, EmailAttachment Calendar)>(planned.Count);
        Exception? failure = null;
        try
        {
            foreach (var (job, contact, channels) in planned)
            {
                db.PatientNotices.AddRange(channels.Select(c => new PatientNotice { EventId = job.EventId, Channel = c, AppointmentId = job.Appointment.Id, ClaimedAt = Now }));
                composed.Add(await job.Compose(contact.PreferredLanguage));
            }

            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // A redelivery (some event's channels are claimed already): each event on its own claims what is left of it.
            db.ChangeTracker.Clear();
            foreach (var job in jobs)
            {
                try
                {
                    await SendAsync(job.EventId, job.Appointment, job.Compose, ct);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    failure ??= error;
                }
            }

            if (failure is not null)
            {
                throw new InvalidOperationException($"An appointment notice could not be delivered ({failure.GetType().Name}).");
            }

            return;
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }

        var sends = planned.SelectMany((p, i) => p.Channels.Select(channel => (Job: i, Channel: channel))).ToList();
        var errors = await SendSideBySideAsync([.. sends.Select(x => (planned[x.Job].Job.EventId, planned[x.Job].Contact, x.Channel, composed[x.Job]))], ct);
        var allSent = new List<Guid>(planned.Count);
        foreach (var outcomes in Enumerable.Range(0, sends.Count).GroupBy(k => sends[k].Job))
        {
            var eventId = planned[outcomes.Key].Job.EventId;
            if (outcomes.All(k => errors[k] is null))
            {
                allSent.Add(eventId);
                continue;
            }

            await SettleAsync(eventId, [.. outcomes.Where(k => errors[k] is null).Select(k => sends[k].Channel)],
                [.. outcomes.Where(k => errors[k] is not null).Select(k => sends[k].Channel)]);
            failure ??= outcomes.Select(k => errors[k]).First(e => e is not null);
        }

        if (allSent.Count > 0)
        {
            await db.PatientNotices.Where(n => allSent.Contains(n.EventId) && n.SentAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.SentAt, Now), CancellationToken.None);
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"An appointment notice could not be delivered ({failure.GetType().Name}).");
        }
    }

    /// <summary>
    /// Sends each message on its channel, up to <see cref="SendsAtOnce"/> at a time; the error of each, null where it went out. Side
    /// by side, each channel of each confirmation on its own: a provider answers in tens of milliseconds, a batch holds up to a
    /// hundred confirmations, and a confirmation's e-mail need not wait for its SMS. Each send has a scope of its own (the
    /// development outbox writes through its own database context), and its audit records are flushed with it.
    /// </summary>
    private async Task<Exception?[]> SendSideBySideAsync(
        IReadOnlyList<(Guid EventId, PatientContact Contact, NotificationChannel Channel, (Message Message, EmailAttachment Calendar) Composed)> sends,
        CancellationToken ct)
    {
        var errors = new Exception?[sends.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sends.Count), new ParallelOptions { MaxDegreeOfParallelism = SendsAtOnce, CancellationToken = ct },
            async (k, token) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var (eventId, contact, channel, composed) = sends[k];
                errors[k] = await SendChannelAsync(scope.ServiceProvider.GetRequiredService<INotificationSender>(), eventId, contact, channel, composed, token);
                await scope.ServiceProvider.GetRequiredService<AuditScope>().FlushAsync(scope.ServiceProvider.GetRequiredService<IAuditTrail>(), ct: token);
            });
        return errors;
    }

    /// <summary>Sends the composed message on one channel; null when it went out, else the error (logged without the patient's details).</summary>
    private async Task<Exception?> SendChannelAsync(INotificationSender through, Guid eventId, PatientContact contact, NotificationChannel channel,
        (Message Message, EmailAttachment Calendar) composed, CancellationToken ct)
    {
        try
        {
            if (channel == NotificationChannel.Email)
            {
                await through.SendEmailAsync(new EmailMessage(contact.Email, composed.Message.Subject, composed.Message.EmailBody, [composed.Calendar])
                {
                    Subscription = new EmailSubscription(contact.UserId, NotificationTopics.Bookings, contact.PreferredLanguage),
                }, ct);
            }
            else
            {
                await through.SendSmsAsync(contact.Phone!, composed.Message.SmsBody, ct);
            }

            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Appointment notice {EventId} ({Channel}) was not delivered: {Error}; the outbox will retry", eventId, channel, ex.GetType().Name);
            return ex;
        }
    }

    /// <summary>Marks the channels that went out (a sent channel is never released, so never sent again) and releases the failed ones.</summary>
    private async Task SettleAsync(Guid eventId, List<NotificationChannel> sent, List<NotificationChannel> failed)
    {
        if (sent.Count > 0)
        {
            await db.PatientNotices.Where(n => n.EventId == eventId && sent.Contains(n.Channel)).ExecuteUpdateAsync(s => s.SetProperty(n => n.SentAt, Now), CancellationToken.None);
        }

        if (failed.Count > 0)
        {
            await ReleaseAsync(eventId, failed);
        }
    }

    /// <summary>
    /// The channels this call now owns, and the message composed for them. The first delivery of an event claims all of them and
    /// saves the message's links in one transaction; when that is refused (a redelivery: some channel is claimed already) each is
    /// claimed alone, and the message is composed again if any is left. Nothing stays claimed when composing fails.
    /// </summary>
    private async Task<(List<NotificationChannel> Channels, (Message Message, EmailAttachment Calendar) Composed)> ClaimAndComposeAsync(Guid eventId,
        IReadOnlyList<NotificationChannel> wanted, Guid appointmentId, Func<Task<(Message, EmailAttachment)>> compose, CancellationToken ct)
    {
        db.PatientNotices.AddRange(wanted.Select(c => new PatientNotice { EventId = eventId, Channel = c, AppointmentId = appointmentId, ClaimedAt = Now }));
        (Message, EmailAttachment) composed;
        try
        {
            composed = await compose();
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return (wanted.ToList(), composed);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
        }

        var claimed = new List<NotificationChannel>();
        foreach (var channel in wanted)
        {
            if (await ClaimAsync(eventId, channel, appointmentId, ct))
            {
                claimed.Add(channel);
            }
        }

        if (claimed.Count == 0)
        {
            return (claimed, default);
        }

        try
        {
            composed = await compose();
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            db.ChangeTracker.Clear();
            await ReleaseAsync(eventId, claimed);
            throw;
        }

        return (claimed, composed);
    }

    /// <summary>True when this call now owns (event, channel); false when another delivery of the event already has it.</summary>
    private async Task<bool> ClaimAsync(Guid eventId, NotificationChannel channel, Guid appointmentId, CancellationToken ct)
    {
        db.PatientNotices.Add(new PatientNotice { EventId = eventId, Channel = channel, AppointmentId = appointmentId, ClaimedAt = Now });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private Task ReleaseAsync(Guid eventId, IReadOnlyList<NotificationChannel> channels) =>
        db.PatientNotices.Where(n => n.EventId == eventId && channels.Contains(n.Channel) && n.SentAt == null).ExecuteDeleteAsync(CancellationToken.None);
}

/// <summary>One event's notice: the event (its id keys the channels' claims), the appointment it is about, and how to compose the message in a language.</summary>
internal sealed record NoticeJob(Guid EventId, Appointment Appointment, Func<string, Task<(Message Message, EmailAttachment Calendar)>> Compose);
