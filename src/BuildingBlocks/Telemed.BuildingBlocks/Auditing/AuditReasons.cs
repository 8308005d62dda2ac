using System.Text.RegularExpressions;

namespace Telemed.BuildingBlocks.Auditing;

/// <summary>
/// A reason the system wrote in the trail, read as a stable code the administrator's screen words in its own language:
/// <c>Code</c> (snake_case, e.g. <c>not_a_participant</c>) and the parts of the reason that are not words but values
/// (<c>endpoint</c> "GET /api/…", <c>roles</c> "Admin or FrontDesk", <c>hours</c>, <c>days</c>, a finding's <c>code</c>, a person's
/// <c>text</c>), keyed by name.
/// </summary>
public sealed record AuditReasonCode(string Code, IReadOnlyDictionary<string, string> Arguments);

/// <summary>
/// The fixed reasons the system writes in the audit trail, as written. The trail keeps them in English: entries are
/// hash-chained and exported as evidence, so a reason is never rewritten; the administrator's screen reads each as a code
/// (<see cref="Read"/>) and words it. A reason a person typed (a break-glass justification, a revocation's reason) has no
/// code and is shown as typed. A new fixed reason belongs here (<c>AuditReasonsTests</c> finds denials missing from it).
/// </summary>
public static class AuditReasons
{
    /// <summary>Fixed phrases (as written since they were first written) and their codes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Phrases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Refused access to a record (access.denied and the modules' own refusals).
        ["not a participant"] = "not_a_participant",
        ["not a participant of the call"] = "not_a_participant_of_the_call",
        ["not invited to the call"] = "not_invited_to_the_call",
        ["not a reader of its conversation or consultation"] = "not_a_reader_of_the_conversation",
        ["not the consultation's doctor"] = "not_the_consultations_doctor",
        ["not the assigned doctor"] = "not_the_assigned_doctor",
        ["not the ordering doctor"] = "not_the_ordering_doctor",
        ["not the doctor's own calendar"] = "not_the_doctors_own_calendar",
        ["not a doctor"] = "not_a_doctor",
        ["not the patient"] = "not_the_patient",
        ["not the patient or a guardian"] = "not_the_patient_or_a_guardian",
        ["not the patient or a treating doctor"] = "not_the_patient_or_a_treating_doctor",
        ["not the patient, a guardian or the prescriber"] = "not_the_patient_a_guardian_or_the_prescriber",
        ["not the patient, a guardian, front desk or admin"] = "not_the_patient_a_guardian_front_desk_or_admin",
        ["not the patient's prescription"] = "not_the_patients_prescription",
        ["not the patient's order"] = "not_the_patients_order",
        ["not the patient's entry"] = "not_the_patients_entry",
        ["not the patient's document"] = "not_the_patients_document",
        ["not the protocol's patient"] = "not_the_protocols_patient",
        ["visit summary of an unsigned protocol"] = "unsigned_protocol",
        ["not shared with this user"] = "not_shared_with_this_user",
        ["not allowed for this role"] = "not_allowed_for_this_role",
        ["not an administrator"] = "not_an_administrator",
        ["no care relationship"] = "no_care_relationship",
        ["no care access"] = "no_care_access",
        ["staff without clinical access"] = "staff_without_clinical_access",
        ["outside the token's patient scope"] = "outside_the_tokens_patient_scope",
        ["front desk sees payment status, not receipts"] = "front_desk_sees_payment_status",
        ["not a pharmacist of a pharmacy"] = "not_a_pharmacist",
        ["no verification code"] = "no_verification_code",
        ["unknown verification code"] = "unknown_verification_code",
        ["verification code does not match"] = "verification_code_does_not_match",
        ["not sent to this pharmacy"] = "not_sent_to_this_pharmacy",
        ["signature does not verify"] = "signature_does_not_verify",
        ["a field is longer than it is kept"] = "field_longer_than_kept",
        ["read"] = "reading_a_review",
        // Signing in and sessions.
        ["unknown account or no password"] = "unknown_account",
        ["locked out"] = "locked_out",
        ["wrong password"] = "wrong_password",
        ["wrong password; now locked out"] = "wrong_password_now_locked_out",
        ["suspended"] = "suspended",
        ["e-mail not verified"] = "email_not_verified",
        ["wrong or already used second factor"] = "wrong_second_factor",
        ["wrong current second factor"] = "wrong_current_second_factor",
        ["wrong authenticator code"] = "wrong_authenticator_code",
        ["current code"] = "with_current_code",
        ["recovery code"] = "with_recovery_code",
        ["password"] = "with_password",
        ["password+totp"] = "with_password_and_authenticator",
        ["password+recovery-code"] = "with_password_and_recovery_code",
        ["password+totp-enrolment"] = "with_password_at_authenticator_enrolment",
        ["token:password"] = "token_with_password",
        ["token:password+totp"] = "token_with_password_and_authenticator",
        ["idle"] = "session_idle",
        ["lifetime"] = "session_lifetime",
        ["sign-out"] = "signed_out",
        ["change"] = "password_changed",
        ["change: refused"] = "password_change_refused",
        // Scheduling, recordings, erasure.
        ["reminder link"] = "reminder_link",
        ["late"] = "late_cancellation",
        ["day off"] = "day_off",
        ["day off preview"] = "day_off",
        ["new hours preview"] = "new_hours",
        ["not stored"] = "not_stored",
        ["carried out"] = "carried_out",
    };

    /// <summary>Every code <see cref="Read"/> can answer: the phrases' and those of the reasons that carry values.</summary>
    public static IReadOnlySet<string> Codes { get; } = new HashSet<string>(
        Phrases.Values.Concat(["not_signed_in", "not_in_role", "not_allowed", "retention_unattached", "retention_draft_unsaved", "overridden_finding", "was_hidden"]), StringComparer.Ordinal);

    // Linear-time matching (NonBacktracking) rather than a time-out, which a starved CPU turned into a failed request.
    // The host's policy refusal: "not in role: Admin or FrontDesk required (GET /api/admin/users/{id})".
    private static readonly Regex PolicyRefusal = new(
        @"^(?<why>not signed in|not in role|not allowed)(?:: (?<roles>.+?) required)?(?: \((?<endpoint>[A-Z]+ \S.*)\))?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.NonBacktracking);

    private static readonly Regex UnattachedRetention = new(@"^retention: attached to nothing (?<hours>\d+) h after upload$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.NonBacktracking);

    private static readonly Regex UnsavedDraftRetention = new(@"^retention: not saved for (?<days>\d+) days$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.NonBacktracking);

    private static readonly Regex OverriddenFinding = new(@"^finding (?<code>[a-z_.]+)$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.NonBacktracking);

    private const string WasHiddenPrefix = "was hidden: ";

    /// <summary>
    /// The code of <paramref name="reason"/> as the trail holds it, or null when it is not one the system writes (a reason a
    /// person typed, an error code, a list of roles): then the screen shows it as written.
    /// </summary>
    public static AuditReasonCode? Read(string? reason)
    {
        if (string.IsNullOrEmpty(reason)) return null;
        if (Phrases.TryGetValue(reason, out var code)) return new AuditReasonCode(code, new Dictionary<string, string>());
        if (reason.StartsWith(WasHiddenPrefix, StringComparison.Ordinal))
        {
            return new AuditReasonCode("was_hidden", new Dictionary<string, string> { ["text"] = reason[WasHiddenPrefix.Length..] });
        }

        try
        {
            if (PolicyRefusal.Match(reason) is { Success: true } refusal)
            {
                var arguments = new Dictionary<string, string>();
                if (refusal.Groups["roles"].Success) arguments["roles"] = refusal.Groups["roles"].Value;
                if (refusal.Groups["endpoint"].Success) arguments["endpoint"] = refusal.Groups["endpoint"].Value;
                return new AuditReasonCode(refusal.Groups["why"].Value.Replace(' ', '_'), arguments);
            }

            if (UnattachedRetention.Match(reason) is { Success: true } retention)
            {
                return new AuditReasonCode("retention_unattached", new Dictionary<string, string> { ["hours"] = retention.Groups["hours"].Value });
            }

            if (UnsavedDraftRetention.Match(reason) is { Success: true } draft)
            {
                return new AuditReasonCode("retention_draft_unsaved", new Dictionary<string, string> { ["days"] = draft.Groups["days"].Value });
            }

            if (OverriddenFinding.Match(reason) is { Success: true } finding)
            {
                return new AuditReasonCode("overridden_finding", new Dictionary<string, string> { ["code"] = finding.Groups["code"].Value });
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A reason long enough to time out is not one the system wrote; it is shown as written.
        }

        return null;
    }
}
