using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Clinical.Protocols;

/// <summary>The general rules of a visit protocol, each a sentence; jurisdiction rules live in <c>Jurisdictions</c>.</summary>
internal static class ProtocolRules
{
    public const int MaxSectionLength = 20_000;
    public const int MaxDiagnoses = 12;
    public const int MaxReferrals = 12;

    public static readonly Error OnePrimaryDiagnosis = new("clinical.one_primary_diagnosis",
        "A protocol has exactly one primary diagnosis; mark the others as secondary.", ErrorKind.Unprocessable);

    public static readonly Error DuplicateDiagnosis = new("clinical.duplicate_diagnosis", "The same ICD-10 code is listed twice.", ErrorKind.Unprocessable);

    public static readonly Error TooMany = new("clinical.too_many_entries",
        $"A protocol holds at most {MaxDiagnoses} diagnoses and {MaxReferrals} referrals.", ErrorKind.Unprocessable);

    public static readonly Error SectionTooLong = new("clinical.section_too_long",
        $"Each section of the protocol is limited to {MaxSectionLength} characters.", ErrorKind.Unprocessable);

    public static readonly Error FollowUpInThePast = new("clinical.follow_up_in_the_past",
        "The follow-up date must be after the visit.", ErrorKind.Unprocessable);

    /// <summary>The latest follow-up a protocol plans: five years covers yearly checks and long surveillance; 9999-12-31 was taken.</summary>
    public const int MaxFollowUpYears = 5;

    public static readonly Error FollowUpTooFar = new("clinical.follow_up_too_far",
        $"The follow-up date is at most {MaxFollowUpYears} years after the visit.", ErrorKind.Unprocessable);

    public static readonly Error EmptyReferral = new("clinical.empty_referral",
        "A referral to a specialist or for lab tests names what it is for.", ErrorKind.Unprocessable);

    public static readonly Error ConsultationNotStarted = Error.Conflict("clinical.consultation_not_started",
        "The protocol can be written once the consultation has started.");

    public static readonly Error ProtocolSigned = Error.Conflict("clinical.protocol_signed",
        "The protocol is signed and can no longer be edited; add a signed addendum instead.");

    public static readonly Error ProtocolNotSigned = Error.Conflict("clinical.protocol_not_signed",
        "Addenda are added to a signed protocol; edit the draft instead.");

    public static readonly Error ConsultationNotFinished = Error.Conflict("clinical.consultation_not_finished",
        "The protocol is signed once the consultation has ended.");

    public static readonly Error DiagnosisRequired = new("clinical.diagnosis_required",
        "A signed protocol has a primary diagnosis.", ErrorKind.Unprocessable);

    public static readonly Error EmptyAddendum = new("clinical.empty_addendum",
        $"An addendum has text (at most {MaxSectionLength} characters).", ErrorKind.Unprocessable);

    public static readonly Error ProtocolChanged = Error.Conflict("clinical.protocol_changed",
        "The protocol was changed elsewhere (another tab or device). Reload it to see the latest version.");

    /// <summary>With any diagnosis, exactly one is primary; no code twice; within the limits.</summary>
    public static Error? DiagnosesHaveExactlyOnePrimaryAndNoDuplicates(IReadOnlyList<ProtocolDiagnosis> diagnoses)
    {
        if (diagnoses.Count > MaxDiagnoses)
        {
            return TooMany;
        }

        if (diagnoses.Count > 0 && diagnoses.Count(d => d.Role == DiagnosisRole.Primary) != 1)
        {
            return OnePrimaryDiagnosis;
        }

        return diagnoses.Select(d => d.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count() == diagnoses.Count ? null : DuplicateDiagnosis;
    }

    /// <summary>Specialist and lab referrals name their target; within the limits.</summary>
    public static Error? ReferralsNameWhatTheyAreFor(IReadOnlyList<ProtocolReferral> referrals)
    {
        if (referrals.Count > MaxReferrals || referrals.Any(r => r.Target.Length > 200 || r.Note is { Length: > 1000 }))
        {
            return TooMany;
        }

        return referrals.Any(r => r.Kind != ReferralKind.InPersonVisit && string.IsNullOrWhiteSpace(r.Target)) ? EmptyReferral : null;
    }

    /// <summary>A follow-up is planned for a day after the visit's day (both the clinic's calendar dates).</summary>
    public static Error? FollowUpIsAfterTheVisit(DateOnly? followUpOn, DateOnly visitDay) =>
        followUpOn is { } day && day <= visitDay ? FollowUpInThePast
        : followUpOn is { } later && later > visitDay.AddYears(MaxFollowUpYears) ? FollowUpTooFar
        : null;

    /// <summary>The doctor writes the protocol of a consultation that is in progress or completed, not one still waiting.</summary>
    public static Error? TheConsultationHasStarted(string consultationStatus) =>
        consultationStatus is "inProgress" or "completed" ? null : ConsultationNotStarted;

    /// <summary>A protocol is signed after the consultation ended, with a primary diagnosis.</summary>
    public static Error? AProtocolIsSignedAfterTheVisitWithADiagnosis(string consultationStatus, IReadOnlyList<ProtocolDiagnosis> diagnoses) =>
        consultationStatus != "completed" ? ConsultationNotFinished
        : diagnoses.Any(d => d.Role == DiagnosisRole.Primary) ? null : DiagnosisRequired;

    /// <summary>An addendum has text within the section limit.</summary>
    public static Error? AnAddendumHasText(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Length > MaxSectionLength ? EmptyAddendum : null;

    /// <summary>Sections stay within <see cref="MaxSectionLength"/> characters.</summary>
    public static Error? SectionsAreWithinTheLimit(params string?[] sections) =>
        sections.Any(s => s is { Length: > MaxSectionLength }) ? SectionTooLong : null;
}
