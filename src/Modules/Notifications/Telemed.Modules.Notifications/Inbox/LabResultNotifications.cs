using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Notifications.Contracts;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>
/// Lab results: a report with a critical value alerts the ordering doctor at once (in-app, pushed live on
/// /hubs/notifications, linking to the review page); a released report tells the patient (or the guardian holding the
/// profile) that results are ready; a report the lab withdrew after it was stored tells the ordering doctor (linking to it), saying
/// whether the patient had seen it, so the doctor can tell them. Titles name no test and no value. Idempotent per (event, recipient).
/// </summary>
internal sealed class LabResultNotifications(NotificationInbox inbox, IDirectoryModule directory, IRecipientLanguage identity)
    : IIntegrationEventHandler<LabResultReceived>, IIntegrationEventHandler<LabResultReleased>, IIntegrationEventHandler<LabResultWithdrawn>
{
    public async Task HandleAsync(LabResultWithdrawn e, CancellationToken ct)
    {
        var language = await identity.GetPreferredLanguageAsync(e.DoctorUserId, ct);
        await inbox.DeliverAsync(e.DoctorUserId, NotificationKinds.Result, LabTitles.Withdrawn(language, e.WasReleased), $"/doctor/lab-results/{e.ReportId}",
            e.EventId, ct);
    }

    public async Task HandleAsync(LabResultReceived e, CancellationToken ct)
    {
        if (e.CriticalValueCount == 0)
        {
            return;
        }

        var language = await identity.GetPreferredLanguageAsync(e.DoctorUserId, ct);
        await inbox.DeliverAsync(e.DoctorUserId, NotificationKinds.Result, LabTitles.Critical(language), $"/doctor/lab-results/{e.ReportId}", e.EventId, ct);
    }

    public async Task HandleAsync(LabResultReleased e, CancellationToken ct)
    {
        if (await directory.GetPatientContactAsync(e.PatientId, ct) is { } patient)
        {
            await inbox.DeliverAsync(patient.UserId, NotificationKinds.Result, LabTitles.Released(patient.PreferredLanguage), "/patient/lab-results", e.EventId, ct);
        }
    }
}

/// <summary>The lab notifications' titles in <c>en</c> or <c>ru</c>; no test names, no values.</summary>
internal static class LabTitles
{
    public static string Critical(string? language) => LanguagePreference.IsRussian(language)
        ? "Критическое значение в результатах анализов"
        : "Critical value in lab results";

    /// <summary>The lab withdrew a stored report; <paramref name="wasReleased"/>: the patient had been shown it.</summary>
    public static string Withdrawn(string? language, bool wasReleased) => (LanguagePreference.IsRussian(language), wasReleased) switch
    {
        (true, true) => "Лаборатория отозвала результаты анализов, которые пациент уже видел",
        (true, false) => "Лаборатория отозвала результаты анализов",
        (false, true) => "The lab withdrew lab results the patient has already seen",
        (false, false) => "The lab withdrew lab results",
    };

    public static string Released(string? language) => LanguagePreference.IsRussian(language)
        ? "Результаты анализов готовы"
        : "Your lab results are ready";
}
