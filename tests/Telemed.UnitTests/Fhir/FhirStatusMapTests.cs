using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Fhir.Resources;
using Telemed.Modules.Fhir.Search;

namespace Telemed.UnitTests.Fhir;

public sealed class FhirStatusMapTests
{
    [Theory]
    [InlineData("scheduled", Encounter.EncounterStatus.Planned)]
    [InlineData("waiting", Encounter.EncounterStatus.Arrived)]
    [InlineData("inProgress", Encounter.EncounterStatus.InProgress)]
    [InlineData("completed", Encounter.EncounterStatus.Finished)]
    [InlineData("failed", Encounter.EncounterStatus.Cancelled)]
    [InlineData("somethingNew", Encounter.EncounterStatus.Unknown)]
    public void A_consultation_status_maps_to_its_Encounter_status(string status, Encounter.EncounterStatus expected) =>
        FhirStatusMaps.EncounterStatusOf(status).ShouldBe(expected);

    [Theory]
    [InlineData("active", MedicationRequest.MedicationrequestStatus.Active)]
    [InlineData("cancelled", MedicationRequest.MedicationrequestStatus.Cancelled)]
    [InlineData("expired", MedicationRequest.MedicationrequestStatus.Stopped)]
    [InlineData("draft", MedicationRequest.MedicationrequestStatus.Unknown)]
    public void A_prescription_status_maps_to_its_MedicationRequest_status(string status, MedicationRequest.MedicationrequestStatus expected) =>
        FhirStatusMaps.MedicationRequestStatusOf(status).ShouldBe(expected);

    [Theory]
    [InlineData("confirmed", "confirmed")]
    [InlineData("preliminary", "provisional")]
    public void A_diagnosis_certainty_maps_to_a_Condition_verification_status(string certainty, string expected) =>
        FhirStatusMaps.ConditionVerificationOf(certainty).ShouldBe(expected);

    [Theory]
    [InlineData(AuditActions.PhiRead, AuditEvent.AuditEventAction.R)]
    [InlineData(AuditActions.AccessDenied, AuditEvent.AuditEventAction.R)]
    [InlineData(AuditActions.PhiCreate, AuditEvent.AuditEventAction.C)]
    [InlineData(AuditActions.PhiUpdate, AuditEvent.AuditEventAction.U)]
    [InlineData(AuditActions.PhiDelete, AuditEvent.AuditEventAction.D)]
    [InlineData(AuditActions.BreakGlassGranted, AuditEvent.AuditEventAction.E)]
    public void An_audit_action_maps_to_an_AuditEvent_action(string action, AuditEvent.AuditEventAction expected) =>
        FhirStatusMaps.AuditEventActionOf(action).ShouldBe(expected);

    [Theory]
    [InlineData(AuditOutcome.Success, AuditEvent.AuditEventOutcome.N0)]
    [InlineData(AuditOutcome.Denied, AuditEvent.AuditEventOutcome.N4)]
    [InlineData(AuditOutcome.Failure, AuditEvent.AuditEventOutcome.N4)]
    public void An_audit_outcome_maps_to_an_AuditEvent_outcome(AuditOutcome outcome, AuditEvent.AuditEventOutcome expected) =>
        FhirStatusMaps.AuditEventOutcomeOf(outcome).ShouldBe(expected);

    [Theory]
    [InlineData("0195a0b2c3d4e5f60718293a4b5c6d7e-d0", 0)]
    [InlineData("0195a0b2c3d4e5f60718293a4b5c6d7e-d12", 12)]
    public void A_diagnosis_Condition_id_names_its_protocol_and_position(string id, int index) =>
        ConditionProvider.DiagnosisId(id).ShouldBe((Guid.Parse("0195a0b2c3d4e5f60718293a4b5c6d7e"), index));

    [Theory]
    [InlineData("0195a0b2c3d4e5f60718293a4b5c6d7e-c0")]
    [InlineData("0195a0b2-c3d4-e5f6-0718-293a4b5c6d7e")]
    [InlineData("0195a0b2c3d4e5f60718293a4b5c6d7e-dx")]
    public void A_profile_Condition_id_or_a_malformed_one_is_not_a_diagnosis_id(string id) =>
        ConditionProvider.DiagnosisId(id).ShouldBeNull();

    [Theory]
    [InlineData("_lastUpdated=2026-03-10", 1)]
    [InlineData("_lastUpdated=ge2026-03-10T09:00:00Z", 1)]
    [InlineData("_lastUpdated=lt2026-03-10", 0)]
    [InlineData("_lastUpdated=gt2026-03-10", 0)]
    public void Last_updated_is_a_date_search_on_meta_lastUpdated_for_every_type(string query, int expected)
    {
        var resource = new Encounter { Id = "e1", Meta = FhirMeta.Updated(new DateTime(2026, 3, 10, 9, 15, 0, DateTimeKind.Utc)) };
        var search = FhirSearch.Parse(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)), []).Value;
        FhirSearchMatcher.Filter([resource], search, []).Value.Count.ShouldBe(expected);
    }
}
