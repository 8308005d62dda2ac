using Hl7.Fhir.Model;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Fhir.Resources.Labs;

/// <summary>A lab report as a DiagnosticReport and its values as Observations (one mapping for read, search and $everything).</summary>
internal static class LabReportMapping
{
    /// <summary>The ServiceRequests of the order a value answers: the test with the value's own code, else every test of the order (a panel).</summary>
    public static List<ResourceReference> BasedOn(LabOrderRecord? order, string? loincCode)
    {
        if (order is null)
        {
            return [];
        }

        var same = order.Tests.Select((t, i) => (t, i)).Where(x => x.t.LoincCode == loincCode).Select(x => x.i).ToList();
        return [.. (same.Count > 0 ? same : Enumerable.Range(0, order.Tests.Count)).Select(i => new ResourceReference($"ServiceRequest/{LabIds.Part(order.OrderId, i)}"))];
    }

    public static DateTimeOffset LastUpdated(LabReportRecord report) => FhirValues.Utc(report.ReleasedAt ?? report.ReceivedAt);

    public static Observation Observation(LabReportRecord report, int index, LabOrderRecord? order)
    {
        var value = report.Observations[index];
        var observation = new Observation
        {
            Id = LabIds.Part(report.ReportId, index),
            Meta = new Meta { LastUpdated = LastUpdated(report) },
            BasedOn = BasedOn(order, value.LoincCode),
            Status = LabFhirRules.ValueStatus(report.Status),
            Category = [new CodeableConcept(LabFhirRules.ObservationCategory, "laboratory", "Laboratory")],
            Code = new CodeableConcept(LabFhirRules.Loinc, value.LoincCode, value.Display, value.Display),
            Subject = FhirRefs.To("Patient", report.PatientId),
            Effective = new FhirDateTime(FhirValues.Utc(value.EffectiveAt)),
            IssuedElement = new Instant(FhirValues.Utc(report.IssuedAt)),
            Performer = order?.PartnerLabName is { } lab ? [new ResourceReference { Display = lab }] : [],
            Value = value.Value is { } number ? LabFhirRules.QuantityOf(number, value.Unit)
                : string.IsNullOrWhiteSpace(value.ValueText) ? null : new FhirString(value.ValueText),
        };
        if (value.Value is null && string.IsNullOrWhiteSpace(value.ValueText))
        {
            LabFhirRules.NoResult(observation, value.AbsentReason, value.AbsentReasonText);
        }

        if (LabFhirRules.FlagAsInterpretation(value.Flag) is { } interpretation)
        {
            observation.Interpretation = [new CodeableConcept { Coding = [interpretation], Text = interpretation.Display }];
        }

        if (value.RangeLow is not null || value.RangeHigh is not null)
        {
            observation.ReferenceRange =
            [
                new Observation.ReferenceRangeComponent
                {
                    Low = value.RangeLow is { } low ? LabFhirRules.QuantityOf(low, value.Unit) : null,
                    High = value.RangeHigh is { } high ? LabFhirRules.QuantityOf(high, value.Unit) : null,
                },
            ];
        }

        return observation;
    }

    public static DiagnosticReport Report(LabReportRecord report, LabOrderRecord? order)
    {
        var panel = report.PanelLoincCode is { } code ? order?.Tests.FirstOrDefault(t => t.LoincCode == code) : null;
        var effective = report.Observations.Count > 0 ? report.Observations.Min(o => o.EffectiveAt) : report.IssuedAt;
        return new DiagnosticReport
        {
            Id = report.ReportId.ToString("D"),
            Meta = new Meta { LastUpdated = LastUpdated(report) },
            Identifier = report.ExternalReportId is { } external ? [new Identifier { System = "urn:telemed:partner-lab-report", Value = external }] : [],
            BasedOn = BasedOn(order, null),
            Status = LabFhirRules.ReportStatus(report.Status),
            Category = [new CodeableConcept(LabFhirRules.DiagnosticServiceSection, "LAB", "Laboratory")],
            Code = report.PanelLoincCode is { } panelCode
                ? new CodeableConcept(LabFhirRules.Loinc, panelCode, panel?.Display, panel?.Display ?? "Laboratory report")
                : new CodeableConcept { Text = order is { Tests.Count: > 0 } ? string.Join(", ", order.Tests.Select(t => t.Display)) : "Laboratory report" },
            Subject = FhirRefs.To("Patient", report.PatientId),
            Effective = new FhirDateTime(FhirValues.Utc(effective)),
            IssuedElement = new Instant(FhirValues.Utc(report.IssuedAt)),
            Performer = order?.PartnerLabName is { } lab ? [new ResourceReference { Display = lab }] : [],
            Result = [.. report.Observations.Select((_, i) => new ResourceReference($"Observation/{LabIds.Part(report.ReportId, i)}"))],
            Conclusion = string.IsNullOrWhiteSpace(report.DoctorNote) ? null : report.DoctorNote,
        };
    }
}
