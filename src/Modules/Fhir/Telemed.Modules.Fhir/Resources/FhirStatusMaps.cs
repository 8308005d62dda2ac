using Hl7.Fhir.Model;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Clinical.Contracts;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>How Telemed's own states become FHIR codes (docs/fhir.md lists the same tables).</summary>
internal static class FhirStatusMaps
{
    /// <summary>
    /// A consultation's status (camelCase) as an Encounter status: scheduled → planned, waiting (patient in the waiting room) →
    /// arrived, inProgress → in-progress, completed → finished, failed (never held or broken off) → cancelled; anything else unknown.
    /// </summary>
    public static Encounter.EncounterStatus EncounterStatusOf(string consultationStatus) => consultationStatus switch
    {
        "scheduled" => Encounter.EncounterStatus.Planned,
        "waiting" => Encounter.EncounterStatus.Arrived,
        "inProgress" => Encounter.EncounterStatus.InProgress,
        "completed" => Encounter.EncounterStatus.Finished,
        "failed" => Encounter.EncounterStatus.Cancelled,
        _ => Encounter.EncounterStatus.Unknown,
    };

    /// <summary>
    /// A signed prescription's status as a MedicationRequest status: active → active, cancelled (withdrawn by the prescriber) →
    /// cancelled, expired (validity over before it was used up) → stopped; anything else unknown. Dispensing progress is the
    /// pharmacy's and is not reflected (no "completed").
    /// </summary>
    public static MedicationRequest.MedicationrequestStatus MedicationRequestStatusOf(string prescriptionStatus) => prescriptionStatus switch
    {
        PrescriptionStatuses.Active => MedicationRequest.MedicationrequestStatus.Active,
        PrescriptionStatuses.Cancelled => MedicationRequest.MedicationrequestStatus.Cancelled,
        PrescriptionStatuses.Expired => MedicationRequest.MedicationrequestStatus.Stopped,
        _ => MedicationRequest.MedicationrequestStatus.Unknown,
    };

    /// <summary>A diagnosis's certainty as a Condition verificationStatus code: preliminary → provisional, confirmed → confirmed.</summary>
    public static string ConditionVerificationOf(string certainty) => certainty == "confirmed" ? "confirmed" : "provisional";

    /// <summary>
    /// An audit action as an AuditEvent action: a read (or a refused read) → R, a break-glass grant (an emergency access the
    /// doctor executed) → E, an update → U, a creation → C, a deletion → D.
    /// </summary>
    public static AuditEvent.AuditEventAction AuditEventActionOf(string action) => action switch
    {
        AuditActions.BreakGlassGranted => AuditEvent.AuditEventAction.E,
        AuditActions.PhiUpdate => AuditEvent.AuditEventAction.U,
        AuditActions.PhiCreate => AuditEvent.AuditEventAction.C,
        AuditActions.PhiDelete => AuditEvent.AuditEventAction.D,
        _ => AuditEvent.AuditEventAction.R,
    };

    /// <summary>An audit outcome as an AuditEvent outcome: success → 0, a refusal (or a failed request) → 4 (minor failure).</summary>
    public static AuditEvent.AuditEventOutcome AuditEventOutcomeOf(AuditOutcome outcome) =>
        outcome == AuditOutcome.Success ? AuditEvent.AuditEventOutcome.N0 : AuditEvent.AuditEventOutcome.N4;
}
