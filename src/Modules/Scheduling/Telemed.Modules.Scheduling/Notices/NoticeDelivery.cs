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
/// SMS when the patient has a phone, each unless they switched booking news off on it. A channel that fails is released and the exception rethrown, so the outbox delivers the
/// event again and only that channel is tried again.
/// </summary>
internal sealed class NoticeDelivery(SchedulingDbContext db, IDirectoryModule directory, INotificationSender sender, INotificationPreferences preferences,
    IServiceScopeFactory scopes,
    TimeProvider clock, ILogger<NoticeDelivery> logger)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// At most this many of a batch's confirmations are being sent at once; each channel also keeps to its provider's limit
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

        var (sent, failed, failure) = await SendChannelsAsync(sender, eventId, contact, channels, composed, ct);
        await SettleAsync(eventId, sent, failed);
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

        // Side by side: an SMTP or SMS provider answers in tens of milliseconds, and a batch holds up to a hundred confirmations.
        // Each sender has a scope of its own (the development outbox writes through its own database context).
        var outcomes = new (List<NotificationChannel> Sent, List<NotificationChannel> Failed, Exception? Error)[planned.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, planned.Count), new ParallelOptions { MaxDegreeOfParallelism = SendsAtOnce, CancellationToken = ct },
            async (i, token) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var (job, contact, channels) = planned[i];
                outcomes[i] = await SendChannelsAsync(scope.ServiceProvider.GetRequiredService<INotificationSender>(), job.EventId, contact, channels, composed[i], token);
                await scope.ServiceProvider.GetRequiredService<AuditScope>().FlushAsync(scope.ServiceProvider.GetRequiredService<IAuditTrail>(), ct: token);
            });

        var allSent = new List<Guid>(planned.Count);
        for (var i = 0; i < planned.Count; i++)
        {
            var job = planned[i].Job;
            var (sent, failed, error) = outcomes[i];
            if (failed.Count == 0)
            {
                allSent.Add(job.EventId);
                continue;
            }

            await SettleAsync(job.EventId, sent, failed);
            failure ??= error;
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

    /// <summary>Sends the composed message on each channel; the ones that went out, the ones that failed, and the first error.</summary>
    private async Task<(List<NotificationChannel> Sent, List<NotificationChannel> Failed, Exception? Error)> SendChannelsAsync(INotificationSender through,
        Guid eventId, PatientContact contact,
        IReadOnlyList<NotificationChannel> channels, (Message Message, EmailAttachment Calendar) composed, CancellationToken ct)
    {
        Exception? failure = null;
        var sent = new List<NotificationChannel>();
        var failed = new List<NotificationChannel>();
        foreach (var channel in channels)
        {
            try
            {
                if (channel == NotificationChannel.Email)
                {
                    await through.SendEmailAsync(new EmailMessage(contact.Email, composed.Message.Subject, composed.Message.EmailBody, [composed.Calendar]), ct);
                }
                else
                {
                    await through.SendSmsAsync(contact.Phone!, composed.Message.SmsBody, ct);
                }

                sent.Add(channel);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Appointment notice {EventId} ({Channel}) was not delivered: {Error}; the outbox will retry", eventId, channel, ex.GetType().Name);
                failed.Add(channel);
                failure ??= ex;
            }
        }

        return (sent, failed, failure);
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
