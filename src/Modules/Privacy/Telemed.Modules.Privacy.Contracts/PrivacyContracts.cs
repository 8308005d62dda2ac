namespace Telemed.Modules.Privacy.Contracts;

/// <summary>The kinds of consent a patient gives or withdraws (stable codes).</summary>
public static class ConsentKinds
{
    /// <summary>Consent to medical treatment, including remote consultations.</summary>
    public const string Treatment = "treatment";

    /// <summary>Consent to the processing of personal and health data (GDPR art. 9(2)(a); 152-FZ art. 9 in Russia).</summary>
    public const string DataProcessing = "dataProcessing";

    /// <summary>Consent to recording video calls and keeping chat transcripts as recordings.</summary>
    public const string Recording = "recording";

    /// <summary>Consent to reminders and messages by e-mail and SMS.</summary>
    public const string Notifications = "notifications";

    public static readonly IReadOnlyList<string> All = [Treatment, DataProcessing, Recording, Notifications];

    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}

/// <summary>
/// Whether a patient has consented, for other modules (e.g. Consultations before recording a call, Notifications before
/// sending reminders). Consent counts only for the current text version: a newly published version asks again.
/// </summary>
public interface IConsents
{
    /// <summary>
    /// True when the patient (directory patient id) gave consent of <paramref name="kind"/> (one of <see cref="ConsentKinds"/>) to the
    /// current text version and has not withdrawn it since. False for unknown kinds and unknown patients.
    /// </summary>
    Task<bool> HasConsentAsync(Guid patientId, string kind, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when the patient's latest answer of <paramref name="kind"/> (to any text version) is a withdrawal: an explicit "no",
    /// which an opt-out purpose must honour at once. False when they never answered, gave consent, or for unknown kinds.
    /// Reads only the decision's yes/no, so asking costs no PHI read.
    /// </summary>
    Task<bool> HasWithdrawnAsync(Guid patientId, string kind, CancellationToken cancellationToken = default);

    /// <summary><see cref="HasWithdrawnAsync"/> for several patients in one read: the ones among <paramref name="patientIds"/> who withdrew.</summary>
    Task<IReadOnlySet<Guid>> WithdrawnAmongAsync(IReadOnlyCollection<Guid> patientIds, string kind, CancellationToken cancellationToken = default);
}
