using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Telemed.Modules.Fhir.Resources;
using Telemed.Modules.Fhir.Resources.Labs;
using Telemed.Modules.Fhir.Search;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Privacy.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.UnitTests.Fhir;

public sealed class FhirLabsRecordsMappingTests
{
    [Theory]
    [InlineData("N", "N")]
    [InlineData("L", "L")]
    [InlineData("H", "H")]
    [InlineData("LL", "LL")]
    [InlineData("HH", "HH")]
    public void A_lab_flag_reads_as_the_v3_observation_interpretation_of_the_same_code(string flag, string code)
    {
        var coding = LabFhirRules.FlagAsInterpretation(flag)!;
        coding.System.ShouldBe("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation");
        coding.Code.ShouldBe(code);
    }

    [Fact]
    public void Critical_flags_are_named_critical_and_a_missing_or_unknown_flag_has_no_interpretation()
    {
        LabFhirRules.FlagAsInterpretation("LL")!.Display.ShouldBe("Critical low");
        LabFhirRules.FlagAsInterpretation("HH")!.Display.ShouldBe("Critical high");
        LabFhirRules.FlagAsInterpretation(null).ShouldBeNull();
        LabFhirRules.FlagAsInterpretation("X").ShouldBeNull();
    }

    [Theory]
    [InlineData(LabOrderStatuses.AwaitingLab, RequestStatus.Draft)]
    [InlineData(LabOrderStatuses.Sent, RequestStatus.Active)]
    [InlineData(LabOrderStatuses.ResultReceived, RequestStatus.Completed)]
    [InlineData(LabOrderStatuses.Cancelled, RequestStatus.Revoked)]
    public void An_order_status_reads_as_the_service_request_status(string status, RequestStatus expected) =>
        LabFhirRules.OrderStatusAsRequestStatus(status).ShouldBe(expected);

    [Fact]
    public void A_report_and_its_values_are_preliminary_until_released_and_final_after()
    {
        LabFhirRules.ReportStatus(LabResultStatuses.Received).ShouldBe(DiagnosticReport.DiagnosticReportStatus.Preliminary);
        LabFhirRules.ReportStatus(LabResultStatuses.Released).ShouldBe(DiagnosticReport.DiagnosticReportStatus.Final);
        LabFhirRules.ValueStatus(LabResultStatuses.Received).ShouldBe(ObservationStatus.Preliminary);
        LabFhirRules.ValueStatus(LabResultStatuses.Released).ShouldBe(ObservationStatus.Final);
    }

    [Fact]
    public void A_report_the_lab_withdrew_and_its_values_are_entered_in_error()
    {
        LabFhirRules.ReportStatus(LabResultStatuses.Withdrawn).ShouldBe(DiagnosticReport.DiagnosticReportStatus.EnteredInError);
        LabFhirRules.ValueStatus(LabResultStatuses.Withdrawn).ShouldBe(ObservationStatus.EnteredInError);
    }

