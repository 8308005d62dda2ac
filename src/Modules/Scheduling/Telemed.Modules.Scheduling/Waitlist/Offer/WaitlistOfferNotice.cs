using Microsoft.Extensions.Logging;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Scheduling.Reminders;

namespace Telemed.Modules.Scheduling.Waitlist;

/// <summary>
/// Tells a waitlisted patient that a time is held for them, in their language, on each channel they want booking news on:
/// the notification centre, e-mail, and SMS (if they have a phone).
/// </summary>
internal sealed class WaitlistOfferNotice(IDirectoryModule directory, INotificationSender sender, INotificationPreferences preferences, INotificationCentre centre,
    MessageTemplates templates, ILogger<WaitlistOfferNotice> logger)
{
    public async Task TellAsync(Guid patientId, WaitlistOffer offer, string doctorName, ClinicSummary clinic, CancellationToken ct)
    {
        var contact = await directory.GetPatientContactAsync(patientId, ct);
        if (contact is null)
        {
            return;
        }

        var message = templates.WaitlistOffer(contact.PreferredLanguage, doctorName, clinic, offer.Start, offer.ExpiresAt, offer.Kind);
        try
        {
            var zone = ClinicTimeZone.Find(clinic.TimeZone);
            await centre.WaitlistOfferAsync(contact.UserId, doctorName, TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(offer.Start, DateTimeKind.Utc), zone),
                "/patient/appointments", offer.Id, ct);
            var possible = string.IsNullOrWhiteSpace(contact.Phone) ? [NotificationChannel.Email] : new[] { NotificationChannel.Email, NotificationChannel.Sms };
            var allowed = await preferences.AllowedChannelsAsync(contact.UserId, NotificationTopics.Bookings, possible, ct);
            if (allowed.Contains(NotificationChannel.Email))
            {
                await sender.SendEmailAsync(new EmailMessage(contact.Email, message.Subject, message.EmailBody)
                {
                    Subscription = new EmailSubscription(contact.UserId, NotificationTopics.Bookings, contact.PreferredLanguage),
                }, ct);
            }

            if (allowed.Contains(NotificationChannel.Sms))
            {
                await sender.SendSmsAsync(contact.Phone, message.SmsBody, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The offer stands and shows in the patient's app; a failed message must not undo it.
            logger.LogWarning("Waitlist offer {OfferId} could not be sent: {Error}", offer.Id, ex.GetType().Name);
        }
    }
}
