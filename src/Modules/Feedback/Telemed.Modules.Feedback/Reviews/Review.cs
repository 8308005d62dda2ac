using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Feedback.Reviews;

/// <summary>
/// A patient's review of one completed visit: 1–5 stars, their words (≤ 2,000 characters, may be empty, encrypted at rest) and
/// the NPS answer 0–10, or null when they skipped the question (a skipped answer is not a detractor: it is left out of NPS).
/// One per consultation, which a unique index keeps. Admins hide a review with a reason (encrypted) and show it again;
/// a hidden review leaves the doctor's public list, average and count. Times are UTC instants. The patient and the doctor are
/// kept as directory ids and user ids so the public list (by directory doctor id) and the figures (by user id) need no joins.
/// </summary>
internal sealed class Review : IPhiRecord
{
    public const string RecordType = "Review";
    public const int MaxTextLength = 2000;
    public const int MaxReasonLength = 500;

    private Review()
    {
    }

    public Guid Id { get; private set; }
    public Guid ConsultationId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid PatientUserId { get; private set; }

    /// <summary>The account that wrote it: the patient, or a guardian for a child.</summary>
    public Guid AuthorUserId { get; private set; }
    public Guid DoctorUserId { get; private set; }

    /// <summary>The doctor's directory profile id (the public profile's id).</summary>
    public Guid DoctorId { get; private set; }
    public Guid? ClinicId { get; private set; }
    public int Stars { get; private set; }
    public string Text { get; private set; } = "";
    public int? Nps { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public bool Hidden { get; private set; }
    public string? HiddenReason { get; private set; }
    public Guid? HiddenByUserId { get; private set; }
    public DateTime? HiddenAt { get; private set; }
    public int Version { get; private set; }

    public string AuditRecordType => RecordType;
    public Guid AuditRecordId => Id;
    public Guid? AuditPatientId => PatientId;

    /// <summary>A new visible review; the caller has checked the rules (<see cref="ReviewRules"/>), the values are checked again here.</summary>
    public static Review Leave(Guid consultationId, Guid patientId, Guid patientUserId, Guid authorUserId, Guid doctorUserId, Guid doctorId, Guid? clinicId,
        int stars, string? text, int? nps, DateTime now)
    {
        if (!StarsAreOneToFive.Allows(stars) || !NpsIsZeroToTen.Allows(nps) || (text?.Length ?? 0) > MaxTextLength)
        {
            throw new ArgumentException("A review's stars, NPS answer or text are out of range.");
        }

        return new Review
        {
            Id = Guid.CreateVersion7(), ConsultationId = consultationId, PatientId = patientId, PatientUserId = patientUserId, AuthorUserId = authorUserId,
            DoctorUserId = doctorUserId, DoctorId = doctorId, ClinicId = clinicId, Stars = stars, Text = text?.Trim() ?? "", Nps = nps, CreatedAt = now,
        };
    }

    /// <summary>Hides it from the public with the admin's reason. Error: <c>feedback.review_already_hidden</c>.</summary>
    public Result Hide(string reason, Guid adminUserId, DateTime now)
    {
        if (Hidden)
        {
            return FeedbackErrors.AlreadyHidden;
        }

        Hidden = true;
        HiddenReason = reason.Trim();
        HiddenByUserId = adminUserId;
        HiddenAt = now;
        Version++;
        return Result.Success;
    }

    /// <summary>Shows a hidden review again; the last hiding's reason, admin and time are cleared (the audit trail keeps them). Error: <c>feedback.review_not_hidden</c>.</summary>
    public Result Show()
    {
        if (!Hidden)
        {
            return FeedbackErrors.NotHidden;
        }

        Hidden = false;
        HiddenReason = null;
        HiddenByUserId = null;
        HiddenAt = null;
        Version++;
        return Result.Success;
    }
}
