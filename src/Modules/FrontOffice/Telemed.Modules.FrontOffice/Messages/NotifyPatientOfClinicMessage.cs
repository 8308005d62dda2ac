using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.FrontOffice.Contracts;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.FrontOffice.Messages;

/// <summary>
/// Tells a patient by e-mail, in their language, that the clinic wrote (unless they switched message e-mails off); the e-mail carries a link to the portal and never
/// the message itself (it may name health matters). Delivered through the outbox, so a failed send is retried.
/// </summary>
internal sealed class NotifyPatientOfClinicMessage(IDirectoryModule directory, INotificationSender notifications, INotificationPreferences preferences, PublicUrls urls)
    : IIntegrationEventHandler<ClinicMessageSent>
{
    public async Task HandleAsync(ClinicMessageSent e, CancellationToken ct)
    {
        if (e.Author != ClinicMessageAuthor.Clinic || await directory.GetPatientContactAsync(e.PatientId, ct) is not { Email.Length: > 0 } contact)
        {
            return;
        }

        if (!await preferences.AllowsAsync(contact.UserId, NotificationTopics.Messages, NotificationChannel.Email, ct))
        {
            return;
        }

        // A dependant's contact is the guardian's: the link names the child (an opaque id), or the page would open the guardian's own thread.
        var link = urls.To(await directory.FindPatientIdAsync(e.PatientUserId, ct) == e.PatientId ? "/patient/clinic-messages" : $"/patient/clinic-messages?patientId={e.PatientId}");
        var (subject, body) = contact.PreferredLanguage == "ru"
            ? ("Новое сообщение от клиники — Telemed", $"Клиника отправила вам сообщение. Прочитать его можно в личном кабинете:\n{link}")
            : ("A new message from your clinic — Telemed", $"Your clinic has sent you a message. Read it in your portal:\n{link}");
        await notifications.SendEmailAsync(new EmailMessage(contact.Email, subject, body)
        {
            Subscription = new EmailSubscription(contact.UserId, NotificationTopics.Messages, contact.PreferredLanguage),
        }, ct);
    }
}
