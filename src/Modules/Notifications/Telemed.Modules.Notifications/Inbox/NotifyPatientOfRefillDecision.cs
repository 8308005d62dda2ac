using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>
/// Tells whoever asked for a refill (the patient or a guardian), in their language, that the doctor approved or declined it:
/// an in-app notification (kind <c>prescription</c>) and an e-mail with a link to the portal. Neither names the medicine nor
/// the reason (they may reveal health matters); the portal shows them. Idempotent per event and recipient for the in-app one.
/// </summary>
internal sealed class NotifyPatientOfRefillDecision(NotificationInbox inbox, IDirectoryModule directory, IRecipientLanguage identity,
    INotificationSender notifications, PublicUrls urls) : IIntegrationEventHandler<RefillRequestDecided>
{
    private const string Link = "/patient/refills";

    public async Task HandleAsync(RefillRequestDecided e, CancellationToken ct)
    {
        var patient = await directory.GetPatientContactAsync(e.PatientId, ct);
        var language = (patient?.UserId == e.PatientUserId ? patient.PreferredLanguage : null)
            ?? await identity.GetPreferredLanguageAsync(e.PatientUserId, ct) ?? "en";
        var approved = e.Status == RefillRequestStatuses.Approved;
        var title = (language, approved) switch
        {
            ("ru", true) => "Врач одобрил продление рецепта",
            ("ru", false) => "Врач отклонил запрос на продление рецепта",
            (_, true) => "Your doctor approved your refill request",
            _ => "Your doctor declined your refill request",
        };
        var delivered = await inbox.DeliverAsync(e.PatientUserId, NotificationKinds.Prescription, title, Link, e.EventId, ct);
        var to = patient?.UserId == e.PatientUserId ? patient.Email : null;
        if (!delivered || string.IsNullOrEmpty(to))
        {
            return;
        }

        var body = language == "ru" ? $"Подробности — в личном кабинете:\n{urls.To(Link)}" : $"See the details in your portal:\n{urls.To(Link)}";
        await notifications.SendEmailAsync(to, $"{title} — Telemed", body, ct);
    }
}
