using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Feedback.Reviews;

/// <summary>The feedback module's errors; the codes are the stable contract (the web app shows a message for each).</summary>
internal static class FeedbackErrors
{
    /// <summary>The consultation does not exist, or the caller is not its patient or their guardian (the same answer, so it reveals nothing).</summary>
    public static readonly Error ConsultationNotFound = new("feedback.consultation_not_found", "There is no such consultation of yours.", ErrorKind.NotFound);
    public static readonly Error VisitNotCompleted = new("feedback.visit_not_completed", "A review can be left only after the visit is completed.", ErrorKind.Conflict);
    public static readonly Error WindowClosed = new("feedback.review_window_closed", "It is too long since the visit to leave a review.", ErrorKind.Conflict);
    public static readonly Error ReviewExists = new("feedback.review_exists", "This visit has already been reviewed.", ErrorKind.Conflict);
    public static readonly Error ReviewNotFound = new("feedback.review_not_found", "There is no such review.", ErrorKind.NotFound);
    public static readonly Error DoctorNotFound = new("feedback.doctor_not_found", "There is no such doctor.", ErrorKind.NotFound);
    public static readonly Error DoctorUnknown = new("feedback.doctor_unknown", "The visit has no doctor to review.", ErrorKind.Conflict);
    public static readonly Error AlreadyHidden = new("feedback.review_already_hidden", "The review is already hidden.", ErrorKind.Conflict);
    public static readonly Error NotHidden = new("feedback.review_not_hidden", "The review is not hidden.", ErrorKind.Conflict);
    public static readonly Error Concurrent = new("feedback.review_changed", "Someone else changed the review; reload and try again.", ErrorKind.Conflict);
}
