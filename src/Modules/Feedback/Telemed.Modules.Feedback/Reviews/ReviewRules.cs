using Telemed.Modules.Consultations.Contracts;

namespace Telemed.Modules.Feedback.Reviews;

/// <summary>Stars are a whole number from 1 to 5.</summary>
internal static class StarsAreOneToFive
{
    public const int Min = 1;
    public const int Max = 5;

    public static bool Allows(int stars) => stars is >= Min and <= Max;
}

/// <summary>The NPS answer is a whole number from 0 to 10, or null when the patient skipped the question.</summary>
internal static class NpsIsZeroToTen
{
    public static bool Allows(int? nps) => nps is null or (>= 0 and <= 10);
}

/// <summary>
/// Only the visit's own patient (or their guardian) reviews it, and only once it is completed. Anyone else is told it does not
/// exist; the patient is told it is not completed yet.
/// </summary>
internal static class ReviewNeedsACompletedVisitOfThePatient
{
    /// <summary>The status name the consultations module gives a completed visit.</summary>
    public const string Completed = "completed";

    /// <summary>
    /// Null when the review may be left; else the error. <paramref name="isPatientOrGuardian"/>: the caller is the visit's patient
    /// (their account or their directory patient id) or a guardian of that patient.
    /// </summary>
    public static BuildingBlocks.Results.Error? Check(ConsultationRecord? visit, bool isPatientOrGuardian)
    {
        if (visit is null || !isPatientOrGuardian)
        {
            return FeedbackErrors.ConsultationNotFound;
        }

        if (visit.Status != Completed)
        {
            return FeedbackErrors.VisitNotCompleted;
        }

        return visit.DoctorUserId is null ? FeedbackErrors.DoctorUnknown : null;
    }
}

/// <summary>
/// A review is left within N days of the visit's end (setting <c>Feedback:ReviewWindowDays</c>, default 90): later, memory
/// fades and the doctor's figures should describe recent care. The day count is of whole 24-hour periods from the end (UTC);
/// a visit with no recorded end counts from its start, and one with neither is allowed.
/// </summary>
internal static class ReviewCanBeLeftWithinNDaysOfTheVisit
{
    public const int DefaultDays = 90;
    public const string Setting = "Feedback:ReviewWindowDays";

    public static bool Allows(DateTime? endedAt, DateTime? startedAt, DateTime now, int days) =>
        (endedAt ?? startedAt) is not { } visitTime || now <= visitTime.AddDays(days);
}

/// <summary>The public average: the mean of the visible reviews' stars rounded half away from zero to one decimal, null when there are none.</summary>
internal static class AverageStars
{
    public static decimal? Of(int count, long starsSum) =>
        count == 0 ? null : Math.Round((decimal)starsSum / count, 1, MidpointRounding.AwayFromZero);
}
