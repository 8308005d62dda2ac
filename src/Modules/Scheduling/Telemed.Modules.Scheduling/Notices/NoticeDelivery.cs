using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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
    TimeProvider clock, ILogger<NoticeDelivery> logger)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

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

        Exception? failure = null;
        var sent = new List<NotificationChannel>();
        var failed = new List<NotificationChannel>();
        foreach (var channel in channels)
        {
            try
            {
                if (channel == NotificationChannel.Email)
                {
                    await sender.SendEmailAsync(new EmailMessage(contact.Email, composed.Message.Subject, composed.Message.EmailBody, [composed.Calendar]), ct);
                }
                else
                {
                    await sender.SendSmsAsync(contact.Phone!, composed.Message.SmsBody, ct);
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

        // One statement marks every channel that went out (a sent channel is never released, so never sent again).
        if (sent.Count > 0)
        {
            await db.PatientNotices.Where(n => n.EventId == eventId && sent.Contains(n.Channel)).ExecuteUpdateAsync(s => s.SetProperty(n => n.SentAt, Now), CancellationToken.None);
        }

        if (failed.Count > 0)
        {
            await ReleaseAsync(eventId, failed);
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"An appointment notice could not be delivered ({failure.GetType().Name}).");
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
