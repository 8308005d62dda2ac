using Hl7.Fhir.Model;
using Telemed.Modules.Labs.Contracts;

namespace Telemed.Modules.Interop.Import.Entries;

/// <summary>
/// Reads a FHIR Observation as an external lab value: a LOINC code is required, a Quantity (value and UCUM code or unit), string or
/// CodeableConcept value, an effective dateTime, instant or period start (UTC), the first reference range and an interpretation among
/// N, L, H, LL, HH; only a result the source calls final, amended or corrected (<see cref="NotFinal"/>). Errors:
/// <c>import.observation_not_final</c>, <c>import.observation_not_loinc</c>, <c>import.observation_no_value</c>, <c>import.observation_no_time</c>,
/// <c>import.observation_time_out_of_range</c>, <c>import.observation_bad_unit</c>, <c>import.observation_bad_range</c> (see <see cref="Malformed"/>).
/// </summary>
internal static class ObservationReading
{
    public const string Loinc = "http://loinc.org";

    /// <summary>The earliest specimen time taken in: nothing older is a lab value anyone measured.</summary>
    public static readonly DateTime Earliest = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// How far after the import's own clock a specimen time may lie: a sender's clock or a wrong offset can be a few hours off,
    /// a specimen from next year cannot be. A value dated in year 9999 was once taken in and stayed at the top of the record timeline.
    /// </summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromDays(1);

    /// <summary>The longest unit taken in (<see cref="LabValueTexts.MaxUnitLength"/>, the bound a partner lab's report keeps too).</summary>
    public const int MaxUnitLength = LabValueTexts.MaxUnitLength;

    /// <summary>The longest test name kept (<see cref="LabValueTexts.MaxDisplayLength"/>).</summary>
    public const int MaxDisplayLength = LabValueTexts.MaxDisplayLength;

    /// <summary>The longest text value kept (<see cref="LabValueTexts.MaxValueTextLength"/>).</summary>
    public const int MaxValueTextLength = LabValueTexts.MaxValueTextLength;

    /// <summary>
    /// The shape checks a lab value passes before it is recorded: a LOINC code is digits, a hyphen and their check digit ("718-7"; not
    /// "ZZZZ-9" or the mistyped "718-8"; not checked against the catalogue, as outside labs report tests this clinic does not order); a unit is at most <see cref="MaxUnitLength"/> characters; a reference range's low is not above its high.
    /// Errors: <c>import.observation_not_loinc</c>, <c>import.observation_bad_unit</c>, <c>import.observation_bad_range</c>.
    /// </summary>
    public static EntryResult? Malformed(string loincCode, string? unit, decimal? rangeLow, decimal? rangeHigh) =>
        !LoincCodes.HasValidCheckDigit(loincCode)
            ? EntryResult.Rejected("import.observation_not_loinc",
                "An Observation's LOINC code is digits, a hyphen and the Mod-10 check digit of those digits (e.g. 718-7, not 718-8).")
        : unit is { Length: > MaxUnitLength }
            ? EntryResult.Rejected("import.observation_bad_unit", $"An Observation's unit is at most {MaxUnitLength} characters (UCUM).")
        : rangeLow is { } low && rangeHigh is { } high && low > high
            ? EntryResult.Rejected("import.observation_bad_range", "An Observation's reference range has its low above its high.")
        : null;

    /// <summary>
    /// An imported value is released to the patient at once, with no doctor's review, so only a result its source calls valid is taken in:
    /// status <c>final</c>, <c>amended</c> or <c>corrected</c>. A <c>registered</c>, <c>preliminary</c> or <c>unknown</c> one is not a result
    /// yet, a <c>cancelled</c> or <c>entered-in-error</c> one was withdrawn by its source, and one without a status says neither: each is
    /// <c>import.observation_not_final</c>, nothing recorded.
    /// </summary>
    public static EntryResult? NotFinal(Observation o) => o.Status is ObservationStatus.Final or ObservationStatus.Amended or ObservationStatus.Corrected
        ? null
        : EntryResult.Rejected("import.observation_not_final",
            "An Observation is imported only when its status is final, amended or corrected (not registered, preliminary, cancelled, entered-in-error or unknown).");

    /// <summary>Reads <paramref name="o"/> as a lab value taken at or before <paramref name="nowUtc"/> (with <see cref="ClockTolerance"/>).</summary>
    public static (ExternalObservation? Observation, EntryResult? Refusal) Read(Observation o, DateTime nowUtc)
    {
        if (NotFinal(o) is { } notFinal)
        {
            return (null, notFinal);
        }

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
                return (null, EntryResult.Rejected("import.observation_no_value", "An Observation needs a value (Quantity, string or CodeableConcept); one with only a dataAbsentReason has no result to import."));
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

        var at = effective.Value.UtcDateTime;
        if (at < Earliest || at > nowUtc + ClockTolerance)
        {
            return (null, EntryResult.Rejected("import.observation_time_out_of_range",
                "An Observation's effective time must be a real specimen time: not before 1900 and not in the future."));
        }

        var range = o.ReferenceRange.FirstOrDefault();
        if (Malformed(loinc.Code!.Trim(), unit, range?.Low?.Value, range?.High?.Value) is { } malformed)
        {
            return (null, malformed);
        }

        var flag = o.Interpretation.SelectMany(i => i.Coding).Select(c => c.Code)
            .FirstOrDefault(c => c is LabFlags.Normal or LabFlags.Low or LabFlags.High or LabFlags.CriticalLow or LabFlags.CriticalHigh);
        var display = (o.Code!.Text ?? loinc.Display ?? loinc.Code!).Trim();
        if (display.Length > MaxDisplayLength)
        {
            return (null, EntryTexts.TooLong("The Observation's name (code.text or the LOINC display)", MaxDisplayLength));
        }

        if (text is { Length: > MaxValueTextLength })
        {
            return (null, EntryTexts.TooLong("The Observation's text value", MaxValueTextLength));
        }

        return (new ExternalObservation(loinc.Code!.Trim(), display, value, text, unit, range?.Low?.Value,
            range?.High?.Value, flag, at), null);
    }
}
