using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Jurisdictions;

namespace Telemed.Modules.Clinical.Protocols;

/// <summary>
/// What the jurisdiction allows in this visit, for the doctor's screen: the clinic's jurisdiction code (empty when none is
/// set), whether a prior in-person visit is on record, whether a confirmed diagnosis and new treatment are allowed, and
/// the rule's code when they are not (<c>clinical.confirmed_diagnosis_needs_in_person_visit</c>), so the UI explains it.
/// </summary>
public sealed record ProtocolPolicyView(string Jurisdiction, bool HasPriorInPersonVisit, bool MayConfirmDiagnosis, bool MayStartNewTreatment,
    bool InPersonReferralRequired, string? RestrictionCode);

/// <summary>
/// The patient's complaint beside the protocol: the one-line summary (in the reader's language, <c>Accept-Language</c>), their own
/// words as written and the triage priority name.
/// </summary>
public sealed record ProtocolComplaintView(string Summary, string Description, string Priority);

/// <summary>
/// A visit protocol. <c>Version</c> 0 means nothing is saved yet (the complaints section is pre-filled from the patient's
/// form, the summary line in the document's language: Russian for a clinic under Russian law, else the doctor's
/// <c>Accept-Language</c>); send the version back with the next save. <c>FollowUpOn</c> is a calendar date (yyyy-MM-dd); times are UTC.
/// </summary>
public sealed record ProtocolView(Guid ConsultationId, string Status, int Version, string Complaints, string HistoryOfPresentIllness,
    string ObjectiveFindings, string Recommendations, IReadOnlyList<ProtocolDiagnosis> Diagnoses, IReadOnlyList<ProtocolReferral> Referrals,
    DateOnly? FollowUpOn, DateTime? UpdatedAt, ProtocolPolicyView Policy, ProtocolComplaintView Complaint, DateTime? SignedAt, string? SignedBy,
    IReadOnlyList<AddendumView> Addenda);

/// <summary>A signed addendum: its text, when it was written (UTC) and who signed it.</summary>
public sealed record AddendumView(Guid Id, string Text, DateTime CreatedAt, string SignedBy);

internal static class ProtocolViewMapper
{
    public static ProtocolView Map(ProtocolSubject subject, VisitProtocol? protocol, IReadOnlyList<ProtocolAddendum>? addenda = null)
    {
        var c = subject.Consultation;
        var restriction = subject.Policy.MayConfirmDiagnosis(subject.Facts);
        var policy = new ProtocolPolicyView(subject.Policy.Code, subject.Facts.HasPriorInPersonVisit, restriction is null,
            subject.Policy.MayStartNewTreatment(subject.Facts) is null, subject.Policy.SignedProtocolIsComplete(subject.Facts, false) is not null,
            restriction?.Code);
        // Beside the protocol the doctor reads the summary in their own language; the pre-filled complaints section is part of
        // the document and is written in the document's language (Russian for a clinic under Russian law, DocumentLanguage).
        var complaint = new ProtocolComplaintView(c.ComplaintSummaryIn(ReaderLanguage.Current), c.ComplaintDescription, c.Priority);
        if (protocol is null)
        {
            var documentLanguage = DocumentLanguage.For(subject.Policy.Code, ReaderLanguage.Current);
            var prefill = string.Join("\n", new[] { c.ComplaintSummaryIn(documentLanguage), c.ComplaintDescription }.Where(s => s.Length > 0));
            return new ProtocolView(c.ConsultationId, "draft", 0, prefill, "", "", "", [], [], null, null, policy, complaint, null, null, []);
        }

        return new ProtocolView(c.ConsultationId, protocol.Status, protocol.Version, protocol.Complaints, protocol.HistoryOfPresentIllness,
            protocol.ObjectiveFindings, protocol.Recommendations, protocol.Diagnoses, protocol.Referrals, protocol.FollowUpOn, protocol.UpdatedAt,
            policy, complaint, protocol.SignedAt, protocol.SignedBy,
            [.. (addenda ?? []).Select(a => new AddendumView(a.Id, a.Text, a.CreatedAt, a.SignedBy))]);
    }
}
