using Microsoft.Extensions.Logging;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Feedback.Contracts;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Records.Contracts;

namespace Telemed.Modules.Privacy.Erasure;

/// <summary>
/// The steps of carrying out an erasure, in order, each owned by the module whose data it removes and each idempotent, so a request
/// that failed half-way is resumed by running the unfinished ones again. The patient is told (by e-mail, to the address still on the
/// account) before the contact details and the account go.
/// </summary>
internal sealed class ErasureSteps(IRecordsPrivacy records, IReviewPrivacy reviews, INotificationHistoryErasure notifications, IPatientContactErasure contacts, IAccountClosure accounts,
    IIdentityModule identity, INotificationSender sender, ILogger<ErasureSteps> logger)
{
    public const string Documents = "documents";
    public const string Reviews = "reviews";
    public const string NotificationHistory = "notificationHistory";
    public const string Answer = "answer";
    public const string ContactDetails = "contactDetails";
    public const string Account = "account";

    public static readonly IReadOnlyList<string> InOrder = [Documents, Reviews, NotificationHistory, Answer, ContactDetails, Account];

    /// <summary>Runs one step for <paramref name="request"/>; throws when the owning module fails (the caller records the failed step).</summary>
    public async Task RunAsync(string step, ErasureRequest request, CancellationToken ct)
    {
        switch (step)
        {
            case Documents:
                await records.EraseUploadedDocumentsAsync(request.PatientId, ct);
                break;
            case Reviews:
                await reviews.EraseReviewsOfAsync(request.PatientId, ct);
                break;
            case NotificationHistory:
                await notifications.EraseHistoryOfAsync(request.PatientUserId, ct);
                break;
            case Answer:
                await TellThePatientAsync(request, ct);
                break;
            case ContactDetails:
                await contacts.EraseContactDetailsAsync(request.PatientId, ct);
                break;
            case Account:
                await accounts.CloseForErasureAsync(request.PatientUserId, ct);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step));
        }
    }

    private async Task TellThePatientAsync(ErasureRequest request, CancellationToken ct)
    {
        var email = await identity.GetEmailAsync(request.PatientUserId, ct);
        if (string.IsNullOrWhiteSpace(email) || email.EndsWith("@erased.invalid", StringComparison.Ordinal))
        {
            logger.LogWarning("Erasure request {RequestId}: the account has no address to tell the patient at", request.Id);
            return;
        }

        var language = await identity.GetPreferredLanguageAsync(request.PatientUserId, ct) ?? "en";
        var (subject, body) = ErasureAnswer.Email(request.Kept, language);
        await sender.SendEmailAsync(email, subject, body, ct);
    }
}
