using Hl7.Fhir.Model;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Fhir.Resources.Labs;

/// <summary>How the Labs module's statuses, flags and units read in FHIR R4 (the rules docs/fhir.md lists).</summary>
internal static class LabFhirRules
{
    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string Interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string DiagnosticServiceSection = "http://terminology.hl7.org/CodeSystem/v2-0074";

    /// <summary>The requisition identifier system the lab gateway sends with every ServiceRequest of an order.</summary>
    public const string Requisition = "urn:telemed:lab-order";

    /// <summary>An order's status as a ServiceRequest's: awaitingLab → draft, sent → active, resultReceived → completed, cancelled → revoked.</summary>
    public static RequestStatus OrderStatusAsRequestStatus(string status) => status switch
    {
        LabOrderStatuses.AwaitingLab => RequestStatus.Draft,
        LabOrderStatuses.Sent => RequestStatus.Active,
        LabOrderStatuses.ResultReceived => RequestStatus.Completed,
        LabOrderStatuses.Cancelled => RequestStatus.Revoked,
        _ => RequestStatus.Unknown,
    };

    /// <summary>
    /// A report released to the patient is final; one received and not yet released is preliminary (the doctor still reviews it); one
    /// the lab withdrew after it was stored is entered-in-error (its values are not valid).
    /// </summary>
    public static DiagnosticReport.DiagnosticReportStatus ReportStatus(string status) => status switch
    {
        LabResultStatuses.Released => DiagnosticReport.DiagnosticReportStatus.Final,
        LabResultStatuses.Withdrawn => DiagnosticReport.DiagnosticReportStatus.EnteredInError,
        _ => DiagnosticReport.DiagnosticReportStatus.Preliminary,
    };

    /// <summary>The same rule for each value of the report: final once released, preliminary before, entered-in-error once withdrawn.</summary>
    public static ObservationStatus ValueStatus(string reportStatus) => reportStatus switch
    {
        LabResultStatuses.Released => ObservationStatus.Final,
        LabResultStatuses.Withdrawn => ObservationStatus.EnteredInError,
        _ => ObservationStatus.Preliminary,
    };

    /// <summary>The FHIR code system of why a value is missing.</summary>
    public const string DataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

    /// <summary>
    /// An exported value the lab gave no result for says so as FHIR does: a result the lab withdrew keeps its status
    /// (<c>cancelled</c>, <c>entered-in-error</c>) and no value; any other carries <c>dataAbsentReason</c> with the lab's code (in the
    /// data-absent-reason system) and words, or <c>unknown</c> when it gave none. Never a value, so no reader takes it for one.
    /// </summary>
    public static void NoResult(Observation observation, string? reason, string? words)
    {
        observation.Value = null;
        switch (reason)
        {
            case "cancelled":
                observation.Status = ObservationStatus.Cancelled;
                return;
            case "entered-in-error":
                observation.Status = ObservationStatus.EnteredInError;
                return;
            default:
                observation.DataAbsentReason = new CodeableConcept(DataAbsentReason, reason ?? "unknown", words ?? (reason is null ? "Unknown" : null), words);
                return;
        }
    }

    /// <summary>
    /// A value's flag as a v3-ObservationInterpretation coding: N normal, L low, H high, LL critical low, HH critical high; null when the
    /// value has no flag (or an unknown one).
    /// </summary>
    public static Coding? FlagAsInterpretation(string? flag) => flag switch
    {
        LabFlags.Normal => new Coding(Interpretation, "N", "Normal"),
        LabFlags.Low => new Coding(Interpretation, "L", "Low"),
        LabFlags.High => new Coding(Interpretation, "H", "High"),
        LabFlags.CriticalLow => new Coding(Interpretation, "LL", "Critical low"),
        LabFlags.CriticalHigh => new Coding(Interpretation, "HH", "Critical high"),
        _ => null,
    };

    /// <summary>
    /// Whether a unit reads as a UCUM code (then the quantity names the UCUM system and code): no spaces and only the characters of
    /// UCUM's grammar, e.g. <c>mmol/L</c>, <c>10*3/uL</c>, <c>m[IU]/L</c>, <c>%</c>. Units written for people ("cells per µL") do not.
    /// </summary>
    public static bool IsUcum(string? unit) =>
        !string.IsNullOrEmpty(unit) && unit.Length <= 40 && unit.All(c => char.IsAsciiLetterOrDigit(c) || "./*^[]{}%'-_".Contains(c));

    /// <summary>A quantity in the unit given, coded in UCUM when the unit is one.</summary>
    public static Quantity QuantityOf(decimal value, string? unit) => IsUcum(unit)
        ? new Quantity { Value = value, Unit = unit, System = Ucum, Code = unit }
        : new Quantity { Value = value, Unit = string.IsNullOrWhiteSpace(unit) ? null : unit };
}
