namespace Telemed.Modules.Clinical.Protocols.VisitSummaries;

/// <summary>
/// One signed visit in the patient's list: the consultation id, when the visit started (UTC; the signing time when the
/// consultation no longer says), who signed it and the primary diagnosis title in the patient's language (null when none).
/// Whose visit: <c>PatientId</c>, and <c>PatientName</c> when it is a dependant's (a guardian's list, "for Masha"); null on the reader's own.
/// </summary>
public sealed record VisitSummaryItem(Guid ConsultationId, DateTime VisitedAt, string DoctorName, string? PrimaryDiagnosis, DateTime SignedAt, Guid PatientId,
    string? PatientName);

/// <summary>A diagnosis as the patient reads it: the ICD-10 code, its title in the patient's language, primary or not, confirmed or preliminary.</summary>
public sealed record VisitSummaryDiagnosis(string Code, string Title, bool Primary, bool Confirmed);

/// <summary>
/// The patient's visit summary: the signed protocol's patient-facing sections (diagnoses, recommendations, referrals,
/// follow-up date as yyyy-MM-dd), who signed it and when (UTC), and the signed addenda, oldest first. The history of the
/// present illness, the objective findings and the complaints section are the doctor's working notes and are not included.
/// </summary>
public sealed record VisitSummaryView(Guid ConsultationId, DateTime VisitedAt, string DoctorName, DateTime SignedAt,
    IReadOnlyList<VisitSummaryDiagnosis> Diagnoses, string Recommendations, IReadOnlyList<ProtocolReferral> Referrals, DateOnly? FollowUpOn,
    IReadOnlyList<AddendumView> Addenda);
