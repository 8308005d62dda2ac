using Microsoft.Extensions.Logging;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Scheduling.Reminders;

namespace Telemed.Modules.Scheduling.Waitlist;

/// <summary>Tells a waitlisted patient, by e-mail and (if they have a phone) SMS, that a time is held for them.</summary>
internal sealed class WaitlistOfferNotice(IDirectoryModule directory, INotificationSender sender, MessageTemplates templates, ILogger<WaitlistOfferNotice> logger)
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
            await sender.SendEmailAsync(contact.Email, message.Subject, message.EmailBody, ct);
            if (!string.IsNullOrWhiteSpace(contact.Phone))
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
