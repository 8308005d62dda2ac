namespace Telemed.Modules.Feedback.Reviews;

/// <summary>
/// The author's own review of a visit: stars 1–5, text, NPS answer 0–10 or null (skipped), created (UTC instant), and whether an
/// admin hid it (the reason is not shown to the patient: moderation notes are the admins').
/// </summary>
public sealed record MyReviewView(Guid Id, Guid ConsultationId, int Stars, string Text, int? Nps, DateTime CreatedAt, bool Hidden)
{
    internal static MyReviewView Of(Review r) => new(r.Id, r.ConsultationId, r.Stars, r.Text, r.Nps, r.CreatedAt, r.Hidden);
}

/// <summary>A review as the public sees it: stars, text and the day it was written (UTC date), never who wrote it ("Verified patient").</summary>
public sealed record PublicReviewView(Guid Id, int Stars, string Text, DateOnly Date);

/// <summary>
/// A doctor's visible reviews, newest first, one page of them: <paramref name="Average"/> is the mean of all visible reviews'
/// stars to one decimal (null when none), <paramref name="Count"/> how many are visible.
/// </summary>
public sealed record DoctorReviewsView(Guid DoctorId, decimal? Average, int Count, IReadOnlyList<PublicReviewView> Items, int Page, int PageSize);

/// <summary>
/// A review for moderation: the doctor (directory id, user id, display name), stars, text, NPS answer, created (UTC), and the hiding
/// (reason, admin, UTC time) when hidden. No patient identity: moderation judges the words, not the person.
/// </summary>
public sealed record AdminReviewView(Guid Id, Guid ConsultationId, Guid DoctorId, Guid DoctorUserId, string DoctorName, int Stars, string Text, int? Nps,
    DateTime CreatedAt, bool Hidden, string? HiddenReason, Guid? HiddenByUserId, DateTime? HiddenAt, int Version);

/// <summary>The body of POST /consultations/{id}/review: stars 1–5, text up to 2,000 characters (may be empty), NPS 0–10 or null to skip.</summary>
public sealed record LeaveReviewBody(int Stars, string? Text, int? Nps);

/// <summary>The body of POST /admin/reviews/{id}/hide: why (1–500 characters; kept encrypted and in the audit trail).</summary>
public sealed record HideReviewBody(string Reason);
