namespace Telemed.Modules.Clinical.Contracts;

/// <summary>
/// One signed clinical entry of a patient for the record timeline: <paramref name="Kind"/> is "protocol", "diagnosis" (one per
/// diagnosis of a signed protocol; the title is "CODE Title", the status its certainty) or "prescription" (the medicine; the
/// status a <see cref="PrescriptionStatuses"/> value). <paramref name="OccurredAt"/> is when it was signed (UTC).
/// </summary>
public sealed record ClinicalHistoryItem(string Kind, Guid Id, DateTime OccurredAt, string Title, string? Detail, string Status, Guid ConsultationId);

/// <summary>The clinical module's signed history of a patient, for the records module's timeline. Drafts are never included.</summary>
public interface IClinicalHistory
{
    /// <summary>The patient's signed protocols, their diagnoses, and signed prescriptions, any order. No access check: the caller has made it.</summary>
    Task<IReadOnlyList<ClinicalHistoryItem>> HistoryOfAsync(Guid patientId, CancellationToken cancellationToken = default);
}
