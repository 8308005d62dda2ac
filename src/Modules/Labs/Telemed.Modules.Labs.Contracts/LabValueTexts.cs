namespace Telemed.Modules.Labs.Contracts;

/// <summary>
/// The bounds of a lab value's texts taken in from outside: a FHIR import's Observation (Interop) and a partner lab's report (the
/// lab gateway) keep the same, so what one path refuses the other does not store. Over a bound the value is refused, never cut: a
/// cut test name or narrative result stores something the lab did not say (and could split a character in two). Lengths are in
/// UTF-16 code units, as the rest of the record counts them.
/// </summary>
public static class LabValueTexts
{
    /// <summary>The longest test name kept (a LOINC long common name is shorter).</summary>
    public const int MaxDisplayLength = 200;

    /// <summary>The longest text value kept (a narrative result such as a culture's description).</summary>
    public const int MaxValueTextLength = 4_000;

    /// <summary>The longest unit taken in: UCUM units are a few characters ("mmol/L", "10*9/L"); a longer one is not a unit.</summary>
    public const int MaxUnitLength = 40;

    /// <summary>The longest code of why a value is missing (a FHIR data-absent-reason or status code such as <c>not-performed</c>; FHIR ids and codes fit 64).</summary>
    public const int MaxAbsentReasonLength = 64;

    /// <summary>The longest words the lab gives for why a value is missing ("Specimen haemolysed"), as long as a test name.</summary>
    public const int MaxAbsentReasonTextLength = 200;

    /// <summary>
    /// The first of a value's texts over its bound, as the field's name (<c>display</c>, <c>valueText</c>, <c>unit</c>,
    /// <c>absentReason</c>, <c>absentReasonText</c>) and its bound in characters; null when all fit (a missing text fits).
    /// </summary>
    public static (string Field, int Limit)? OverBound(string? display, string? valueText, string? unit, string? absentReason = null,
        string? absentReasonText = null) =>
        display is { Length: > MaxDisplayLength } ? ("display", MaxDisplayLength)
        : valueText is { Length: > MaxValueTextLength } ? ("valueText", MaxValueTextLength)
        : unit is { Length: > MaxUnitLength } ? ("unit", MaxUnitLength)
        : absentReason is { Length: > MaxAbsentReasonLength } ? ("absentReason", MaxAbsentReasonLength)
        : absentReasonText is { Length: > MaxAbsentReasonTextLength } ? ("absentReasonText", MaxAbsentReasonTextLength)
        : null;
}
