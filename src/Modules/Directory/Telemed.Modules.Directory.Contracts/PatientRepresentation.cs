namespace Telemed.Modules.Directory.Contracts;

/// <summary>
/// Whom a patient's account acts for: its own patient record, or a dependant's (a child on the account, whose guardian it is). The one
/// place that decides it: every patient-facing endpoint that names a patient (a booking for a child, consents, the clinic thread, a
/// prescription, a refill, a lab result, a payment, a review, a FHIR read) asks here instead of comparing records itself. Whether the
/// caller is signed in as a patient at all stays the caller's check. No PHI is read; both answers are cached by the directory or one
/// indexed query.
/// </summary>
public interface IPatientRepresentation
{
    /// <summary>
    /// True when the account <paramref name="userId"/> acts for the patient <paramref name="patientId"/>: it is that account's own
    /// patient record, or the account is a guardian of that patient. False for anyone else's patient, a patient whose guardian link
    /// was removed, and an unknown id. Nothing is audited: the caller records its refusal against the record it was asked for.
    /// </summary>
    Task<bool> ActsForAsync(Guid userId, Guid patientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The patient a request acts for when it may name one (<c>?patientId=</c>): the account's own patient id when
    /// <paramref name="asked"/> is null or that id, <paramref name="asked"/> when the account is its guardian. Null when the account has
    /// no patient record of its own (and asked for none but its own), or when <paramref name="asked"/> is anyone else's patient or no
    /// patient at all; that refusal is recorded in the audit trail (<c>access.denied</c>, record type <c>Patient</c>, the asked id,
    /// reason "not the patient or a guardian"). Callers answer null with their module's 404 <c>…patient_not_found</c>.
    /// </summary>
    Task<Guid?> ActingForAsync(Guid userId, Guid? asked, CancellationToken cancellationToken = default);
}
