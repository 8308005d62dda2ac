using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Labs.Contracts;

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

    public static readonly Error DuplicateReferral = new("clinical.duplicate_referral", "The same referral is listed twice.", ErrorKind.Unprocessable);

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

    /// <summary>
    /// A specialist referral names a specialty the directory knows (<see cref="SpecialtyCodes"/>, <c>GET /specialties</c>), written as
    /// its code whatever the letter case or spaces ("Cardiology " → "cardiology"); "astrology" is 422
    /// <c>clinical.unknown_referral_target</c> naming <c>referrals[i].target</c>. Other kinds, and an empty target (that is
    /// <see cref="EmptyReferral"/>'s to say), pass unchanged.
    /// </summary>
    public static Result<ProtocolReferral> ASpecialistReferralNamesAKnownSpecialty(ProtocolReferral referral, int index)
    {
        if (referral.Kind != ReferralKind.Specialist || string.IsNullOrWhiteSpace(referral.Target))
        {
            return referral;
        }

        return SpecialtyCodes.Normalise(referral.Target) is { } code
            ? referral with { Target = code }
            : UnknownReferralTarget(index, "Not a specialty the clinic knows; pick one of GET /specialties.");
    }

    /// <summary>
    /// A lab referral names a test by name (kept as typed: a doctor may ask for a test the catalogue lacks) or by LOINC code. A
    /// LOINC-shaped target (digits, a hyphen, a check digit) has the right Mod-10 check digit and is in the clinic's lab catalogue
    /// (<paramref name="catalogueCode"/> gives the catalogue's spelling, or null), and is stored as the catalogue writes it;
    /// otherwise 422 <c>clinical.unknown_referral_target</c> naming <c>referrals[i].target</c>. Other kinds pass unchanged.
    /// </summary>
    public static Result<ProtocolReferral> ALabReferralsLoincCodeIsCatalogued(ProtocolReferral referral, int index, Func<string, string?> catalogueCode)
    {
        if (referral.Kind != ReferralKind.LabTest || !LoincCodes.IsShaped(referral.Target))
        {
            return referral;
        }

        if (!LoincCodes.HasValidCheckDigit(referral.Target))
        {
            return UnknownReferralTarget(index, "Not a LOINC code: its check digit is wrong (a mistyped digit?).");
        }

        return catalogueCode(referral.Target.Trim()) is { } code
            ? referral with { Target = code }
            : UnknownReferralTarget(index, "This LOINC code is not in the clinic's lab catalogue.");
    }

    /// <summary>Every referral's target as its code (see the two rules above), or the first refusal.</summary>
    public static Result<IReadOnlyList<ProtocolReferral>> ReferralTargetsAreKnownCodes(IReadOnlyList<ProtocolReferral> referrals, Func<string, string?> labCatalogueCode)
    {
        var coded = new List<ProtocolReferral>(referrals.Count);
        for (var i = 0; i < referrals.Count; i++)
        {
            var specialty = ASpecialistReferralNamesAKnownSpecialty(referrals[i], i);
            var checkedReferral = specialty.IsSuccess ? ALabReferralsLoincCodeIsCatalogued(specialty.Value, i, labCatalogueCode) : specialty;
            if (!checkedReferral.IsSuccess)
            {
                return checkedReferral.Error!;
            }

            coded.Add(checkedReferral.Value);
        }

        return coded;
    }

    /// <summary>
    /// No referral is listed twice: the same kind with the same target (after the codes above; letter case ignored) is 422
    /// <see cref="DuplicateReferral"/> naming the repeat's <c>referrals[i].target</c>. An in-person visit's target is optional
    /// free text, so two in-person referrals are the same only when their notes are the same too.
    /// </summary>
    public static Error? NoReferralIsListedTwice(IReadOnlyList<ProtocolReferral> referrals)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < referrals.Count; i++)
        {
            var r = referrals[i];
            var key = $"{r.Kind}\n{r.Target.Trim()}" + (r.Kind == ReferralKind.InPersonVisit ? $"\n{r.Note?.Trim()}" : "");
            if (!seen.Add(key))
            {
                return DuplicateReferral with
                {
                    FieldErrors = new Dictionary<string, string[]> { [$"referrals[{i}].target"] = ["This referral is already listed."] },
                };
            }
        }

        return null;
    }

    /// <summary>A referral's target is not a code it must be (a specialty, a catalogued LOINC code); the field names which and why.</summary>
    private static Error UnknownReferralTarget(int index, string why) =>
        new Error("clinical.unknown_referral_target", "A referral names a specialty or a lab test the clinic does not know.", ErrorKind.Unprocessable,
            new Dictionary<string, string[]> { [$"referrals[{index}].target"] = [why] });

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
