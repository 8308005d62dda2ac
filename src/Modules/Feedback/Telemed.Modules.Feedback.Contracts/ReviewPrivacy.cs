namespace Telemed.Modules.Feedback.Contracts;

/// <summary>
/// One review the patient left, for their data export: the doctor's directory id, 1–5 stars, their words, the NPS answer (0–10 or
/// null when skipped), when it was left (UTC) and whether moderation hid it.
/// </summary>
public sealed record PatientReview(Guid ConsultationId, Guid DoctorId, int Stars, string Text, int? Nps, DateTime CreatedAt, bool Hidden);

/// <summary>The patient's reviews for the privacy module: the data export lists them, an erasure removes them.</summary>
public interface IReviewPrivacy
{
    /// <summary>The reviews about the patient's visits (by directory patient id), oldest first; each read is audited.</summary>
    Task<IReadOnlyList<PatientReview>> ReviewsOfAsync(Guid patientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the patient's reviews (text, stars and NPS answer: a review is the patient's own words, not part of the medical record,
    /// so nothing of it is kept); the doctors' averages and NPS change accordingly. Idempotent; returns how many were deleted.
    /// </summary>
    Task<int> EraseReviewsOfAsync(Guid patientId, CancellationToken cancellationToken = default);
}
