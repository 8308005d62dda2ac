using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Pharmacy.Contracts;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>
/// Tells the patient (or, for a dependent, the guardian whose account holds the profile) and the prescriber, in their
/// own language and live over /hubs/notifications, where a prescription stands at the pharmacy: sent, dispensed in full
/// or in part, declined. Titles name no medicine and no reason. Idempotent: one notification per (event, recipient).
/// </summary>
internal sealed class DispensingNotifications(NotificationInbox inbox, IDirectoryModule directory, IRecipientLanguage identity) :
    IIntegrationEventHandler<PrescriptionSentToPharmacy>, IIntegrationEventHandler<PrescriptionDispensed>, IIntegrationEventHandler<PrescriptionDeclined>
{
    public Task HandleAsync(PrescriptionSentToPharmacy e, CancellationToken ct) =>
        DeliverAsync(e.PrescriptionId, e.PatientId, e.PrescriberUserId, e.EventId, DispensingTitles.Sent, prescriberToo: false, ct);

    public Task HandleAsync(PrescriptionDispensed e, CancellationToken ct) =>
        DeliverAsync(e.PrescriptionId, e.PatientId, e.PrescriberUserId, e.EventId,
            e.Completeness == "full" ? DispensingTitles.Dispensed : DispensingTitles.PartiallyDispensed, prescriberToo: true, ct);

    public Task HandleAsync(PrescriptionDeclined e, CancellationToken ct) =>
        DeliverAsync(e.PrescriptionId, e.PatientId, e.PrescriberUserId, e.EventId, DispensingTitles.Declined, prescriberToo: true, ct);

    private async Task DeliverAsync(Guid prescriptionId, Guid patientId, Guid prescriberUserId, Guid eventId, Func<string?, string> title, bool prescriberToo,
        CancellationToken ct)
    {
        if (await directory.GetPatientContactAsync(patientId, ct) is { } patient)
        {
            await inbox.DeliverAsync(patient.UserId, NotificationKinds.Prescription, title(patient.PreferredLanguage), $"/patient/prescriptions/{prescriptionId}", eventId, ct);
        }

        if (prescriberToo)
        {
            var language = await identity.GetPreferredLanguageAsync(prescriberUserId, ct);
            await inbox.DeliverAsync(prescriberUserId, NotificationKinds.Prescription, title(language), $"/doctor/prescriptions/{prescriptionId}", eventId, ct);
        }
    }
}

/// <summary>The dispensing notifications' titles in <c>en</c> or <c>ru</c>; no medicine, no reason.</summary>
internal static class DispensingTitles
{
    public static string Sent(string? language) => LanguagePreference.IsRussian(language)
        ? "Рецепт отправлен в аптеку"
        : "Your prescription was sent to the pharmacy";

    public static string Dispensed(string? language) => LanguagePreference.IsRussian(language)
        ? "Рецепт отпущен в аптеке"
        : "A prescription was dispensed at the pharmacy";

    public static string PartiallyDispensed(string? language) => LanguagePreference.IsRussian(language)
        ? "Рецепт отпущен в аптеке частично"
        : "A prescription was partly dispensed at the pharmacy";

    public static string Declined(string? language) => LanguagePreference.IsRussian(language)
        ? "Аптека отказала в отпуске по рецепту"
        : "The pharmacy declined to dispense a prescription";
}
