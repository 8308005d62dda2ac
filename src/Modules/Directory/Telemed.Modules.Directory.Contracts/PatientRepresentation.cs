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

    /// <summary>
    /// Every patient the account <paramref name="userId"/> acts for, as its lists show them (<c>/me/prescriptions</c>,
    /// <c>/me/lab-orders</c>, …): its own record first when it has one, then the dependants it is a guardian of (oldest link first),
    /// each with its display name ("Masha Fedorova") so an item can say whom it is for. Empty for an account with neither. The same
    /// rule as <see cref="ActsForAsync"/>: a patient is listed exactly when <see cref="ActsForAsync"/> is true for it. Reading the
    /// names is audited as the directory audits every name read; the caller audits the items it then reads.
    /// </summary>
    Task<IReadOnlyList<RepresentedPatient>> RepresentedAsync(Guid userId, CancellationToken cancellationToken = default);
}

/// <summary>
/// A patient an account acts for (<see cref="IPatientRepresentation.RepresentedAsync"/>): the patient's id, display name and whether
/// it is the account's own record (false for a dependant).
/// </summary>
public sealed record RepresentedPatient(Guid PatientId, string DisplayName, bool IsOwn);