    [Theory]
    [InlineData("mmol/L", true)]
    [InlineData("10*3/uL", true)]
    [InlineData("m[IU]/L", true)]
    [InlineData("%", true)]
    [InlineData("cells per uL", false)]
    [InlineData("мг/дл", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_unit_is_coded_in_UCUM_only_when_it_reads_as_a_UCUM_code(string? unit, bool ucum)
    {
        LabFhirRules.IsUcum(unit).ShouldBe(ucum);
        var quantity = LabFhirRules.QuantityOf(4.2m, unit);
        (quantity.System == "http://unitsofmeasure.org").ShouldBe(ucum);
        (quantity.Code == unit && ucum).ShouldBe(ucum);
    }

    [Fact]
    public void A_value_is_based_on_the_ordered_test_of_its_own_code_else_on_every_test_of_the_order()
    {
        var order = new LabOrderRecord(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, [new("58410-2", "CBC"), new("4548-4", "HbA1c")], null, null,
            LabOrderStatuses.ResultReceived, DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow);
        LabReportMapping.BasedOn(order, "4548-4").Select(r => r.Reference).ShouldBe([$"ServiceRequest/{order.OrderId:N}-1"]);
        LabReportMapping.BasedOn(order, "718-7").Count.ShouldBe(2);
        LabReportMapping.BasedOn(null, "718-7").ShouldBeEmpty();
    }

    /// <summary>A value the lab gave no result for is exported without a value: with the lab's withdrawing status, else a dataAbsentReason.</summary>
    [Theory]
    [InlineData("not-performed", "Specimen haemolysed", ObservationStatus.Final, "not-performed")]
    [InlineData(null, null, ObservationStatus.Final, "unknown")]
    [InlineData("cancelled", null, ObservationStatus.Cancelled, null)]
    [InlineData("entered-in-error", null, ObservationStatus.EnteredInError, null)]
    public void Given_a_value_without_a_result_When_exported_Then_it_has_no_value_and_says_why(string? reason, string? words, ObservationStatus status, string? absentCode)
    {
        var report = new LabReportRecord(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), LabResultStatuses.Released, null, "r1", null,
            DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow,
            [new LabObservationRecord(Guid.NewGuid(), "2823-3", "Potassium", null, null, "mmol/L", 3.5m, 5.1m, null, DateTime.UtcNow, reason, words)]);

        var observation = LabReportMapping.Observation(report, 0, null);

        observation.Value.ShouldBeNull();
        observation.Status.ShouldBe(status);
        observation.DataAbsentReason?.Coding.Single().Code.ShouldBe(absentCode);
        (observation.DataAbsentReason is null).ShouldBe(absentCode is null);
        if (words is not null)
        {
            observation.DataAbsentReason!.Text.ShouldBe(words);
        }
    }

    [Fact]
    public void Part_ids_of_orders_and_reports_round_trip_and_anything_else_names_nothing()
    {
        var id = Guid.NewGuid();
        LabIds.ParsePart(LabIds.Part(id, 3)).ShouldBe((id, 3));
        LabIds.ParsePart(id.ToString("D")).ShouldBeNull();
        LabIds.ParsePart($"{id:N}-x").ShouldBeNull();
        LabIds.ParsePart($"{id:N}--1").ShouldBeNull();
    }

    [Theory]
    [InlineData(true, 2, 2, Consent.ConsentState.Active)]
    [InlineData(true, 1, 2, Consent.ConsentState.Inactive)]
    [InlineData(false, 2, 2, Consent.ConsentState.Inactive)]
    public void A_consent_is_active_only_while_given_to_the_current_text(bool given, int version, int current, Consent.ConsentState expected) =>
        ConsentProvider.StatusOf(new ConsentRecord(Guid.NewGuid(), ConsentKinds.Recording, given, version, current, DateTime.UtcNow, null)).ShouldBe(expected);

    [Fact]
    public void Treatment_consent_has_the_treatment_scope_and_the_others_patient_privacy()
    {
        ConsentProvider.ScopeOf(ConsentKinds.Treatment).Code.ShouldBe("treatment");
        ConsentKinds.All.Where(k => k != ConsentKinds.Treatment).Select(k => ConsentProvider.ScopeOf(k).Code).ShouldAllBe(c => c == "patient-privacy");
    }

    [Fact]
    public void Document_types_map_to_LOINC_document_codes_and_other_to_text_only()
    {
        DocumentReferenceProvider.TypeOf("lab_result")!.Code.ShouldBe("11502-2");
        DocumentReferenceProvider.TypeOf("imaging")!.Code.ShouldBe("18748-4");
        DocumentReferenceProvider.TypeOf("discharge_summary")!.Code.ShouldBe("18842-5");
        DocumentReferenceProvider.TypeOf("referral")!.Code.ShouldBe("57133-1");
        DocumentReferenceProvider.TypeOf("other").ShouldBeNull();
    }

    [Fact]
    public void A_slot_id_names_the_doctor_start_and_kind_and_parses_back()
    {
        var slot = new ScheduleSlot(Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.InPerson, new DateTime(2026, 12, 3, 9, 30, 0, DateTimeKind.Utc),
            new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc), Busy: true);
        var id = SlotProvider.IdOf(slot);
        id.Length.ShouldBeLessThanOrEqualTo(64);
        SlotProvider.ParseId(id).ShouldBe((slot.DoctorId, slot.Start, AppointmentKind.InPerson));
        SlotProvider.ParseId($"{slot.DoctorId:N}-202612030930-x").ShouldBeNull();
        SlotProvider.ParseId("nonsense").ShouldBeNull();
        var mapped = SlotProvider.Map(slot, DateTimeOffset.UtcNow);
        mapped.Status.ShouldBe(Slot.SlotStatus.Busy);
        mapped.Schedule.Reference.ShouldBe($"Schedule/{slot.DoctorId:N}{slot.ClinicId:N}");
    }

    [Theory]
    [InlineData("", 0, 14)]
    [InlineData("start=ge2026-12-10", 9, 23)]
    [InlineData("start=2026-12-10", 9, 10)]
    [InlineData("start=ge2026-12-05&start=lt2026-12-08", 4, 7)]
    [InlineData("start=le2026-12-03", 0, 3)]
    [InlineData("start=gt2026-12-03&start=lt2026-12-05", 3, 4)]
    [InlineData("start=ge2026-12-01&start=le2027-12-01", 0, 62)]
    public void A_slot_search_covers_its_start_range_else_the_next_14_days_and_never_more_than_62(string query, int fromDays, int toDays)
    {
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var search = FhirSearch.Parse(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)), ["start", "schedule", "status"]).Value;
        var (from, to) = SlotProvider.Window(search, now);
        from.ShouldBe(now.AddDays(fromDays));
        to.ShouldBe(now.AddDays(toDays));
    }
}
