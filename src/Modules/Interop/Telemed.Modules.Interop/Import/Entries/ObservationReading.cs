using Hl7.Fhir.Model;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Interop.Import.Entries;

/// <summary>
/// Reads a FHIR Observation as an external lab value: a LOINC code is required, a Quantity (value and UCUM code or unit), string or
/// CodeableConcept value, an effective dateTime, instant or period start (UTC), the first reference range and an interpretation among
/// N, L, H, LL, HH. Errors: <c>import.observation_not_loinc</c>, <c>import.observation_no_value</c>, <c>import.observation_no_time</c>.
/// </summary>
internal static class ObservationReading
{
    public const string Loinc = "http://loinc.org";

    public static (ExternalObservation? Observation, EntryResult? Refusal) Read(Observation o)
    {
        var loinc = o.Code?.Coding.FirstOrDefault(c => c.System == Loinc && !string.IsNullOrWhiteSpace(c.Code));
        if (loinc is null)
        {
            return (null, EntryResult.Rejected("import.observation_not_loinc", "An Observation needs a LOINC code (system http://loinc.org)."));
        }

        decimal? value = null;
        string? text = null;
        string? unit = null;
        switch (o.Value)
        {
            case Quantity q when q.Value is { } v:
                value = v;
                unit = q.Code ?? q.Unit;
                break;
            case FhirString s when !string.IsNullOrWhiteSpace(s.Value):
                text = s.Value.Trim();
                break;
            case CodeableConcept c when EntryTexts.Of(c) is { } t:
                text = t;
                break;
            default:
                return (null, EntryResult.Rejected("import.observation_no_value", "An Observation needs a value (Quantity, string or CodeableConcept)."));
        }

        var effective = o.Effective switch
        {
            FhirDateTime dt when dt.TryToDateTimeOffset(out var d) => d,
            Instant i when i.Value is { } d => d,
            Period p when p.StartElement is { } s && s.TryToDateTimeOffset(out var d) => d,
            _ => (DateTimeOffset?)null,
        };
        if (effective is null)
        {
            return (null, EntryResult.Rejected("import.observation_no_time", "An Observation needs effectiveDateTime, effectiveInstant or effectivePeriod.start."));
        }

        var range = o.ReferenceRange.FirstOrDefault();
        var flag = o.Interpretation.SelectMany(i => i.Coding).Select(c => c.Code)
            .FirstOrDefault(c => c is LabFlags.Normal or LabFlags.Low or LabFlags.High or LabFlags.CriticalLow or LabFlags.CriticalHigh);
        var display = (o.Code!.Text ?? loinc.Display ?? loinc.Code!).Trim();
        return (new ExternalObservation(loinc.Code!.Trim(), display.Length <= 200 ? display : display[..200], value, text, unit, range?.Low?.Value,
            range?.High?.Value, flag, effective.Value.UtcDateTime), null);
    }
}
